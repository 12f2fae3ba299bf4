import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { chunks, ROWS_PER_INSERT } from '../database/chunks';
import { CompiledQueries } from '../database/compiled-queries';
import { CompiledWrites } from '../database/compiled-writes';
import { WFGroupMember } from './entities/wf-group-member.entity';
import { WFGroup } from './entities/wf-group.entity';
import { WFUserProperty } from './entities/wf-user-property.entity';
import { UserValueInput, VALUE_FIELDS, WFUserValue } from './entities/wf-user-value.entity';
import { WFUser } from './entities/wf-user.entity';

/** What the resources of users hold beyond their rows (see UserDetailsRepository.load). */
export interface UserDetails {
  values: Omit<WFUserValue, 'valueKey'>[];
  properties: Omit<WFUserProperty, 'valueKey'>[];
  groups: { idUser: number; guidGroup: string; displayName: string }[];
  /** The live manager of each user that has one; `idUser` is the managed user. */
  managers: { idUser: number; guidUser: string; fullName: string | null }[];
}

/** The columns of a details row: the user and the fields of a value row. */
const DETAIL_COLUMNS = ['idUser', 'idValue', ...VALUE_FIELDS] as const;
type DetailColumn = (typeof DETAIL_COLUMNS)[number];
type DetailRow = { kind: 'value' | 'property' | 'group' | 'manager' } & Partial<Record<DetailColumn, string | null>>;

/**
 * What a user's SCIM resource holds beyond the WFUser row: multi-valued attributes
 * (WFUserValue), custom properties (WFUserProperty), groups and the manager. Read for many users
 * in one statement, written as a set that is only touched when it changed.
 */
@Injectable()
export class UserDetailsRepository {
  private readonly queries: CompiledQueries;
  private readonly writes: CompiledWrites;
  private readonly toValue: (row: ObjectLiteral) => WFUserValue;

  private readonly dataSource: DataSource;

  constructor(@InjectRepository(WFUserValue) values: Repository<WFUserValue>) {
    this.dataSource = values.manager.connection;
    this.queries = new CompiledQueries(values.manager.connection);
    this.writes = CompiledWrites.of(values.manager.connection);
    this.toValue = this.queries.hydrator(WFUserValue, DETAIL_COLUMNS);
  }

  /**
   * Everything the SCIM resources of these users hold beyond their rows, read in one statement:
   * multi-valued attributes, custom properties, groups and the live manager. Each part is a
   * branch of a UNION ALL tagged by `kind`, its fields in the columns of a value row.
   */
  async load(idUsers: number[], manager?: EntityManager): Promise<UserDetails> {
    if (idUsers.length === 0) return this.collect([]);
    const rows = await this.queries.rows<DetailRow>(
      'details-of-users',
      (em) => this.branches(em, (column) => `${column} IN (:...idUsers)`),
      { idUsers },
      manager,
    );
    return this.collect(rows);
  }

  /** Whether attachedColumn reads details on this database. */
  get attaches(): boolean {
    return this.dataSource.options.type in JSON_OF;
  }

  /**
   * Where the database can build JSON (PostgreSQL, SQLite): an expression, over the alias of a
   * query's WFUser rows, that reads each user's details as a JSON array, so a query returning
   * users carries them in the same statement (see fromAttached). Undefined elsewhere (SQL Server):
   * the details are then read by load().
   */
  attachedColumn(em: EntityManager, userAlias: string): string | undefined {
    const json = JSON_OF[em.connection.options.type as string];
    if (!json) return undefined;
    const fields = ['kind', ...DETAIL_COLUMNS].map((c) => `'${c}', ${escape(em, 'd')}.${escape(em, c)}`).join(', ');
    const own = `${escape(em, userAlias)}.${escape(em, 'idUser')}`;
    return `(SELECT ${json.aggregate(json.object(fields))} FROM (${this.branches(em, (column) => `${column} = ${own}`)}) ${escape(em, 'd')})`;
  }

  /** The details carried by users' rows (attachedColumn), as load() returns them, in the same order. */
  fromAttached(attached: unknown[]): UserDetails {
    const rows: DetailRow[] = [];
    for (const value of attached) {
      const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
      if (Array.isArray(parsed)) rows.push(...(parsed as DetailRow[]));
    }
    return this.collect(rows);
  }

  /**
   * Detail rows sorted into the order they are answered in (sorted here, not by the database,
   * so the order is the same whatever the database's collation and whichever way they were read).
   */
  private collect(rows: DetailRow[]): UserDetails {
    const order = (row: DetailRow) => DETAIL_ORDER.map((c) => (c === 'kind' ? row.kind : row[c]));
    rows.sort((a, b) => compareTuples(order(a), order(b)));
    const details: UserDetails = { values: [], properties: [], groups: [], managers: [] };
    for (const row of rows) {
      const idUser = Number(row.idUser);
      switch (row.kind) {
        case 'value':
          details.values.push(this.toValue(row));
          break;
        case 'property':
          details.properties.push({ idUser, name: row.attribute!, value: row.value ?? null });
          break;
        case 'group':
          details.groups.push({ idUser, guidGroup: row.value!, displayName: row.display! });
          break;
        case 'manager':
          details.managers.push({ idUser, guidUser: row.value!, fullName: row.display ?? null });
          break;
      }
    }
    return details;
  }

  /** The UNION ALL of the detail rows of the users whose `idUser` column meets `ofUsers`. */
  private branches(em: EntityManager, ofUsers: (column: string) => string): string {
    // Every column as a raw expression: the builder then keeps the order given, which UNION needs.
    const column = (alias: string, name: string) => `${escape(em, alias)}.${escape(em, name)}`;
    const branch = (kind: DetailRow['kind'], qb: SelectQueryBuilder<ObjectLiteral>, fields: Partial<Record<DetailColumn, string>>) => {
      qb.select(`'${kind}'`, 'kind');
      for (const name of DETAIL_COLUMNS) qb.addSelect(fields[name] ?? 'NULL', name);
      return qb.getQuery();
    };
    const valueFields = Object.fromEntries(DETAIL_COLUMNS.map((name) => [name, column('v', name)]));
    return [
      branch('value', em.createQueryBuilder(WFUserValue, 'v').where(ofUsers(column('v', 'idUser'))), valueFields),
      branch('property', em.createQueryBuilder(WFUserProperty, 'p').where(ofUsers(column('p', 'idUser'))), {
        idUser: column('p', 'idUser'),
        attribute: column('p', 'name'),
        value: column('p', 'value'),
      }),
      branch(
        'group',
        em
          .createQueryBuilder(WFGroupMember, 'm')
          .innerJoin(WFGroup, 'g', 'g.idGroup = m.idGroup')
          .where(ofUsers(column('m', 'idUser'))),
        { idUser: column('m', 'idUser'), value: column('g', 'guidGroup'), display: column('g', 'displayName') },
      ),
      branch(
        'manager',
        em
          .createQueryBuilder(WFUser, 'mu')
          .innerJoin(WFUser, 'b', 'b.idUser = mu.idBossUser AND b.idSubscription = mu.idSubscription AND b.deletedAt IS NULL')
          .where(ofUsers(column('mu', 'idUser'))),
        { idUser: column('mu', 'idUser'), value: column('b', 'guidUser'), display: column('b', 'fullName') },
      ),
    ].join(' UNION ALL ');
  }

  /** A new user's value and property rows, for a write that inserts them with the user (their `idUser` is its id). */
  newRows(values: UserValueInput[], properties: { name: string; value: string | null }[]) {
    return [
      { target: WFUserValue, rows: values.map(valueRow), link: 'idUser' },
      {
        target: WFUserProperty,
        rows: properties.map((p) => ({ name: p.name, value: p.value, valueKey: valueKey(p.value) })),
        link: 'idUser',
      },
    ];
  }

  /**
   * Replaces the user's multi-valued attributes and custom properties with the given ones.
   * With `current` (the rows as read in this change) a set that is already as given is left
   * alone: most updates touch one attribute, and an unchanged set costs no writes; nor does
   * an empty one cost a delete (a new user has none).
   */
  async replace(
    idUser: number,
    values: UserValueInput[],
    properties: { name: string; value: string | null }[],
    manager: EntityManager,
    current?: { values: StoredValue[]; properties: Pick<WFUserProperty, 'name' | 'value'>[] },
  ): Promise<void> {
    if (!current || !sameRows(current.values, values, VALUE_FIELDS)) await this.replaceValues(idUser, values, manager, current?.values);
    if (!current || !sameRows(current.properties, properties, ['name', 'value'])) {
      if (!current || current.properties.length) await this.writes.delete(WFUserProperty, { idUser }, manager);
      const rows = properties.map((p) => ({ idUser, name: p.name, value: p.value, valueKey: valueKey(p.value) }));
      for (const chunk of chunks(rows, ROWS_PER_INSERT)) await this.writes.insert(WFUserProperty, chunk, manager);
    }
  }

  /**
   * Writes the user's values as given. With the rows as read (and their ids), only what differs
   * is written: a row already stored as given stays, a changed one is rewritten in place — a
   * PATCH that replaces the work email is one UPDATE — and what is left over is deleted or
   * inserted. Without them, the set is replaced whole.
   */
  private async replaceValues(idUser: number, values: UserValueInput[], manager: EntityManager, current?: StoredValue[]): Promise<void> {
    let added = values;
    if (current?.every((v) => v.idValue !== undefined)) {
      const keyOf = (v: UserValueInput) => JSON.stringify(VALUE_FIELDS.map((f) => v[f] ?? null));
      const left = [...current];
      added = [];
      for (const value of values) {
        const same = left.findIndex((stored) => keyOf(stored) === keyOf(value));
        if (same >= 0) left.splice(same, 1);
        else added.push(value);
      }
      for (const stored of left.splice(0, added.length))
        await this.writes.update(WFUserValue, valueRow(added.shift()!), { idValue: stored.idValue }, manager);
      for (const stored of left) await this.writes.delete(WFUserValue, { idValue: stored.idValue }, manager);
    } else if (!current || current.length) {
      await this.writes.delete(WFUserValue, { idUser }, manager);
    }
    // Every row sets every field, in one order: one statement text per number of rows.
    const rows = added.map((v) => ({ idUser, ...valueRow(v) }));
    for (const chunk of chunks(rows, ROWS_PER_INSERT)) await this.writes.insert(WFUserValue, chunk, manager);
  }
}

/** The order of detail rows: the order a user's values, groups and properties are answered in. */
const DETAIL_ORDER = ['kind', 'idUser', 'attribute', 'position', 'display'] as const;

/** JSON of rows per dialect: one object a row, an array of them. */
const JSON_OF: Record<string, { object: (fields: string) => string; aggregate: (object: string) => string }> = {
  postgres: { object: (fields) => `json_build_object(${fields})`, aggregate: (object) => `json_agg(${object})` },
  'better-sqlite3': { object: (fields) => `json_object(${fields})`, aggregate: (object) => `json_group_array(${object})` },
};

function escape(em: EntityManager, name: string): string {
  return em.connection.driver.escape(name);
}

/** Tuples compared as ORDER BY compares them: NULL first, then by value. */
function compareTuples(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i] ?? null, b[i] ?? null];
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    return (x as string | number) < (y as string | number) ? -1 : 1;
  }
  return 0;
}

/** A value row as read, with its id when it was read from the table. */
type StoredValue = UserValueInput & { idValue?: number };

/** A value's row: every field a client sets, in one order, and the derived key. */
function valueRow(value: UserValueInput) {
  return { ...pick(value, VALUE_FIELDS), valueKey: valueKey(value.value) };
}

/** The given fields of a row, each present (absent ones as null). */
function pick<R, K extends keyof R>(row: R, fields: readonly K[]): Pick<R, K> {
  return Object.fromEntries(fields.map((f) => [f, row[f] ?? null])) as Pick<R, K>;
}

/** Whether the stored rows hold exactly the given ones (in any order; absent and null are alike). */
function sameRows<R, I>(stored: R[], given: I[], fields: readonly (keyof R & keyof I)[]): boolean {
  if (stored.length !== given.length) return false;
  const keyOf = (row: R | I) => JSON.stringify(fields.map((f) => (row as R & I)[f] ?? null));
  const storedKeys = stored.map(keyOf).sort();
  return given
    .map(keyOf)
    .sort()
    .every((key, i) => key === storedKeys[i]);
}

/** The case-folded first 256 characters of a value: the indexed key of WFUserValue and WFUserProperty. */
function valueKey(value: string | null): string | null {
  return value === null ? null : value.toLowerCase().slice(0, 256);
}
