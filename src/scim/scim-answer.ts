import type { Response } from 'express';
import { ResourceSchemas, Json } from './schema/canonicalize';
import { parseAttributeList, project } from './schema/projection';

type Selectors = ReturnType<typeof parseAttributeList>;

/** Whether `attributes`/`excludedAttributes` leave a group's `members` in the answer. */
export function showsMembers(include: Selectors, exclude: Selectors): boolean {
  if (include?.length) return include.some((s) => s.attribute?.toLowerCase() === 'members');
  return !exclude?.some((s) => s.attribute?.toLowerCase() === 'members');
}

/** A resource as a service hands it to its controller: the body and its ETag. */
export interface ResourceResult {
  resource: Json;
  etag: string;
}

/** `attributes` / `excludedAttributes` of a request, read against a resource type's schemas. */
export class Projection {
  private constructor(
    readonly include: Selectors,
    readonly exclude: Selectors,
    /** The request named either parameter (a PATCH is then answered with the resource, RFC 7644 §3.5.2). */
    readonly asked: boolean,
  ) {}

  static of(query: Record<string, unknown>, schemas: ResourceSchemas): Projection {
    const asked = Object.keys(query).some((k) => ['attributes', 'excludedattributes'].includes(k.toLowerCase()));
    return new Projection(parseAttributeList(query.attributes, schemas), parseAttributeList(query.excludedAttributes, schemas), asked);
  }

  /** Whether the answer shows `members` (when not, a group's members are never read). */
  get showsMembers(): boolean {
    return showsMembers(this.include, this.exclude);
  }

  apply(resource: Json): Json {
    return project(resource, this.include, this.exclude);
  }
}

/**
 * Every SCIM resource answer, Users and Groups alike: the ETag header, `Location` for a new
 * resource (201), 304 for a matching `If-None-Match`, 204 for a PATCH answered without a
 * body, and the projection of the resource otherwise.
 */
export const answer = {
  created(res: Response, result: ResourceResult, projection: Projection): Json {
    res.setHeader('Location', String((result.resource.meta as Json).location));
    res.setHeader('ETag', result.etag);
    return projection.apply(result.resource);
  },

  read(res: Response, result: ResourceResult, projection: Projection, ifNoneMatch: string | undefined): Json | undefined {
    res.setHeader('ETag', result.etag);
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === result.etag || t.trim() === '*')) {
      res.status(304);
      return undefined;
    }
    return projection.apply(result.resource);
  },

  written(res: Response, result: ResourceResult, projection: Projection): Json {
    res.setHeader('ETag', result.etag);
    return projection.apply(result.resource);
  },

  /** 200 with the resource when there is one to show, else 204 with only the ETag. */
  patched(res: Response, result: Partial<ResourceResult> & { etag: string }, projection: Projection): Json | undefined {
    res.setHeader('ETag', result.etag);
    if (!result.resource) {
      res.status(204);
      return undefined;
    }
    res.status(200);
    return projection.apply(result.resource);
  },
};
