import { createHash } from 'node:crypto';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { LIMITS } from '../common/input/limits';
import { PageAnchor, PagedSearch, SearchPage } from '../users/paged-search';
import { printFilter } from './filter/filter.printer';
import { ListQuery } from './scim-list';

/** How long a cursor may wait before its next page is asked for (advertised as `cursorTimeout`). */
export const CURSOR_TIMEOUT_SECONDS = 3600;

/** Where a cursor points: after or before a row, or (an order a seek cannot follow) at an offset. */
interface CursorState {
  /** Binds the cursor to the subscription, resource type, filter and order it was made for. */
  b: string;
  /** Expiry, seconds since the epoch. */
  x: number;
  /** 'a' after the anchor, 'b' before it. */
  d?: 'a' | 'b';
  k?: number;
  /** The anchor's sort value; a date as `{ "$d": iso }`. */
  s?: unknown;
  o?: number;
  /** The filtered total counted at the first page (an unfiltered list's is kept exact). */
  t?: number;
}

export interface ListedPage<E> {
  total: number;
  rows: E[];
  /** Index paging: the 1-based index of the first row. */
  startIndex?: number;
  nextCursor?: string;
  previousCursor?: string;
}

export interface PagingSubject<E> {
  idSubscription: number;
  resourceType: string;
  /** The sort column (its property on the row) when the order is by one; seeks follow it. */
  sortColumn?: string;
  /** The order is by an expression a seek cannot follow (cursors then hold offsets). */
  sortedByExpression: boolean;
  keyOf(row: E): number;
  /** Reads a page; `total` is the one the cursor carries for a filtered list. */
  read(start: Pick<PagedSearch, 'offset' | 'after' | 'before'>, limit: number, total?: number): Promise<SearchPage<E>>;
}

/**
 * Pages a list query: index paging (`startIndex`, `count`, RFC 7644 §3.4.2.4) or cursor paging
 * (`cursor`, `count`, RFC 9865). A cursor is opaque text (base64url) that names the row the next
 * or previous page starts next to, and is read back only for the subscription, resource type,
 * filter and order it was made for: anything else, or text that is not one of ours, is answered
 * `400 invalidCursor`; one older than CURSOR_TIMEOUT_SECONDS `400 expiredCursor`. It carries no
 * secret and grants nothing: the rows come from the caller's subscription whatever it says.
 */
export async function listPage<E>(query: ListQuery, subject: PagingSubject<E>): Promise<ListedPage<E>> {
  if (query.cursor === undefined) {
    const page = await subject.read({ offset: query.startIndex - 1 }, query.count);
    return { total: page.total, rows: page.rows, startIndex: query.startIndex };
  }
  const binding = bindingOf(query, subject);
  const state = query.cursor === '' ? undefined : decodeCursor(query.cursor, binding);
  const filtered = Boolean(query.filter);
  const carry = (total: number) => (filtered ? { t: total } : {});
  const make = (fields: Omit<CursorState, 'b' | 'x'>) => encodeCursor({ b: binding, x: expiry(), ...fields });
  const anchorOf = (row: E): PageAnchor => ({
    key: subject.keyOf(row),
    ...(subject.sortColumn ? { sort: (row as Record<string, unknown>)[subject.sortColumn] } : {}),
  });
  const count = query.count;

  if (subject.sortedByExpression || state?.o !== undefined) {
    const offset = state?.o ?? 0;
    const page = await subject.read({ offset }, count, state?.t);
    return {
      total: page.total,
      rows: page.rows,
      ...(page.more ? { nextCursor: make({ o: offset + count, ...carry(page.total) }) } : {}),
      ...(offset > 0 ? { previousCursor: make({ o: Math.max(0, offset - count), ...carry(page.total) }) } : {}),
    };
  }

  const anchor = state?.k !== undefined ? { key: state.k, ...(state.s !== undefined ? { sort: fromJson(state.s) } : {}) } : undefined;
  const backwards = state?.d === 'b';
  const page = await subject.read(
    anchor ? (backwards ? { offset: 0, before: anchor } : { offset: 0, after: anchor }) : { offset: 0 },
    count,
    state?.t,
  );
  // The rows at either end of the page; an empty page (its rows were removed) turns at the anchor itself.
  const first = page.rows.length ? anchorOf(page.rows[0]) : anchor;
  const last = page.rows.length ? anchorOf(page.rows[page.rows.length - 1]) : anchor;
  // Reading forwards, `more` says whether rows follow; backwards, whether rows precede.
  const hasNext = backwards ? true : page.more;
  const hasPrevious = backwards ? page.more : anchor !== undefined;
  const at = (a: PageAnchor, d: 'a' | 'b') =>
    make({ d, k: a.key, ...(a.sort !== undefined ? { s: toJson(a.sort) } : {}), ...carry(page.total) });
  return {
    total: page.total,
    rows: page.rows,
    ...(hasNext && last ? { nextCursor: at(last, 'a') } : {}),
    ...(hasPrevious && first ? { previousCursor: at(first, 'b') } : {}),
  };
}

function bindingOf(query: ListQuery, subject: PagingSubject<unknown>): string {
  const order = query.sortBy ? `${query.sortBy.schema ?? ''}:${query.sortBy.attribute}.${query.sortBy.subAttribute ?? ''}` : '';
  const text = [
    subject.idSubscription,
    subject.resourceType,
    query.filter ? printFilter(query.filter) : '',
    order.toLowerCase(),
    query.descending,
  ];
  return createHash('sha256').update(JSON.stringify(text)).digest('base64url').slice(0, 22);
}

function expiry(): number {
  return Math.floor(Date.now() / 1000) + CURSOR_TIMEOUT_SECONDS;
}

function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

function decodeCursor(text: string, binding: string): CursorState {
  let state: CursorState | undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    state = isCursorState(parsed) ? parsed : undefined;
  } catch {
    state = undefined;
  }
  if (!state || state.b !== binding) {
    throw new AppError(
      ErrorCode.InvalidCursor,
      'The cursor is not valid for this query: send it with the filter, sortBy and sortOrder of the request that returned it, or leave it empty for the first page',
    );
  }
  if (state.x * 1000 < Date.now()) {
    throw new AppError(ErrorCode.ExpiredCursor, `The cursor has expired: ask for the next page within ${CURSOR_TIMEOUT_SECONDS} seconds`);
  }
  return state;
}

function isCursorState(value: unknown): value is CursorState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const int = (x: unknown) => x === undefined || (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 && x <= LIMITS.maxOffset);
  const sort = v.s === undefined || v.s === null || ['string', 'number', 'boolean'].includes(typeof v.s) || isDate(v.s);
  return (
    typeof v.b === 'string' &&
    typeof v.x === 'number' &&
    (v.d === undefined || v.d === 'a' || v.d === 'b') &&
    int(v.k) &&
    int(v.o) &&
    int(v.t) &&
    sort &&
    (v.d === undefined) === (v.k === undefined)
  );
}

function isDate(value: unknown): value is { $d: string } {
  return typeof value === 'object' && value !== null && typeof (value as { $d?: unknown }).$d === 'string';
}

function toJson(value: unknown): unknown {
  return value instanceof Date ? { $d: value.toISOString() } : value;
}

function fromJson(value: unknown): unknown {
  if (!isDate(value)) return value;
  const date = new Date(value.$d);
  if (Number.isNaN(date.getTime())) throw new AppError(ErrorCode.InvalidCursor, 'The cursor is not valid for this query');
  return date;
}
