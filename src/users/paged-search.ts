import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { CompiledQueries } from '../database/compiled-queries';
import { SqlCondition } from '../database/sql-condition';

export interface PagedSearch {
  /** Over the searched alias (the SCIM filter translator's output). */
  condition?: SqlCondition;
  /** A column of the searched entity; ties are broken by its key. */
  sortColumn?: string;
  /** Or an expression over the searched alias (a correlated subquery), with its named parameters. */
  sortExpression?: { sql: string; params: ObjectLiteral };
  descending?: boolean;
  offset: number;
  limit: number;
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

/**
 * One page of a filtered, sorted search and its total. A short first page is the whole result
 * (the usual provisioning lookup), so no count query is needed then. Query texts are compiled
 * once per shape (filter structure, sort and page); only the values change between calls.
 */
export async function pagedSearch<T extends ObjectLiteral>(
  queries: CompiledQueries,
  searched: SearchedEntity<T>,
  hydrate: (row: ObjectLiteral) => T,
  scopeParameters: ObjectLiteral,
  search: PagedSearch,
): Promise<{ total: number; rows: T[] }> {
  const { alias, key } = searched;
  const condition = search.condition?.sql ?? '';
  const parameters = { ...scopeParameters, ...search.condition?.params };
  const filtered = (manager: EntityManager) => {
    const qb = manager.createQueryBuilder(searched.target, alias).where(searched.scope);
    if (condition) qb.andWhere(condition);
    return qb;
  };
  const count = async () => {
    const [row] = await queries.rows<{ total: number | string }>(
      `${searched.name}:count:${condition}`,
      (manager) => filtered(manager).select('COUNT(1)', 'total'),
      parameters,
    );
    return Number(row.total);
  };
  if (search.limit === 0) return { total: await count(), rows: [] };
  const sorted = search.sortColumn !== undefined || search.sortExpression !== undefined;
  const order = search.descending && sorted ? 'DESC' : 'ASC';
  // The page's offset and size are parameters, not part of the text: one compiled query serves every page.
  const rows = await queries.rows(
    `${searched.name}:page:${search.sortColumn ?? search.sortExpression?.sql ?? ''}:${order}:${condition}`,
    (manager) => {
      const qb = queries.selectEntity(filtered(manager), searched.target, alias);
      if (search.sortColumn) qb.orderBy(`${alias}.${search.sortColumn}`, order);
      else if (search.sortExpression) qb.orderBy(search.sortExpression.sql, order);
      qb.addOrderBy(`${alias}.${key}`, order);
      const page =
        manager.connection.driver.options.type === 'mssql'
          ? ' OFFSET :pageOffset ROWS FETCH NEXT :pageSize ROWS ONLY'
          : ' LIMIT :pageSize OFFSET :pageOffset';
      return qb.getQuery() + page;
    },
    { ...parameters, ...search.sortExpression?.params, pageOffset: search.offset, pageSize: search.limit },
  );
  const total = search.offset === 0 && rows.length < search.limit ? rows.length : await count();
  return { total, rows: rows.map(hydrate) };
}
