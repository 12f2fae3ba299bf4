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

/** PATCH answers 204 unless the client asked for the resource with `attributes`/`excludedAttributes`. */
export function patchAnswersBody(res: Response, etag: string, query: Record<string, unknown>): boolean {
  res.setHeader('ETag', etag);
  const wants = Object.keys(query).some((k) => ['attributes', 'excludedattributes'].includes(k.toLowerCase()));
  res.status(wants ? 200 : 204);
  return wants;
}
