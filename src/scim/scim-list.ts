import { AppError, ErrorCode } from '../common/errors/app-error';
import { LIMITS } from '../common/input/limits';
import { ScimConfig } from '../config/app-config';
import { Filter, AttrPath } from './filter/filter.ast';
import { parseAttrPath, parseFilter } from './filter/filter.parser';
import { isObject, Json, ResourceSchemas } from './schema/canonicalize';
import { parseAttributeList, project } from './schema/projection';
import { LIST_RESPONSE_SCHEMA, SEARCH_REQUEST_SCHEMA } from './schema/scim-schemas';

/** Longer cursor text is no cursor of ours. */
const MAX_CURSOR_LENGTH = 2048;

export interface ListQuery {
  filter?: Filter;
  /** 1-based. */
  startIndex: number;
  count: number;
  /** Cursor paging (RFC 9865): '' asks for the first page, else the `nextCursor`/`previousCursor` of a page. */
  cursor?: string;
  sortBy?: AttrPath;
  descending: boolean;
  attributes?: ReturnType<typeof parseAttributeList>;
  excludedAttributes?: ReturnType<typeof parseAttributeList>;
}

/** What a list request may ask for: the page size and the filter's bounds. */
export type ListBounds = Pick<ScimConfig, 'maxPageSize' | 'limits'>;

/** Reads list parameters from a query string or a `.search` body (keys case-insensitive). */
export function parseListQuery(source: unknown, schemas: ResourceSchemas, bounds: ListBounds): ListQuery {
  const { maxPageSize } = bounds;
  const params: Json = isObject(source) ? source : {};
  const get = (name: string) => {
    const key = Object.keys(params).find((k) => k.toLowerCase() === name.toLowerCase());
    const value = key ? params[key] : undefined;
    return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : value;
  };
  const integer = (name: string, fallback: number) => {
    const raw = get(name);
    if (raw === undefined || raw === '') return fallback;
    const value = typeof raw === 'number' || (typeof raw === 'string' && /^\s*[+-]?\d+\s*$/.test(raw)) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value)) throw new AppError(ErrorCode.InvalidValue, `${name} must be an integer`);
    if (value > LIMITS.maxOffset) throw new AppError(ErrorCode.InvalidValue, `${name} must be at most ${LIMITS.maxOffset}`);
    return value;
  };
  const filterText = get('filter');
  if (filterText !== undefined && typeof filterText !== 'string') throw new AppError(ErrorCode.InvalidFilter, 'filter must be a string');
  const sortBy = get('sortBy');
  const sortOrder = get('sortOrder');
  if (sortOrder !== undefined && !['ascending', 'descending'].includes(String(sortOrder).toLowerCase())) {
    throw new AppError(ErrorCode.InvalidValue, 'sortOrder must be ascending or descending');
  }
  const cursor = get('cursor');
  if (cursor !== undefined) {
    if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]*$/.test(cursor)) {
      throw new AppError(ErrorCode.InvalidCursor, 'cursor must be empty (the first page) or a cursor this service returned');
    }
    const startIndex = get('startIndex');
    if (startIndex !== undefined && startIndex !== '') {
      throw new AppError(ErrorCode.InvalidValue, 'A request pages either by cursor or by startIndex, not both');
    }
  }
  return {
    filter: filterText ? parseFilter(filterText, bounds.limits) : undefined,
    cursor: cursor as string | undefined,
    startIndex: Math.max(1, integer('startIndex', 1)),
    count: Math.min(Math.max(0, integer('count', maxPageSize)), maxPageSize),
    sortBy: typeof sortBy === 'string' && sortBy ? parseAttrPath(sortBy, 0, ErrorCode.InvalidValue) : undefined,
    descending: String(sortOrder ?? '').toLowerCase() === 'descending',
    attributes: parseAttributeList(get('attributes'), schemas),
    excludedAttributes: parseAttributeList(get('excludedAttributes'), schemas),
  };
}

/** A `POST …/.search` body (RFC 7644 §3.4.3): a SearchRequest message with the list parameters. */
export function parseSearchRequest(body: unknown, schemas: ResourceSchemas, bounds: ListBounds): ListQuery {
  const key = isObject(body) ? Object.keys(body).find((k) => k.toLowerCase() === 'schemas') : undefined;
  const list = key ? (body as Json)[key] : undefined;
  if (!Array.isArray(list) || !list.some((s) => typeof s === 'string' && s.toLowerCase() === SEARCH_REQUEST_SCHEMA.toLowerCase())) {
    throw new AppError(ErrorCode.InvalidSyntax, `A search request's "schemas" must be ["${SEARCH_REQUEST_SCHEMA}"]`);
  }
  return parseListQuery(body, schemas, bounds);
}

/**
 * A ListResponse. Index paging states its `startIndex`; cursor paging (RFC 9865) its
 * `nextCursor` (absent on the last page) and `previousCursor` (absent on the first) instead.
 */
export function listResponse(
  total: number,
  paging: number | { nextCursor?: string; previousCursor?: string },
  resources: Json[],
  query: Pick<ListQuery, 'attributes' | 'excludedAttributes'>,
): Json {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: total,
    ...(typeof paging === 'number' ? { startIndex: paging } : {}),
    itemsPerPage: resources.length,
    ...(typeof paging === 'number' ? {} : paging),
    Resources: resources.map((r) => project(r, query.attributes, query.excludedAttributes)),
  };
}

/** The ListResponse of a listed page: its index, or its cursors. */
export function pageResponse(
  page: { total: number; startIndex?: number; nextCursor?: string; previousCursor?: string },
  resources: Json[],
  query: Pick<ListQuery, 'attributes' | 'excludedAttributes'>,
): Json {
  const { total, startIndex, nextCursor, previousCursor } = page;
  const cursors = { ...(nextCursor ? { nextCursor } : {}), ...(previousCursor ? { previousCursor } : {}) };
  return listResponse(total, startIndex ?? cursors, resources, query);
}
