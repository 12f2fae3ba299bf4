import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { CompiledQueries } from '../database/compiled-queries';
import { SqlCondition } from '../database/sql-condition';

/** A row a page starts next to: its key and, in a sorted search, its sort column's value. */
export interface PageAnchor {
  key: number;
  sort?: unknown;
}

export interface PagedSearch {
  /** Over the searched alias (the SCIM filter translator's output). */
  condition?: SqlCondition;
  /** A column of the searched entity (its property has the same name); ties are broken by its key. */
  sortColumn?: string;
  /** Or an expression over the searched alias (a correlated subquery), with its named parameters. */
  sortExpression?: { sql: string; params: ObjectLiteral };
  descending?: boolean;
  /** Rows to skip from the start of the order (index paging). */
  offset: number;
  /** Or the rows right after this one in the order: a seek on the index, whatever the depth. */
  after?: PageAnchor;
  /** Or the rows right before this one; the page still comes back in the search's order. */
  before?: PageAnchor;
  limit: number;
}

export interface SearchPage<T> {
  total: number;
  rows: T[];
  /** Rows follow the page in the direction it was read (after it; before it for `before`). */
  more: boolean;
}

/** What is searched: the entity, its alias and key, and the scope every search keeps to. */
export interface SearchedEntity<T extends ObjectLiteral> {
  /** Names the compiled shapes of this search. */
  name: string;
  target: EntityTarget<T>;
  alias: string;
  key: string;
  /** The scope's WHERE clause over `alias`, with named parameters only. */
  scope: string;
}

/** The largest row key of an integer identity column on every dialect. */
const MAX_KEY = 2_147_483_647;
const MEMO_ENTRIES = 1000;
const MEMO_KEY_LENGTH = 4096;
const MEMO_SECONDS = 120;

/**
 * Where the last pages served ended, so that a client paging in order (`startIndex` 1, 101,
 * 201, …) is answered by a seek from the previous page's last row instead of walking the index
 * from the start: each page then costs the same at any depth. A page that starts where no page
 * ended, or more than two minutes later, walks. A seek continues after the row the client last
 * saw, so users added or removed before it meanwhile do not shift the pages.
 */
export class PageMemo {
  private readonly ends = new Map<string, { anchor: PageAnchor; until: number }>();

  get(key: string | undefined): PageAnchor | undefined {
    const end = key ? this.ends.get(key) : undefined;
    if (!end) return undefined;
    if (end.until < Date.now()) {
      this.ends.delete(key!);
      return undefined;
    }
    return end.anchor;
  }

  set(key: string | undefined, anchor: PageAnchor): void {
    if (!key) return;
    if (this.ends.size >= MEMO_ENTRIES) this.ends.clear();
    this.ends.set(key, { anchor, until: Date.now() + MEMO_SECONDS * 1000 });
  }
}

/**
 * One page of a filtered, sorted search and its total. Query texts are compiled once per shape
 * (filter structure, sort, direction, kind of start); only the values change between calls.
 *
 * Cost: a page read after an anchor (a cursor, or the memo of in-order paging) is a seek, flat
 * at any depth. A page at an offset walks the index from the nearer end: from the start in the
 * first half, backwards from the end in the second (the total is known by then). The total is
 * `counted` when the caller keeps it (an unfiltered list), else counted over the filter's
 * matches; a short first page is the whole result, so the usual provisioning lookup counts nothing.
 */
export async function pagedSearch<T extends ObjectLiteral>(
  queries: CompiledQueries,
  searched: SearchedEntity<T>,
  hydrate: (row: ObjectLiteral) => T,
  scopeParameters: ObjectLiteral,
  search: PagedSearch,
  options: {
    counted?: () => Promise<number>;
    memo?: PageMemo;
    /**
     * A column each row carries beside the entity's, as `attached` of the raw row `hydrate` gets
     * (an expression over the alias); only on pages read without an offset, else absent.
     */
    attach?: (manager: EntityManager) => string | undefined;
  } = {},
): Promise<SearchPage<T>> {
  const { alias, key } = searched;
  const condition = search.condition?.sql ?? '';
  const parameters = { ...scopeParameters, ...search.condition?.params };
  const filtered = (manager: EntityManager) => {
    const qb = manager.createQueryBuilder(searched.target, alias).where(searched.scope);
    if (condition) qb.andWhere(condition);
    return qb;
  };
  const count = async () => {
    if (options.counted) return options.counted();
    const [row] = await queries.rows<{ total: number | string }>(
      `${searched.name}:count:${condition}`,
      (manager) => filtered(manager).select('COUNT(1)', 'total'),
      parameters,
    );
    return Number(row.total);
  };
  if (search.limit === 0) return { total: await count(), rows: [], more: false };

  const sortedBy = search.sortColumn ?? search.sortExpression?.sql;
  const descending = Boolean(search.descending && sortedBy);
  const sortText = search.sortColumn ? `${alias}.${search.sortColumn}` : search.sortExpression?.sql;
  const dialect = queries.dialectType;
  // SQLite and SQL Server order NULL first when ascending, PostgreSQL last.
  const nullsFirstAscending = dialect !== 'postgres';
  const memoKey = memoKeyOf(searched.name, scopeParameters, search, sortedBy, descending);

  /** Reads `limit` rows from `skip`, in the order (or backwards), optionally after an anchor. */
  const read = async (backwards: boolean, skip: number, limit: number, anchor?: PageAnchor): Promise<T[]> => {
    const ascending = descending === backwards;
    const order = ascending ? 'ASC' : 'DESC';
    const seek = anchor ? seekCondition(alias, key, search.sortColumn ? sortText : undefined, anchor, ascending, nullsFirstAscending) : '';
    // The attached column only on a page read from its first row: a database computes the
    // columns of the rows an OFFSET skips too (measured: a page at offset 500,000 of a million
    // users took 5 s on PostgreSQL with it), so a page read at an offset comes without.
    const attach = skip === 0 ? options.attach : undefined;
    const rows = await queries.rows(
      `${searched.name}:page:${attach ? 'attached' : ''}:${sortedBy ?? ''}:${order}:${seek}:${condition}`,
      (manager) => {
        const qb = queries.selectEntity(filtered(manager), searched.target, alias);
        const attached = attach?.(manager);
        if (attached) qb.addSelect(attached, 'attached');
        if (seek) qb.andWhere(seek);
        if (sortText) qb.orderBy(sortText, order);
        qb.addOrderBy(`${alias}.${key}`, order);
        const page =
          dialect === 'mssql' ? ' OFFSET :pageOffset ROWS FETCH NEXT :pageSize ROWS ONLY' : ' LIMIT :pageSize OFFSET :pageOffset';
        return qb.getQuery() + page;
      },
      {
        ...parameters,
        ...search.sortExpression?.params,
        ...(anchor ? { seekKey: anchor.key, ...(anchor.sort === null || anchor.sort === undefined ? {} : { seekSort: anchor.sort }) } : {}),
        pageOffset: skip,
        pageSize: limit,
      },
    );
    const entities = rows.map(hydrate);
    return backwards ? entities.reverse() : entities;
  };
  const anchorOf = (row: T): PageAnchor => ({
    key: row[key] as number,
    ...(search.sortColumn ? { sort: (row as ObjectLiteral)[search.sortColumn] } : {}),
  });

  // A seek (a cursor): one row more than the page says whether more follow.
  const seekFrom = search.after ?? search.before;
  if (seekFrom && !search.sortExpression) {
    if (!anchorFits(seekFrom, search.sortColumn ? queries.valueKind(searched.target, search.sortColumn) : undefined)) {
      throw new AppError(ErrorCode.InvalidCursor, 'The cursor does not point into this list');
    }
    const backwards = Boolean(search.before);
    const rows = await read(backwards, 0, search.limit + 1, seekFrom);
    const more = rows.length > search.limit;
    const page = more ? (backwards ? rows.slice(1) : rows.slice(0, search.limit)) : rows;
    return { total: await count(), rows: page, more };
  }

  const remembered = search.sortExpression ? undefined : options.memo?.get(memoKey(search.offset));
  let rows: T[];
  let total: number;
  if (search.offset === 0 || remembered) {
    rows = await read(false, 0, search.limit, remembered);
    total = search.offset === 0 && rows.length < search.limit ? rows.length : await count();
  } else {
    total = await count();
    if (search.offset >= total) return { total, rows: [], more: false };
    const limit = Math.min(search.limit, total - search.offset);
    const fromEnd = total - search.offset - limit;
    rows = fromEnd < search.offset ? await read(true, fromEnd, limit) : await read(false, search.offset, limit);
  }
  if (rows.length === search.limit && !search.sortExpression)
    options.memo?.set(memoKey(search.offset + rows.length), anchorOf(rows[rows.length - 1]));
  return { total, rows, more: search.offset + rows.length < total };
}

/** An anchor a seek can bind: a row key, and a sort value of the sort column's kind (or none, NULL). */
function anchorFits(anchor: PageAnchor, kind: 'string' | 'number' | 'boolean' | 'date' | undefined): boolean {
  if (!Number.isSafeInteger(anchor.key) || anchor.key < 0 || anchor.key > MAX_KEY) return false;
  const sort = anchor.sort;
  if (kind === undefined || sort === null || sort === undefined) return kind !== undefined || sort === undefined;
  if (kind === 'date') return sort instanceof Date && !Number.isNaN(sort.getTime());
  if (kind === 'number') return typeof sort === 'number' && Number.isFinite(sort);
  return typeof sort === kind;
}

/**
 * The rows after the anchor in the order (key as the tie-breaker), NULL sort values placed as
 * the database orders them.
 */
function seekCondition(
  alias: string,
  key: string,
  sort: string | undefined,
  anchor: PageAnchor,
  ascending: boolean,
  nullsFirstAscending: boolean,
): string {
  const op = ascending ? '>' : '<';
  const byKey = `${alias}.${key} ${op} :seekKey`;
  if (!sort) return byKey;
  const nullsFirst = ascending === nullsFirstAscending;
  if (anchor.sort === null || anchor.sort === undefined) {
    const amongNulls = `(${sort} IS NULL AND ${byKey})`;
    return nullsFirst ? `(${amongNulls} OR ${sort} IS NOT NULL)` : amongNulls;
  }
  const pastValue = `(${sort} ${op} :seekSort OR (${sort} = :seekSort AND ${byKey}))`;
  return nullsFirst ? pastValue : `(${pastValue} OR ${sort} IS NULL)`;
}

/** The memo's key of a page of this search starting at an offset; none when the search is too long to keep. */
function memoKeyOf(
  name: string,
  scope: ObjectLiteral,
  search: PagedSearch,
  sortedBy: string | undefined,
  descending: boolean,
): (offset: number) => string | undefined {
  const base = JSON.stringify([name, scope, search.condition?.sql ?? '', search.condition?.params ?? {}, sortedBy ?? '', descending]);
  return (offset) => (base.length > MEMO_KEY_LENGTH ? undefined : `${base}@${offset}`);
}
