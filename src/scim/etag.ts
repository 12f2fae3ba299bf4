import type { Response } from 'express';
import { AppError, ErrorCode } from '../common/errors/app-error';

/** Sets the ETag and answers whether `If-None-Match` already holds it (then the caller sends 304). */
export function notModified(res: Response, etag: string, ifNoneMatch: string | undefined): boolean {
  res.setHeader('ETag', etag);
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
    res.status(304);
    return true;
  }
  return false;
}

/** Whether a PATCH asked for the resource back, with `attributes`/`excludedAttributes` (RFC 7644 §3.5.2: then 200). */
export function patchWantsResource(query: Record<string, unknown>): boolean {
  return Object.keys(query).some((k) => ['attributes', 'excludedattributes'].includes(k.toLowerCase()));
}

/**
 * Sets the ETag and the status of a PATCH answer: 200 with the resource when the client asked
 * for it or `byDefault` says so, else 204. Returns whether a body follows.
 */
export function patchAnswersBody(res: Response, etag: string, withResource: boolean): boolean {
  res.setHeader('ETag', etag);
  res.status(withResource ? 200 : 204);
  return withResource;
}

/** The weak ETag of a resource's row version: `W/"<version>"` (also `meta.version`). */
export const versionETag = (row: { version: number }) => `W/"${row.version}"`;

/** `If-Match` (RFC 7644 §3.14): a list of ETags or `*`; a mismatch answers 412. */
export function checkIfMatch(ifMatch: string | undefined, current: { version: number }): void {
  if (!ifMatch) return;
  const tags = ifMatch.split(',').map((t) => t.trim());
  if (tags.includes('*')) return;
  const version = String(current.version);
  if (!tags.some((t) => t.replace(/^W\//, '').replace(/"/g, '') === version)) {
    throw new AppError(ErrorCode.VersionMismatch, `If-Match does not match the current version ${versionETag(current)}`);
  }
}
