import type { Response } from 'express';

/** Sets the ETag and answers whether `If-None-Match` already holds it (then the caller sends 304). */
export function notModified(res: Response, etag: string, ifNoneMatch: string | undefined): boolean {
  res.setHeader('ETag', etag);
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
    res.status(304);
    return true;
  }
  return false;
}

/** Whether a PATCH asked for the resource back, with `attributes`/`excludedAttributes`. */
export function patchWantsResource(query: Record<string, unknown>): boolean {
  return Object.keys(query).some((k) => ['attributes', 'excludedattributes'].includes(k.toLowerCase()));
}

/** PATCH answers 204 unless the client asked for the resource (see patchWantsResource). */
export function patchAnswersBody(res: Response, etag: string, query: Record<string, unknown>): boolean {
  res.setHeader('ETag', etag);
  const wants = patchWantsResource(query);
  res.status(wants ? 200 : 204);
  return wants;
}
