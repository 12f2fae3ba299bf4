import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, ErrorCode } from '../../common/errors/app-error';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { isRetryableConflict } from '../../database/driver-errors';
import { OwnershipTransferService } from '../../ownership/ownership-transfer.service';
import { WFUser } from '../../users/entities/wf-user.entity';
import { UserVersionConflictError } from '../../users/users.errors';
import { WFUserRepository } from '../../users/wf-user.repository';
import { filterToSql } from '../filter/filter-sql';
import { applyPatch, parsePatchRequest } from '../patch/patch.engine';
import { ScimContext } from '../scim-context';
import { listResponse, ListQuery } from '../scim-list';
import { canonicalizeResource, checkSchemas, Json, ResourceSchemas } from '../schema/canonicalize';
import { checkRequired } from '../schema/required';
import { ENTERPRISE_USER, userSchema, WFUSER_EXTENSION } from '../schema/scim-schemas';
import { sqlDialect } from '../sql-dialect';
import { USER_MAPPING, userSortColumn } from './user-attribute-map';
import { fromScimUser, toScimUser, UserInput, UserRecord, userETag } from './scim-user.mapper';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface UserResult {
  resource: Json;
  etag: string;
}

/** SCIM Users over WFUser: every operation stays inside the caller's subscription. */
@Injectable()
export class ScimUsersService {
  readonly schemas: ResourceSchemas;

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: WFUserRepository,
    private readonly ownership: OwnershipTransferService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.schemas = { core: userSchema(config.scim), extensions: [ENTERPRISE_USER, WFUSER_EXTENSION] };
  }

  async list(ctx: ScimContext, query: ListQuery): Promise<Json> {
    const { total, resources } = await this.search(ctx, query, query.startIndex - 1, query.count);
    return listResponse(total, query.startIndex, resources, query);
  }

  /** Users matching the query's filter, in its order, from `offset` (0-based): a page and the total. */
  async search(ctx: ScimContext, query: ListQuery, offset: number, limit: number): Promise<{ total: number; resources: Json[] }> {
    let sortColumn: string | undefined;
    if (query.sortBy) {
      sortColumn = userSortColumn(query.sortBy);
      if (!sortColumn) throw new AppError(ErrorCode.InvalidValue, 'sortBy names an attribute that cannot be sorted on');
    }
    const { total, users } = await this.users.search(ctx.principal.idSubscription, {
      condition: query.filter ? filterToSql(query.filter, USER_MAPPING, sqlDialect(this.dataSource)) : undefined,
      sortColumn,
      descending: query.descending,
      offset,
      limit,
    });
    const records = await this.loadRecords(users);
    return { total, resources: records.map((r) => toScimUser(r, ctx.baseUrl)) };
  }

  async get(ctx: ScimContext, id: string): Promise<UserResult> {
    return this.result(ctx, await this.find(ctx, id));
  }

  async create(ctx: ScimContext, body: unknown): Promise<UserResult> {
    const { user, record } = await this.dataSource.transaction((manager) => this.createIn(ctx.principal.idSubscription, body, manager));
    return record ? { resource: toScimUser(record, ctx.baseUrl), etag: userETag(user) } : this.result(ctx, user);
  }

  /**
   * Creates a user of a subscription from a SCIM User body, inside the caller's transaction;
   * the bootstrap command creates the first admin through it, so that user passes the same
   * validation as any SCIM POST. `record` is the new resource as written (absent when a
   * deleted user was restored and must be read back).
   */
  async createIn(idSubscription: number, body: unknown, manager: EntityManager): Promise<{ user: WFUser; record?: UserRecord }> {
    const input = this.parse(body);
    const boss = await this.resolveManager(idSubscription, input.managerId, null, manager);
    const idBossUser = boss?.idUser ?? null;
    const existing = await this.users.findByUserNameIncludingDeleted(idSubscription, input.attributes.userName, manager);
    if (existing && !existing.deletedAt)
      throw new AppError(ErrorCode.Uniqueness, `userName "${input.attributes.userName}" is already in use`);
    if (existing) {
      // A user deleted earlier and provisioned again gets its row (and id) back.
      const restored = await this.users.restore(existing, { ...input.attributes, idBossUser }, manager);
      await this.users.replaceDetails(restored.idUser, input.values, input.properties, manager);
      return { user: restored };
    }
    const created = await this.users.create(idSubscription, { ...input.attributes, idBossUser }, manager);
    await this.users.replaceDetails(created.idUser, input.values, input.properties, manager, { values: [], properties: [] });
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

  async replace(ctx: ScimContext, id: string, body: unknown, ifMatch?: string): Promise<UserResult> {
    const input = this.parse(body);
    const { user } = await this.retrying(ifMatch, async () => {
      const current = await this.find(ctx, id);
      checkIfMatch(ifMatch, current);
      return this.write(ctx, current, input);
    });
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
    const operations = parsePatchRequest(body);
    const written = await this.retrying(ifMatch, async () => {
      const current = await this.find(ctx, id);
      checkIfMatch(ifMatch, current);
      const [record] = await this.loadRecords([current]);
      // A PATCH is judged on what it changes: the required attributes it touched, not the whole user.
      const touched = new Set<string>();
      const patched = canonicalizeResource(applyPatch(toScimUser(record, ctx.baseUrl), operations, this.schemas, touched), this.schemas);
      checkRequired(patched, this.schemas, touched);
      const input = fromScimUser(patched);
      const { user, boss } = await this.write(ctx, current, input, record);
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
    return { resource: withResource ? toScimUser(written, ctx.baseUrl) : undefined, etag: userETag(written.user) };
  }

  /** Soft delete; deleting an active user deactivates it, with the ownership transfer. */
  async delete(ctx: ScimContext, id: string, ifMatch?: string): Promise<void> {
    await this.retrying(ifMatch, async () => {
      const current = await this.find(ctx, id);
      checkIfMatch(ifMatch, current);
      await this.dataSource.transaction(async (manager) => {
        const deleted = await this.users.softDelete(current, manager);
        if (current.enabled) await this.ownership.onUserDeactivated(deleted, manager, ctx);
      });
    });
  }

  /**
   * Runs a read-modify-write again when another request changed the user in between (or the
   * database chose this transaction as a deadlock victim). With If-Match the client asked for
   * exactly the version it read, so a conflict is answered with 412 instead.
   */
  private async retrying<T>(ifMatch: string | undefined, work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        const conflict = error instanceof UserVersionConflictError || isRetryableConflict(error);
        if (!conflict || ifMatch || attempt >= 5) throw error;
      }
    }
  }

  /** Resolves a path id: the SCIM id, else a userName (the REST convention some platforms use). */
  private async find(ctx: ScimContext, id: string): Promise<WFUser> {
    const sub = ctx.principal.idSubscription;
    const user = (UUID.test(id) ? await this.users.findByGuid(sub, id.toLowerCase()) : null) ?? (await this.users.findByUserName(sub, id));
    if (!user) throw new AppError(ErrorCode.NotFound, `User ${id} not found`);
    return user;
  }

  /** A POST or PUT body: the whole resource is checked against the schema. */
  private parse(body: unknown): UserInput {
    checkSchemas(body, this.schemas);
    const canonical = canonicalizeResource(body, this.schemas);
    checkRequired(canonical, this.schemas);
    return fromScimUser(canonical);
  }

  /** Stores a complete new state of the user in one transaction; `read` is what the change started from, when loaded. */
  private write(ctx: ScimContext, current: WFUser, input: UserInput, read?: UserRecord): Promise<{ user: WFUser; boss: WFUser | null }> {
    return this.dataSource.transaction(async (manager) => {
      const boss = await this.resolveManager(ctx.principal.idSubscription, input.managerId, current, manager);
      const updated = await this.users.update(current, { ...input.attributes, idBossUser: boss?.idUser ?? null }, manager);
      await this.users.replaceDetails(current.idUser, input.values, input.properties, manager, read);
      // active → inactive: what the user owned passes to an heir in this same transaction.
      if (current.enabled && !updated.enabled) await this.ownership.onUserDeactivated(updated, manager, ctx);
      return { user: updated, boss };
    });
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

  private async loadRecords(users: WFUser[]): Promise<UserRecord[]> {
    if (users.length === 0) return [];
    const details = await this.users.loadDetails(users.map((u) => u.idUser));
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

  private async result(ctx: ScimContext, user: WFUser): Promise<UserResult> {
    const [record] = await this.loadRecords([user]);
    return { resource: toScimUser(record, ctx.baseUrl), etag: userETag(user) };
  }
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

/** `If-Match` (RFC 7644 §3.14): a list of ETags or `*`; a mismatch answers 412. */
export function checkIfMatch(ifMatch: string | undefined, current: { version: number }): void {
  if (!ifMatch) return;
  const tags = ifMatch.split(',').map((t) => t.trim());
  if (tags.includes('*')) return;
  const version = String(current.version);
  if (!tags.some((t) => t.replace(/^W\//, '').replace(/"/g, '') === version)) {
    throw new AppError(ErrorCode.VersionMismatch, `If-Match does not match the current version ${userETag(current)}`);
  }
}
