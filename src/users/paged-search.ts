import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { UserCondition } from './wf-user.repository';

export interface PagedSearch {
  condition?: UserCondition;
  /** A column of the searched entity; ties are broken by its key. */
  sortColumn?: string;
  descending?: boolean;
  offset: number;
  limit: number;
}

/**
 * One page of a filtered, sorted search and its total. A short first page is the whole result
 * (the usual provisioning lookup), so no count query is needed then.
 */
export async function pagedSearch<T extends ObjectLiteral>(
  base: () => SelectQueryBuilder<T>,
  alias: string,
  key: string,
  search: PagedSearch,
): Promise<{ total: number; rows: T[] }> {
  const filtered = () => {
    const qb = base();
    if (search.condition) qb.andWhere(search.condition.sql, search.condition.params);
    return qb;
  };
  if (search.limit === 0) return { total: await filtered().getCount(), rows: [] };
  const qb = filtered();
  if (search.sortColumn) qb.orderBy(`${alias}.${search.sortColumn}`, search.descending ? 'DESC' : 'ASC');
  qb.addOrderBy(`${alias}.${key}`, search.descending && search.sortColumn ? 'DESC' : 'ASC');
  const rows = await qb.offset(search.offset).limit(search.limit).getMany();
  const total = search.offset === 0 && rows.length < search.limit ? rows.length : await filtered().getCount();
  return { total, rows };
}
