import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, ErrorCode } from '../../common/errors/app-error';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { OwnershipTransferService } from '../../ownership/ownership-transfer.service';
import { WFUser } from '../../users/entities/wf-user.entity';
import { AccessChanges } from '../../users/access-changes';
import { UserDetails, UserDetailsRepository } from '../../users/user-details.repository';
import { WFUserRepository } from '../../users/wf-user.repository';
import { UserNameTakenError } from '../../users/users.errors';
import { UserPropertyDefinition } from '../../user-properties/entities/user-property-definition.entity';
import { UserPropertyDefinitions } from '../../user-properties/user-property-definitions';
import { propertiesExtension } from './user-properties-schema';
import { filterToSql } from '../filter/filter-sql';
import { applyPatch, parsePatchRequest, PatchOperation } from '../patch/patch.engine';
import { checkIfMatch, versionETag } from '../etag';
import { ResourceResult } from '../scim-answer';
import { ScimWrites } from '../scim-writes';
import { ScimContext } from '../scim-context';
import { ListQuery, pageResponse } from '../scim-list';
import { ListedPage, listPage } from '../scim-paging';
import { canonicalizeResource, checkSchemas, isObject, Json, ResourceSchemas } from '../schema/canonicalize';
import { checkRequired } from '../schema/required';
import { ENTERPRISE_USER, USER_SCHEMA, userSchema, WFUSER_EXTENSION } from '../schema/scim-schemas';
import { sqlDialect } from '../../database/sql-dialect';
import { isRetryableConflict } from '../../database/driver-errors';
import { userMapping, UserSort, userSort } from './user-attribute-map';
import { fromScimUser, toScimUser, UserInput, UserRecord } from './scim-user.mapper';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** SCIM Users over WFUser: every operation stays inside the caller's subscription. */
@Injectable()
export class ScimUsersService {
  /** The schemas every subscription has; its defined properties add one extension (see schemasFor). */
  private readonly base: ResourceSchemas;
  private readonly withProperties = new WeakMap<readonly UserPropertyDefinition[], UserSchemas>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: WFUserRepository,
    private readonly details: UserDetailsRepository,
    private readonly ownership: OwnershipTransferService,
    private readonly writes: ScimWrites,
    private readonly access: AccessChanges,
    private readonly propertyDefinitions: UserPropertyDefinitions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.base = { core: userSchema(config.scim), extensions: [ENTERPRISE_USER, WFUSER_EXTENSION] };
  }

  /**
   * The User schemas of a subscription: the core and the fixed extensions, and, when it defines
   * custom user properties, the properties extension made of them. Built once per list of
   * definitions (UserPropertyDefinitions keeps the list while it is unchanged).
   */
  async schemasFor(idSubscription: number): Promise<UserSchemas> {
    const definitions = await this.propertyDefinitions.forSubscription(idSubscription);
    let schemas = this.withProperties.get(definitions);
    if (!schemas) {
      schemas = {
        core: this.base.core,
        extensions: definitions.length ? [...this.base.extensions, propertiesExtension(definitions)] : this.base.extensions,
        definitions,
      };
      this.withProperties.set(definitions, schemas);
    }
    return schemas;
  }

  async list(ctx: ScimContext, query: ListQuery): Promise<Json> {
    const { page, resources } = await this.search(ctx, query);
    return pageResponse(page, resources, query);
  }

  /** Users matching the query's filter, in its order: a page (by index or cursor) and the total. */
  async search(ctx: ScimContext, query: ListQuery): Promise<{ page: ListedPage<WFUser>; resources: Json[] }> {
    const { definitions } = await this.schemasFor(ctx.principal.idSubscription);
    const dialect = sqlDialect(this.dataSource);
    let sort: UserSort | undefined;
    if (query.sortBy) {
      sort = userSort(query.sortBy, definitions);
      if (!sort) throw new AppError(ErrorCode.InvalidValue, 'sortBy names an attribute that cannot be sorted on');
    }
    const search = {
      condition: query.filter ? filterToSql(query.filter, userMapping(definitions), dialect) : undefined,
      sortColumn: sort && 'column' in sort ? sort.column : undefined,
      sortExpression: sort && 'expression' in sort ? { sql: sort.expression('u', dialect), params: sort.params } : undefined,
      descending: query.descending,
    };
    // The details of the users read, where the page's statement carried them (see WFUserRepository.search).
    let details: UserDetails | undefined;
    const page = await listPage<WFUser>(query, {
      idSubscription: ctx.principal.idSubscription,
      resourceType: 'User',
      sortColumn: search.sortColumn,
      sortedByExpression: Boolean(search.sortExpression),
      keyOf: (user) => user.idUser,
      read: async (start, count, total) => {
        const found = await this.users.search(ctx.principal.idSubscription, { ...search, ...start, limit: count }, total);
        details = found.details;
        return found;
      },
    });
    const records = await this.loadRecords(page.rows, undefined, details);
    return { page, resources: records.map((r) => toScimUser(r, ctx.baseUrl, definitions)) };
  }

  async get(ctx: ScimContext, id: string): Promise<ResourceResult> {
    return this.result(ctx, await this.find(ctx, id));
  }

  /** A parallel create that restores the same deleted user loses on its version and runs again, then meets the userName taken. */
  async create(ctx: ScimContext, body: unknown): Promise<ResourceResult> {
    const schemas = await this.schemasFor(ctx.principal.idSubscription);
    const input = this.parse(body, schemas);
    const { user, record } =
      (await this.createInOneStatement(ctx, input)) ??
      (await this.writes.run(ctx, undefined, async (manager, note) => {
        const created = await this.createFrom(ctx.principal.idSubscription, input, manager);
        note({ operation: 'create', ...userTarget(created.user), status: 201 });
        return created;
      }));
    return record ? { resource: toScimUser(record, ctx.baseUrl, schemas.definitions), etag: versionETag(user) } : this.result(ctx, user);
  }

  /**
   * The usual create — a new userName, no manager to look up — as one statement where the
   * database allows (PostgreSQL): the user, its values and properties, its activity row and the
   * kept count, without a transaction around them. Undefined, with nothing written, when the
   * userName is held (the transaction path then answers 409 or restores the deleted user), or
   * when the statement lost a race the transaction path retries.
   */
  private async createInOneStatement(ctx: ScimContext, input: UserInput): Promise<{ user: WFUser; record: UserRecord } | undefined> {
    if (!this.users.insertsInOneStatement || input.managerId) return undefined;
    const user = this.users.newUser(ctx.principal.idSubscription, { ...input.attributes, idBossUser: null });
    const activity = this.writes.activityRow(ctx, { operation: 'create', ...userTarget(user), status: 201 });
    try {
      if (!(await this.users.insertInOneStatement(user, [...this.details.newRows(input.values, input.properties), activity])))
        return undefined;
    } catch (error) {
      if (isRetryableConflict(error)) return undefined;
      throw error;
    }
    return { user, record: { user, values: input.values, properties: input.properties, manager: null, groups: [] } };
  }

  /**
   * Creates a user of a subscription from a SCIM User body, inside the caller's transaction;
   * the bootstrap command creates the first admin through it, so that user passes the same
   * validation as any SCIM POST. `record` is the new resource as written (absent when a
   * deleted user was restored and must be read back).
   */
  async createIn(idSubscription: number, body: unknown, manager: EntityManager): Promise<{ user: WFUser; record?: UserRecord }> {
    return this.createFrom(idSubscription, this.parse(body, await this.schemasFor(idSubscription)), manager);
  }

  private async createFrom(
    idSubscription: number,
    input: UserInput,
    manager: EntityManager,
  ): Promise<{ user: WFUser; record?: UserRecord }> {
    const boss = await this.resolveManager(idSubscription, input.managerId, null, manager);
    const idBossUser = boss?.idUser ?? null;
    const created = await this.users.createUnlessTaken(idSubscription, { ...input.attributes, idBossUser }, manager);
    if (!created) {
      const existing = await this.users.findByUserNameIncludingDeleted(idSubscription, input.attributes.userName, manager);
      if (!existing) throw new UserNameTakenError(input.attributes.userName);
      if (!existing.deletedAt) throw new AppError(ErrorCode.Uniqueness, `userName "${input.attributes.userName}" is already in use`);
      // A user deleted earlier and provisioned again gets its row (and id) back.
      const restored = await this.users.restore(existing, { ...input.attributes, idBossUser }, manager);
      await this.details.replace(restored.idUser, input.values, input.properties, manager);
      return { user: restored };
    }
    await this.details.replace(created.idUser, input.values, input.properties, manager, { values: [], properties: [] });
    // A new user's resource is exactly what was just written: no need to read it back.
    const record: UserRecord = {
      user: created,
      values: input.values,
      properties: input.properties,
      manager: boss ? { guidUser: boss.guidUser, fullName: boss.fullName } : null,
      groups: [],
    };
    return { user: created, record };
  }

  async replace(ctx: ScimContext, id: string, body: unknown, ifMatch?: string): Promise<ResourceResult> {
    const input = this.parse(body, await this.schemasFor(ctx.principal.idSubscription));
    const { user } = await this.writes.run(ctx, ifMatch, async (manager, note) => {
      const current = await this.lockFind(ctx, id, manager, !input.attributes.enabled);
      checkIfMatch(ifMatch, current);
      const written = await this.write(ctx, current, input, manager);
      note({ operation: current.enabled && !written.user.enabled ? 'disable' : 'replace', ...userTarget(written.user), status: 200 });
      return written;
    });
    this.afterWrite(user);
    return this.result(ctx, user);
  }

  /** `withResource`: the client asked for the patched resource; otherwise only its ETag is returned. */
  async patch(
    ctx: ScimContext,
    id: string,
    body: unknown,
    ifMatch?: string,
    withResource = true,
  ): Promise<{ resource?: Json; etag: string }> {
    const operations = parsePatchRequest(body, this.config.scim.limits.patchOperations);
    const schemas = await this.schemasFor(ctx.principal.idSubscription);
    const written = await this.writes.run(ctx, ifMatch, async (manager, note) => {
      const current = await this.lockFind(ctx, id, manager, touchesActive(operations));
      checkIfMatch(ifMatch, current);
      const [record] = await this.loadRecords([current], manager);
      // A PATCH is judged on what it changes: the required attributes it touched, not the whole user.
      const touched = new Set<string>();
      const patched = canonicalizeResource(
        applyPatch(toScimUser(record, ctx.baseUrl, schemas.definitions), operations, schemas, touched),
        schemas,
      );
      checkRequired(patched, schemas, touched);
      const input = fromScimUser(patched, schemas.definitions);
      const { user, boss } = await this.write(ctx, current, input, manager, record);
      note({ operation: current.enabled && !user.enabled ? 'disable' : 'update', ...userTarget(user), status: withResource ? 200 : 204 });
      // The answer is what was just written (the groups are not changed by a user PATCH): no read-back.
      const after: UserRecord = {
        user,
        values: input.values,
        properties: input.properties,
        manager: boss ? { guidUser: boss.guidUser, fullName: boss.fullName } : null,
        groups: record.groups,
      };
      return after;
    });
    this.afterWrite(written.user);
    return { resource: withResource ? toScimUser(written, ctx.baseUrl, schemas.definitions) : undefined, etag: versionETag(written.user) };
  }

  /** Soft delete; deleting an active user deactivates it, with the ownership transfer. */
  async delete(ctx: ScimContext, id: string, ifMatch?: string): Promise<void> {
    const deleted = await this.writes.run(ctx, ifMatch, async (manager, note) => {
      const current = await this.lockFind(ctx, id, manager, true);
      checkIfMatch(ifMatch, current);
      const softDeleted = await this.users.softDelete(current, manager);
      if (current.enabled) await this.ownership.onUserDeactivated(softDeleted, manager, ctx);
      note({ operation: 'delete', ...userTarget(current), status: 204 });
      return softDeleted;
    });
    this.afterWrite(deleted);
  }

  /**
   * Once committed: a user who is disabled or deleted no longer authenticates the applications
   * acting as them — on this instance at once (see AccessChanges).
   */
  private afterWrite(user: WFUser): void {
    if (!user.enabled || user.deletedAt) this.access.narrowed(user.idUser);
  }

  /**
   * The user a write names, locked for the rest of the transaction and read as it is now. A
   * write that may deactivate the user first takes the lock every deactivation takes (see
   * OwnershipTransferService.lockForDeactivation), always before the user's own.
   */
  private async lockFind(ctx: ScimContext, id: string, manager: EntityManager, mayDeactivate: boolean): Promise<WFUser> {
    if (mayDeactivate) await this.ownership.lockForDeactivation(ctx.principal.idSubscription, manager);
    const sub = ctx.principal.idSubscription;
    // As find(): the SCIM id, else a userName.
    const locked =
      (UUID.test(id) ? await this.users.lockLive(sub, { guidUser: id.toLowerCase() }, manager) : null) ??
      (await this.users.lockLive(sub, { userName: id }, manager));
    if (!locked) throw new AppError(ErrorCode.NotFound, `User ${id} not found`);
    return locked;
  }

  /** Resolves a path id: the SCIM id, else a userName (the REST convention some platforms use). */
  private async find(ctx: ScimContext, id: string, manager?: EntityManager): Promise<WFUser> {
    const sub = ctx.principal.idSubscription;
    const user =
      (UUID.test(id) ? await this.users.findByGuid(sub, id.toLowerCase(), manager) : null) ??
      (await this.users.findByUserName(sub, id, manager));
    if (!user) throw new AppError(ErrorCode.NotFound, `User ${id} not found`);
    return user;
  }

  /** A POST or PUT body: the whole resource is checked against the schema. */
  private parse(body: unknown, schemas: UserSchemas): UserInput {
    checkSchemas(body, schemas);
    const canonical = canonicalizeResource(body, schemas);
    checkRequired(canonical, schemas);
    return fromScimUser(canonical, schemas.definitions);
  }

  /** Stores a complete new state of the user in one transaction; `read` is what the change started from, when loaded. */
  private async write(
    ctx: ScimContext,
    current: WFUser,
    input: UserInput,
    manager: EntityManager,
    read?: UserRecord,
  ): Promise<{ user: WFUser; boss: WFUser | null }> {
    const boss = await this.resolveManager(ctx.principal.idSubscription, input.managerId, current, manager);
    const updated = await this.users.update(current, { ...input.attributes, idBossUser: boss?.idUser ?? null }, manager);
    await this.details.replace(current.idUser, input.values, input.properties, manager, read);
    // active → inactive: what the user owned passes to an heir in this same transaction.
    if (current.enabled && !updated.enabled) await this.ownership.onUserDeactivated(updated, manager, ctx);
    return { user: updated, boss };
  }

  /**
   * The manager by SCIM id. A manager that is not (yet) a user of the subscription is left
   * unset rather than failing the whole user: Entra ID sets managers by a later PATCH.
   */
  private async resolveManager(
    idSubscription: number,
    managerId: string | null,
    self: WFUser | null,
    manager: EntityManager,
  ): Promise<WFUser | null> {
    if (!managerId) return null;
    if (self && managerId.toLowerCase() === self.guidUser) throw new AppError(ErrorCode.InvalidValue, 'A user cannot be their own manager');
    if (!UUID.test(managerId)) return null;
    return this.users.findByGuid(idSubscription, managerId.toLowerCase(), manager);
  }

  /**
   * The users' resources, from `read` (their details, when the users' statement carried them)
   * or else reading their details. Inside a transaction pass its manager: a second pooled
   * connection per write could starve the pool.
   */
  private async loadRecords(users: WFUser[], manager?: EntityManager, read?: UserDetails): Promise<UserRecord[]> {
    if (users.length === 0) return [];
    const details =
      read ??
      (await this.details.load(
        users.map((u) => u.idUser),
        manager,
      ));
    const values = byUser(details.values);
    const properties = byUser(details.properties);
    const groups = byUser(details.groups);
    const managers = new Map(details.managers.map((m) => [m.idUser, { guidUser: m.guidUser, fullName: m.fullName }]));
    return users.map((user) => ({
      user,
      values: values.get(user.idUser) ?? [],
      properties: properties.get(user.idUser) ?? [],
      manager: managers.get(user.idUser) ?? null,
      groups: groups.get(user.idUser) ?? [],
    }));
  }

  private async result(ctx: ScimContext, user: WFUser): Promise<ResourceResult> {
    const [record] = await this.loadRecords([user]);
    const { definitions } = await this.schemasFor(ctx.principal.idSubscription);
    return { resource: toScimUser(record, ctx.baseUrl, definitions), etag: versionETag(user) };
  }
}

/** A subscription's User schemas, with the property definitions its extension was made of. */
export interface UserSchemas extends ResourceSchemas {
  definitions: readonly UserPropertyDefinition[];
}

/** Rows grouped by the user they belong to, in their order. */
function byUser<T extends { idUser: number }>(rows: T[]): Map<number, T[]> {
  const grouped = new Map<number, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.idUser);
    if (list) list.push(row);
    else grouped.set(row.idUser, [row]);
  }
  return grouped;
}

/** Whether a PATCH may change `active` (and so deactivate the user): with a path, or a key of a path-less value. */
function touchesActive(operations: PatchOperation[]): boolean {
  const isActive = (name: string) => ['active', `${USER_SCHEMA}:active`.toLowerCase()].includes(name.trim().toLowerCase());
  return operations.some((op) =>
    op.path !== undefined ? isActive(op.path) : isObject(op.value) && Object.keys(op.value).some((key) => isActive(key)),
  );
}

/** How the provisioning activity names a user. */
function userTarget(user: WFUser): { resourceType: 'User'; resourceId: string; resourceName: string } {
  return { resourceType: 'User', resourceId: user.guidUser, resourceName: user.userName };
}
