import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, EntityTarget, In, IsNull, Like, ObjectLiteral, Repository } from 'typeorm';
import { CompiledQueries } from '../database/compiled-queries';
import { isUniqueViolation } from '../database/driver-errors';
import { CompiledWrites, Increment } from '../database/compiled-writes';
import { lockAndRead, lockRows } from '../database/row-lock';
import { WFUser, WFUserAttributes } from './entities/wf-user.entity';
import { PageMemo, PagedSearch, pagedSearch, SearchedEntity, SearchPage } from './paged-search';
import { ResourceCounts } from './resource-counts';
import { UserDetails, UserDetailsRepository } from './user-details.repository';
import { userNameKey } from './user-name-key';
import { UserNameTakenError, UserVersionConflictError } from './users.errors';

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
  private readonly writes: CompiledWrites;
  private readonly memo = new PageMemo();
  private readonly toUser: (row: ObjectLiteral) => WFUser;

  constructor(
    @InjectRepository(WFUser) private readonly users: Repository<WFUser>,
    private readonly counts: ResourceCounts,
    private readonly details: UserDetailsRepository,
  ) {
    this.queries = new CompiledQueries(users.manager.connection);
    this.writes = CompiledWrites.of(users.manager.connection);
    this.toUser = this.queries.hydrator(WFUser);
  }

  repository(manager?: EntityManager): Repository<WFUser> {
    return manager ? manager.getRepository(WFUser) : this.users;
  }

  /**
   * Inserts a new user, unless a row (live or soft-deleted) holds its userName, compared
   * case-insensitively: then null. Where the database can, the insert itself skips a taken
   * userName (one statement); elsewhere the userName is looked up first. A userName taken by a
   * concurrent create between the two raises UserNameTakenError.
   */
  async createUnlessTaken(idSubscription: number, attributes: WFUserAttributes, manager: EntityManager): Promise<WFUser | null> {
    if (!this.writes.skipsTakenKeys && (await this.findByUserNameIncludingDeleted(idSubscription, attributes.userName, manager)))
      return null;
    const user = this.newUser(idSubscription, attributes);
    const unlessTaken = this.writes.skipsTakenKeys ? USER_NAME_KEY : undefined;
    try {
      const [id] = await this.writes.insert(WFUser, [columnsOf(user)], manager, 'idUser', unlessTaken);
      if (id === undefined) return null;
      user.idUser = Number(id);
    } catch (error) {
      if (isUniqueViolation(error)) throw new UserNameTakenError(attributes.userName);
      throw error;
    }
    await this.counts.adjust(manager, idSubscription, 'User', +1);
    return user;
  }

  /** A new user of the subscription, not yet written: its SCIM id, keys and times are set. */
  newUser(idSubscription: number, attributes: WFUserAttributes): WFUser {
    const now = new Date();
    return this.users.create({
      ...attributes,
      guidUser: randomUUID(),
      idSubscription,
      userNameKey: userNameKey(attributes.userName),
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
  }

  /** Whether insertInOneStatement is available (PostgreSQL). */
  get insertsInOneStatement(): boolean {
    return this.writes.insertsLinked;
  }

  /**
   * Writes a new user (from newUser), the rows that come with it (`linked`: its values and
   * properties take its id in `idUser`) and the subscription's count, in one statement without a
   * transaction: all of it or nothing. False, with nothing written, when a row (live or deleted)
   * holds the userName.
   */
  async insertInOneStatement(
    user: WFUser,
    linked: { target: EntityTarget<ObjectLiteral>; rows: ObjectLiteral[]; link?: string }[],
  ): Promise<boolean> {
    const counter = this.counts.linkedIncrement(user.idSubscription, 'User', 1);
    const head = { target: WFUser, row: columnsOf(user), returning: 'idUser' as const, unlessTaken: USER_NAME_KEY };
    const id = await this.writes.insertLinked(this.users.manager, head, linked, counter);
    if (id === undefined) return false;
    user.idUser = Number(id);
    return true;
  }

  /** Inserts a new user; a userName already held (case-insensitively) raises UserNameTakenError. */
  async create(idSubscription: number, attributes: WFUserAttributes, manager: EntityManager = this.users.manager): Promise<WFUser> {
    const created = await this.createUnlessTaken(idSubscription, attributes, manager);
    if (!created) throw new UserNameTakenError(attributes.userName);
    return created;
  }

  /**
   * Live users of the subscription matching a condition, one page, with the total count.
   * Both queries are index-backed for the lookups provisioning clients make.
   */
  async search(idSubscription: number, search: PagedSearch, total?: number): Promise<SearchPage<WFUser> & { details?: UserDetails }> {
    const counted =
      total !== undefined ? () => Promise.resolve(total) : search.condition ? undefined : () => this.counts.total(idSubscription, 'User');
    // Where the database builds JSON, each user's row carries its details: one statement for a lookup.
    const attach = (em: EntityManager) => this.details.attachedColumn(em, LIVE_USERS.alias);
    const attached = new Map<number, unknown>();
    const hydrate = (row: ObjectLiteral) => {
      const user = this.toUser(row);
      attached.set(user.idUser, row.attached);
      return user;
    };
    const options = { counted, memo: this.memo, attach };
    const page = await pagedSearch(
      this.queries,
      LIVE_USERS,
      this.details.attaches ? hydrate : this.toUser,
      { idSubscription },
      search,
      options,
    );
    // A page read at an offset carries no details (see pagedSearch): they are read on their own then.
    const carried = page.rows.map((u) => attached.get(u.idUser));
    return carried.every((value) => value !== undefined) ? { ...page, details: this.details.fromAttached(carried) } : page;
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
   * Locks a live user of the subscription for a read-modify-write and reads it as it is now, in
   * one statement (null when there is none). Concurrent writes to one user then run one after
   * the other. The user is named by SCIM id or by userName (compared case-insensitively).
   */
  async lockLive(idSubscription: number, by: { guidUser: string } | { userName: string }, manager: EntityManager): Promise<WFUser | null> {
    const key = 'guidUser' in by ? { guidUser: by.guidUser } : { userNameKey: userNameKey(by.userName) };
    const [user] = await lockAndRead(manager, WFUser, 'version', { idSubscription, ...key, deletedAt: null }, this.toUser);
    return user ?? null;
  }

  /**
   * Locks a user that is to own something and confirms it is active. A deactivation takes the
   * same lock, so what is registered for the user is either there before it (and passes to the
   * heir) or refused after it.
   */
  async lockActive(idUser: number, manager: EntityManager): Promise<boolean> {
    return (await lockRows(manager, WFUser, 'version', { idUser, enabled: true, deletedAt: null })) > 0;
  }

  /**
   * Takes a write lock on an heir and confirms it is still active: bumps its version only if
   * it is enabled and not deleted. A concurrent deactivation of the heir then either waits for
   * this transaction or sees the version move and retries, so nothing lands with an inactive user.
   */
  async claimActive(idUser: number, manager: EntityManager): Promise<boolean> {
    const where = { idUser, enabled: true, deletedAt: null };
    return (await this.writes.update(WFUser, { version: new Increment(1) }, where, manager)).affected > 0;
  }

  /** Marks the user deleted and disabled; the row stays for audit and re-provisioning. */
  async softDelete(user: WFUser, manager?: EntityManager): Promise<WFUser> {
    const deleted = await this.writeVersioned(user, { enabled: false, deletedAt: new Date() }, manager);
    await this.counts.adjust(manager ?? this.users.manager, user.idSubscription, 'User', -1);
    return deleted;
  }

  /** Brings a soft-deleted row back to life, keeping its id, so a re-provisioned user is the same user. */
  async restore(user: WFUser, changes: Partial<WFUserAttributes>, manager?: EntityManager): Promise<WFUser> {
    const next = { ...changes, userNameKey: userNameKey(changes.userName ?? user.userName), deletedAt: null };
    const restored = await this.writeVersioned(user, next, manager);
    await this.counts.adjust(manager ?? this.users.manager, user.idSubscription, 'User', +1);
    return restored;
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
    let affected: number;
    try {
      const where = { idUser: user.idUser, version: user.version };
      ({ affected } = await this.writes.update(WFUser, next, where, manager ?? this.users.manager));
    } catch (error) {
      if (isUniqueViolation(error)) throw new UserNameTakenError(changes.userName ?? user.userName);
      throw error;
    }
    if (affected === 0) throw new UserVersionConflictError(user.guidUser);
    return Object.assign(new WFUser(), user, next);
  }
}

/** The unique key a new user's userName must not collide with. */
const USER_NAME_KEY = ['idSubscription', 'userNameKey'] as const;

/** A new user's columns as inserted: all but the generated id. */
function columnsOf(user: WFUser): Partial<WFUser> {
  const columns: Partial<WFUser> = { ...user };
  delete columns.idUser;
  return columns;
}

/**
 * Search text for a LIKE prefix: the wildcards `%` and `_` (and the escape characters some
 * databases read) are dropped rather than escaped, since each database escapes differently; a
 * search for "john_" then also finds "johnny", a superset a picker can show.
 */
function withoutWildcards(text: string): string {
  return text.replace(/[%_\\[\]]/g, '');
}
