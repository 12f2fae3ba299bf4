import { AppError, ErrorCode } from '../common/errors/app-error';

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
