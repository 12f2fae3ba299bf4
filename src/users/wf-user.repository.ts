import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, IsNull, Like, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { CompiledQueries } from '../database/compiled-queries';
import { isUniqueViolation } from '../database/driver-errors';
import { chunks, ROWS_PER_INSERT } from '../database/chunks';
import { lockRows } from '../database/row-lock';
import { WFGroupMember } from './entities/wf-group-member.entity';
import { WFGroup } from './entities/wf-group.entity';
import { WFUserProperty } from './entities/wf-user-property.entity';
import { WFUserValue } from './entities/wf-user-value.entity';
import { WFUser } from './entities/wf-user.entity';
import { PagedSearch, pagedSearch, SearchedEntity } from './paged-search';
import { userNameKey } from './user-name-key';
import { UserNameTakenError, UserVersionConflictError } from './users.errors';

/** Writable attributes of a user: everything but identity, bookkeeping and the key columns. */
export type WFUserAttributes = Omit<
  WFUser,
  'idUser' | 'guidUser' | 'idSubscription' | 'userNameKey' | 'deletedAt' | 'createdAt' | 'updatedAt' | 'version'
>;

/** A new user's attributes: the userName, everything else empty, active. */
export function newUserAttributes(userName: string, attributes: Partial<WFUserAttributes> = {}): WFUserAttributes {
  return {
    userName,
    domain: null,
    fullName: null,
    givenName: null,
    familyName: null,
    middleName: null,
    honorificPrefix: null,
    honorificSuffix: null,
    formattedName: null,
    nickName: null,
    profileUrl: null,
    title: null,
    userType: null,
    preferredLanguage: null,
    locale: null,
    timezone: null,
    userEmail: null,
    mobile: null,
    externalId: null,
    employeeNumber: null,
    costCenter: null,
    organization: null,
    division: null,
    department: null,
    enabled: true,
    idBossUser: null,
    ...attributes,
  };
}

/** One value of a multi-valued attribute, as the SCIM layer hands it over. */
export type UserValueInput = Omit<WFUserValue, 'idValue' | 'idUser' | 'valueKey'>;

/** The fields of a value row that a client sets (identity and the derived key excluded). */
const VALUE_FIELDS = [
  'attribute',
  'type',
  'value',
  'display',
  'isPrimary',
  'formatted',
  'streetAddress',
  'locality',
  'region',
  'postalCode',
  'country',
  'position',
] as const satisfies readonly (keyof UserValueInput)[];

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

/** What the resources of users hold beyond their rows (see WFUserRepository.loadDetails). */
export interface UserDetails {
  values: Omit<WFUserValue, 'idValue' | 'valueKey'>[];
  properties: Omit<WFUserProperty, 'valueKey'>[];
  groups: { idUser: number; guidGroup: string; displayName: string }[];
  /** The live manager of each user that has one; `idUser` is the managed user. */
  managers: { idUser: number; guidUser: string; fullName: string | null }[];
}

/** The columns of a details row: the user and the fields of a value row. */
const DETAIL_COLUMNS = ['idUser', ...VALUE_FIELDS] as const;
type DetailColumn = (typeof DETAIL_COLUMNS)[number];
type DetailRow = { kind: 'value' | 'property' | 'group' | 'manager' } & Partial<Record<DetailColumn, string | null>>;

/** The users a SCIM client sees: the subscription's, not soft-deleted. */
const LIVE_USERS: SearchedEntity<WFUser> = {
  name: 'users',
  target: WFUser,
  alias: 'u',
  key: 'idUser',
  scope: 'u.idSubscription = :idSubscription AND u.deletedAt IS NULL',
};

/**
 * The only code that reads or writes WFUser. Every method is scoped to one subscription
 * (the tenant) and accepts the caller's transaction manager when it runs inside one.
 */
@Injectable()
export class WFUserRepository {
  private readonly queries: CompiledQueries;
  private readonly toUser: (row: ObjectLiteral) => WFUser;
  private readonly toValue: (row: ObjectLiteral) => WFUserValue;

  constructor(@InjectRepository(WFUser) private readonly users: Repository<WFUser>) {
    this.queries = new CompiledQueries(users.manager.connection);
    this.toUser = this.queries.hydrator(WFUser);
    this.toValue = this.queries.hydrator(WFUserValue, DETAIL_COLUMNS);
  }

  repository(manager?: EntityManager): Repository<WFUser> {
    return manager ? manager.getRepository(WFUser) : this.users;
  }

  /** Inserts a new user; a userName already held (case-insensitively) raises UserNameTakenError. */
  async create(idSubscription: number, attributes: WFUserAttributes, manager?: EntityManager): Promise<WFUser> {
    const now = new Date();
    const user: WFUser = this.repository(manager).create({
      ...attributes,
      guidUser: randomUUID(),
      idSubscription,
      userNameKey: userNameKey(attributes.userName),
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    try {
      const { identifiers } = await this.repository(manager).insert(user);
      user.idUser = identifiers[0].idUser as number;
      return user;
    } catch (error) {
      if (isUniqueViolation(error)) throw new UserNameTakenError(attributes.userName);
      throw error;
    }
  }

  /**
   * Live users of the subscription matching a condition, one page, with the total count.
   * Both queries are index-backed for the lookups provisioning clients make.
   */
  async search(idSubscription: number, search: PagedSearch): Promise<{ total: number; users: WFUser[] }> {
    const { total, rows } = await pagedSearch(this.queries, LIVE_USERS, this.toUser, { idSubscription }, search);
    return { total, users: rows };
  }

  /**
   * Everything the SCIM resources of these users hold beyond their rows, read in one statement:
   * multi-valued attributes, custom properties, groups and the live manager. Each part is a
   * branch of a UNION ALL tagged by `kind`, its fields in the columns of a value row.
   */
  async loadDetails(idUsers: number[], manager?: EntityManager): Promise<UserDetails> {
    const details: UserDetails = { values: [], properties: [], groups: [], managers: [] };
    if (idUsers.length === 0) return details;
    const rows = await this.queries.rows<DetailRow>('details-of-users', (em) => this.detailsQuery(em), { idUsers }, manager);
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

  private detailsQuery(em: EntityManager): string {
    const escape = (name: string) => em.connection.driver.escape(name);
    // Every column as a raw expression: the builder then keeps the order given, which UNION needs.
    const column = (alias: string, name: string) => `${escape(alias)}.${escape(name)}`;
    const branch = (kind: DetailRow['kind'], qb: SelectQueryBuilder<ObjectLiteral>, fields: Partial<Record<DetailColumn, string>>) => {
      qb.select(`'${kind}'`, 'kind');
      for (const name of DETAIL_COLUMNS) qb.addSelect(fields[name] ?? 'NULL', name);
      return qb.getQuery();
    };
    const valueFields = Object.fromEntries(DETAIL_COLUMNS.map((name) => [name, column('v', name)]));
    return [
      branch('value', em.createQueryBuilder(WFUserValue, 'v').where('v.idUser IN (:...idUsers)'), valueFields),
      branch('property', em.createQueryBuilder(WFUserProperty, 'p').where('p.idUser IN (:...idUsers)'), {
        idUser: column('p', 'idUser'),
        attribute: column('p', 'name'),
        value: column('p', 'value'),
      }),
      branch(
        'group',
        em.createQueryBuilder(WFGroupMember, 'm').innerJoin(WFGroup, 'g', 'g.idGroup = m.idGroup').where('m.idUser IN (:...idUsers)'),
        { idUser: column('m', 'idUser'), value: column('g', 'guidGroup'), display: column('g', 'displayName') },
      ),
      branch(
        'manager',
        em
          .createQueryBuilder(WFUser, 'u')
          .innerJoin(WFUser, 'b', 'b.idUser = u.idBossUser AND b.idSubscription = u.idSubscription AND b.deletedAt IS NULL')
          .where('u.idUser IN (:...idUsers)'),
        { idUser: column('u', 'idUser'), value: column('b', 'guidUser'), display: column('b', 'fullName') },
      ),
    ]
      .join(' UNION ALL ')
      .concat(` ORDER BY ${['kind', 'idUser', 'attribute', 'position', 'display'].map(escape).join(', ')}`);
  }

  /**
   * Replaces the user's multi-valued attributes and custom properties with the given ones.
   * With `current` (the rows as read in this change) a set that is already as given is left
   * alone: most updates touch one attribute, and an unchanged set costs no writes; nor does
   * an empty one cost a delete (a new user has none).
   */
  async replaceDetails(
    idUser: number,
    values: UserValueInput[],
    properties: { name: string; value: string | null }[],
    manager: EntityManager,
    current?: { values: UserValueInput[]; properties: Pick<WFUserProperty, 'name' | 'value'>[] },
  ): Promise<void> {
    if (!current || !sameRows(current.values, values, VALUE_FIELDS)) {
      if (!current || current.values.length) await manager.getRepository(WFUserValue).delete({ idUser });
      const rows = values.map((v) => ({ ...v, idUser, valueKey: valueKey(v.value) }));
      for (const chunk of chunks(rows, ROWS_PER_INSERT)) await manager.getRepository(WFUserValue).insert(chunk);
    }
    if (!current || !sameRows(current.properties, properties, ['name', 'value'])) {
      if (!current || current.properties.length) await manager.getRepository(WFUserProperty).delete({ idUser });
      for (const chunk of chunks(properties, ROWS_PER_INSERT))
        await manager.getRepository(WFUserProperty).insert(chunk.map((p) => ({ ...p, idUser, valueKey: valueKey(p.value) })));
    }
  }

  /** Live users of the subscription by SCIM id (group members, manager references). */
  findByGuids(idSubscription: number, guids: string[], manager?: EntityManager): Promise<WFUser[]> {
    if (guids.length === 0) return Promise.resolve([]);
    return this.repository(manager).findBy({ idSubscription, guidUser: In([...new Set(guids)]), deletedAt: IsNull() });
  }

  /**
   * Company-level administration only (company owners span the company's subscriptions):
   * the caller checks the subscription belongs to its company.
   */
  /**
   * A page of a subscription's users that are not deleted, by userName, optionally those whose
   * userName starts with `prefix` (on the unique index of the case-folded userName).
   */
  listLive(idSubscription: number, prefix: string | undefined, offset: number, limit: number): Promise<[WFUser[], number]> {
    const where = {
      idSubscription,
      deletedAt: IsNull(),
      ...(prefix ? { userNameKey: Like(`${withoutWildcards(userNameKey(prefix))}%`) } : {}),
    };
    return this.users.findAndCount({ where, order: { userNameKey: 'ASC' }, skip: offset, take: limit });
  }

  /** Users of a subscription that are not deleted, by whether they are active. */
  async countBySubscription(idSubscription: number): Promise<{ active: number; inactive: number }> {
    const [active, inactive] = await Promise.all([
      this.users.countBy({ idSubscription, deletedAt: IsNull(), enabled: true }),
      this.users.countBy({ idSubscription, deletedAt: IsNull(), enabled: false }),
    ]);
    return { active, inactive };
  }

  findByGuidInAnySubscription(guidUser: string, manager?: EntityManager): Promise<WFUser | null> {
    return this.repository(manager).findOneBy({ guidUser, deletedAt: IsNull() });
  }

  /** Company-level administration only; see findByGuidInAnySubscription. */
  findByIdsInAnySubscription(ids: number[], manager?: EntityManager): Promise<WFUser[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repository(manager).findBy({ idUser: In([...new Set(ids)]) });
  }

  /** A live (not soft-deleted) user by SCIM id. */
  async findByGuid(idSubscription: number, guidUser: string, manager?: EntityManager): Promise<WFUser | null> {
    const [user] = await this.findWhere('by-guid', `${LIVE_USERS.scope} AND u.guidUser = :guidUser`, { idSubscription, guidUser }, manager);
    return user ?? null;
  }

  /** A live user by userName, compared case-insensitively. */
  async findByUserName(idSubscription: number, userName: string, manager?: EntityManager): Promise<WFUser | null> {
    const key = userNameKey(userName);
    const [user] = await this.findWhere('by-user-name', `${LIVE_USERS.scope} AND u.userNameKey = :key`, { idSubscription, key }, manager);
    return user ?? null;
  }

  /** Any row holding the userName, soft-deleted ones included (a re-provisioned user gets its row back). */
  async findByUserNameIncludingDeleted(idSubscription: number, userName: string, manager?: EntityManager): Promise<WFUser | null> {
    const key = userNameKey(userName);
    const [user] = await this.findWhere(
      'by-user-name-any',
      'u.idSubscription = :idSubscription AND u.userNameKey = :key',
      { idSubscription, key },
      manager,
    );
    return user ?? null;
  }

  /**
   * Writes the changed attributes if the row still has the version the caller read, bumping
   * the version. Raises UserVersionConflictError when another write came first.
   */
  update(user: WFUser, changes: Partial<WFUserAttributes>, manager?: EntityManager): Promise<WFUser> {
    // Only the columns that differ are written: an index whose columns are untouched is not
    // rewritten, which is most of an update's cost on every database.
    const next: Partial<WFUser> = {};
    for (const [column, value] of Object.entries(changes) as [keyof WFUserAttributes, unknown][]) {
      if (value !== user[column]) (next as Record<string, unknown>)[column] = value;
    }
    if (next.userName !== undefined) next.userNameKey = userNameKey(next.userName);
    return this.writeVersioned(user, next, manager);
  }

  /**
   * Locks a live user of the subscription for a read-modify-write and reads it as it is now
   * (null when there is none). Concurrent writes to one user then run one after the other.
   */
  async lockLive(idSubscription: number, idUser: number, manager: EntityManager): Promise<WFUser | null> {
    const where = 'idUser = :idUser AND idSubscription = :idSubscription AND deletedAt IS NULL';
    if (!(await lockRows(manager, WFUser, 'version', where, { idUser, idSubscription }))) return null;
    return this.findById(idSubscription, idUser, manager);
  }

  /**
   * Locks a user that is to own something and confirms it is active. A deactivation takes the
   * same lock, so what is registered for the user is either there before it (and passes to the
   * heir) or refused after it.
   */
  async lockActive(idUser: number, manager: EntityManager): Promise<boolean> {
    return (
      (await lockRows(manager, WFUser, 'version', 'idUser = :idUser AND enabled = :enabled AND deletedAt IS NULL', {
        idUser,
        enabled: true,
      })) > 0
    );
  }

  private async findById(idSubscription: number, idUser: number, manager: EntityManager): Promise<WFUser | null> {
    const [user] = await this.findWhere('by-id', `${LIVE_USERS.scope} AND u.idUser = :idUser`, { idSubscription, idUser }, manager);
    return user ?? null;
  }

  /**
   * Takes a write lock on an heir and confirms it is still active: bumps its version only if
   * it is enabled and not deleted. A concurrent deactivation of the heir then either waits for
   * this transaction or sees the version move and retries, so nothing lands with an inactive user.
   */
  async claimActive(idUser: number, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(WFUser)
      .set({ version: () => 'version + 1' })
      .where('idUser = :idUser AND enabled = :enabled AND deletedAt IS NULL', { idUser, enabled: true })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Marks the user deleted and disabled; the row stays for audit and re-provisioning. */
  softDelete(user: WFUser, manager?: EntityManager): Promise<WFUser> {
    return this.writeVersioned(user, { enabled: false, deletedAt: new Date() }, manager);
  }

  /** Brings a soft-deleted row back to life, keeping its id, so a re-provisioned user is the same user. */
  restore(user: WFUser, changes: Partial<WFUserAttributes>, manager?: EntityManager): Promise<WFUser> {
    return this.writeVersioned(user, { ...changes, userNameKey: userNameKey(changes.userName ?? user.userName), deletedAt: null }, manager);
  }

  /** Users matching a fixed condition over alias `u`; `shape` names the condition. */
  private async findWhere(shape: string, where: string, parameters: ObjectLiteral, manager?: EntityManager): Promise<WFUser[]> {
    const rows = await this.queries.rows(
      `user:${shape}`,
      (em) => this.queries.selectEntity(em.createQueryBuilder(WFUser, 'u'), WFUser, 'u').where(where),
      parameters,
      manager,
    );
    return rows.map(this.toUser);
  }

  private async writeVersioned(user: WFUser, changes: Partial<WFUser>, manager?: EntityManager): Promise<WFUser> {
    const next: Partial<WFUser> = { ...changes, updatedAt: new Date(), version: user.version + 1 };
    let affected: number | undefined;
    try {
      const result = await this.repository(manager)
        .createQueryBuilder()
        .update(WFUser)
        .set(next)
        .where('idUser = :idUser AND version = :version', { idUser: user.idUser, version: user.version })
        .execute();
      affected = result.affected;
    } catch (error) {
      if (isUniqueViolation(error)) throw new UserNameTakenError(changes.userName ?? user.userName);
      throw error;
    }
    if (affected === 0) throw new UserVersionConflictError(user.guidUser);
    return Object.assign(new WFUser(), user, next);
  }
}

/**
 * Search text for a LIKE prefix: the wildcards `%` and `_` (and the escape characters some
 * databases read) are dropped rather than escaped, since each database escapes differently; a
 * search for "john_" then also finds "johnny", a superset a picker can show.
 */
function withoutWildcards(text: string): string {
  return text.replace(/[%_\\[\]]/g, '');
}

/** The case-folded first 256 characters of a value: the indexed key of WFUserValue and WFUserProperty. */
function valueKey(value: string | null): string | null {
  return value === null ? null : value.toLowerCase().slice(0, 256);
}
