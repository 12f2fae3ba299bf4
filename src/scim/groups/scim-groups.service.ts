import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, ErrorCode } from '../../common/errors/app-error';
import { WFGroup } from '../../users/entities/wf-group.entity';
import { GroupMemberRow, NewMember, WFGroupRepository } from '../../users/wf-group.repository';
import { WFUserRepository } from '../../users/wf-user.repository';
import { Filter } from '../filter/filter.ast';
import { filterToSql } from '../filter/filter-sql';
import { parsePatchPath } from '../filter/filter.parser';
import { applyPatch, parsePatchRequest, PatchOperation } from '../patch/patch.engine';
import { ScimContext } from '../scim-context';
import { ListQuery, pageResponse } from '../scim-list';
import { ListedPage, listPage } from '../scim-paging';
import { canonicalizeResource, checkSchemas, isObject, Json, ResourceSchemas } from '../schema/canonicalize';
import { checkRequired } from '../schema/required';
import { GROUP_SCHEMA, groupSchema } from '../schema/scim-schemas';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { sqlDialect } from '../../database/sql-dialect';
import { checkIfMatch, versionETag } from '../etag';
import { ResourceResult, showsMembers } from '../scim-answer';
import { ScimWrites } from '../scim-writes';
import { GROUP_MAPPING, groupSortColumn } from './group-attribute-map';

interface MemberRef {
  value: string;
  display: string | null;
}

/** SCIM Groups over WFGroup / WFGroupMember. Membership PATCHes touch only the members named. */
@Injectable()
export class ScimGroupsService {
  readonly schemas: ResourceSchemas;

  constructor(
    private readonly dataSource: DataSource,
    private readonly groups: WFGroupRepository,
    private readonly users: WFUserRepository,
    private readonly writes: ScimWrites,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.schemas = { core: groupSchema(config.scim.limits.membersPerRequest), extensions: [] };
  }

  async list(ctx: ScimContext, query: ListQuery): Promise<Json> {
    const { page, resources } = await this.search(ctx, query);
    return pageResponse(page, resources, query);
  }

  /** Groups matching the query's filter, in its order: a page (by index or cursor) and the total. */
  async search(ctx: ScimContext, query: ListQuery): Promise<{ page: ListedPage<WFGroup>; resources: Json[] }> {
    let sortColumn: string | undefined;
    if (query.sortBy) {
      sortColumn = groupSortColumn(query.sortBy);
      if (!sortColumn) throw new AppError(ErrorCode.InvalidValue, 'sortBy names an attribute that cannot be sorted on');
    }
    const search = {
      condition: query.filter ? filterToSql(query.filter, GROUP_MAPPING, sqlDialect(this.dataSource)) : undefined,
      sortColumn,
      descending: query.descending,
    };
    const page = await listPage<WFGroup>(query, {
      idSubscription: ctx.principal.idSubscription,
      resourceType: 'Group',
      sortColumn,
      sortedByExpression: false,
      keyOf: (group) => group.idGroup,
      read: (start, count, total) => this.groups.search(ctx.principal.idSubscription, { ...search, ...start, limit: count }, total),
    });
    const groups = page.rows;
    const wantMembers = showsMembers(query.attributes, query.excludedAttributes);
    const members = wantMembers ? await this.groups.listMembers(groups.map((g) => g.idGroup)) : [];
    return {
      page,
      resources: groups.map((g) => this.toScim(ctx, g, wantMembers ? members.filter((m) => m.idGroup === g.idGroup) : undefined)),
    };
  }

  async get(ctx: ScimContext, id: string, withMembers = true): Promise<ResourceResult> {
    return this.result(ctx, await this.find(ctx, id), withMembers);
  }

  async create(ctx: ScimContext, body: unknown): Promise<ResourceResult> {
    const input = this.parse(body);
    const group = await this.writes.run(ctx, undefined, async (manager, note) => {
      const members = await this.resolveMembers(ctx, input.members ?? [], true, manager);
      const created = await this.groups.create(ctx.principal.idSubscription, input.displayName, input.externalId, manager);
      await this.groups.addMembers(created.idGroup, members, manager);
      note({ operation: 'create', ...groupTarget(created), status: 201, detail: membersDetail(members.length, 0) });
      return created;
    });
    return this.result(ctx, group, true);
  }

  async replace(ctx: ScimContext, id: string, body: unknown, ifMatch?: string): Promise<ResourceResult> {
    const input = this.parse(body);
    const group = await this.writes.run(ctx, ifMatch, async (manager, note) => {
      const current = await this.lockFind(ctx, id, manager);
      checkIfMatch(ifMatch, current);
      const members = await this.resolveMembers(ctx, input.members ?? [], true, manager);
      const updated = await this.groups.update(current, { displayName: input.displayName, externalId: input.externalId }, manager);
      await this.groups.removeAllMembers(current.idGroup, manager);
      await this.groups.addMembers(current.idGroup, members, manager);
      note({ operation: 'replace', ...groupTarget(updated), status: 200, detail: `members replaced by ${members.length}` });
      return updated;
    });
    return this.result(ctx, group, true);
  }

  /**
   * Member operations become row inserts and deletes for the members named; the other
   * attributes go through the PATCH engine. Everything commits together or not at all.
   */
  async patch(
    ctx: ScimContext,
    id: string,
    body: unknown,
    ifMatch?: string,
    answer?: { withMembers: boolean },
  ): Promise<Partial<ResourceResult> & { etag: string }> {
    const operations = parsePatchRequest(body, this.config.scim.limits.patchOperations);
    const memberOps: { op: PatchOperation['op']; filter?: Filter; value: unknown }[] = [];
    const otherOps: PatchOperation[] = [];
    for (const operation of operations) {
      if (operation.path === undefined && isObject(operation.value)) {
        const rest: Json = {};
        for (const [key, value] of Object.entries(operation.value)) {
          if (key.toLowerCase() === 'members') memberOps.push({ op: operation.op, value });
          else rest[key] = value;
        }
        if (Object.keys(rest).length) otherOps.push({ ...operation, value: rest });
        continue;
      }
      const path = operation.path ? parsePatchPath(operation.path) : undefined;
      if (
        path &&
        path.path.attribute.toLowerCase() === 'members' &&
        (!path.path.schema || path.path.schema.toLowerCase() === GROUP_SCHEMA.toLowerCase())
      ) {
        if (path.subAttribute || path.path.subAttribute)
          throw new AppError(ErrorCode.InvalidPath, 'Member sub-attributes cannot be patched; add or remove the member');
        memberOps.push({ op: operation.op, filter: path.filter, value: operation.value });
      } else {
        otherOps.push(operation);
      }
    }
    const named = memberOps.reduce((n, op) => n + (op.value === undefined || op.value === null ? 0 : [op.value].flat().length), 0);
    const { membersPerRequest } = this.config.scim.limits;
    if (named > membersPerRequest) {
      throw new AppError(ErrorCode.InvalidValue, `A PATCH names at most ${membersPerRequest} members`);
    }
    const group = await this.writes.run(ctx, ifMatch, async (manager, note) => {
      const current = await this.lockFind(ctx, id, manager);
      checkIfMatch(ifMatch, current);
      let changes: { displayName?: string; externalId?: string | null } = {};
      if (otherOps.length) {
        const touched = new Set<string>();
        const patched = canonicalizeResource(
          applyPatch(this.toScim(ctx, current, undefined), otherOps, this.schemas, touched),
          this.schemas,
        );
        checkRequired(patched, this.schemas, touched);
        changes = {
          displayName: (patched.displayName as string).trim(),
          externalId: typeof patched.externalId === 'string' ? patched.externalId : null,
        };
      }
      for (const op of memberOps) await this.applyMemberOp(ctx, current, op, manager);
      const updated = await this.groups.update(current, changes, manager);
      note({
        // A PATCH that adds or removes members is a membership change, whatever else it does.
        operation: memberOps.length ? 'membership' : 'update',
        ...groupTarget(updated),
        status: answer ? 200 : 204,
        detail: memberOps.length ? memberOpsDetail(memberOps) : null,
      });
      return updated;
    });
    // A large group's members are read only when the answer shows them.
    return answer ? this.result(ctx, group, answer.withMembers) : { etag: versionETag(group) };
  }

  async delete(ctx: ScimContext, id: string, ifMatch?: string): Promise<void> {
    await this.writes.run(ctx, ifMatch, async (manager, note) => {
      const current = await this.lockFind(ctx, id, manager);
      checkIfMatch(ifMatch, current);
      await this.groups.delete(current, manager);
      note({ operation: 'delete', ...groupTarget(current), status: 204 });
    });
  }

  private async applyMemberOp(
    ctx: ScimContext,
    group: WFGroup,
    op: { op: PatchOperation['op']; filter?: Filter; value: unknown },
    manager: EntityManager,
  ) {
    if (op.op === 'remove') {
      if (op.filter) {
        const ids = memberIdsFromFilter(op.filter);
        const users = await this.users.findByGuids(ctx.principal.idSubscription, ids, manager);
        await this.groups.removeMembers(
          group.idGroup,
          users.map((u) => u.idUser),
          manager,
        );
      } else if (op.value !== undefined && op.value !== null) {
        // Entra ID removes members with a value list instead of a path filter.
        const users = await this.users.findByGuids(
          ctx.principal.idSubscription,
          memberRefs(op.value).map((m) => m.value),
          manager,
        );
        await this.groups.removeMembers(
          group.idGroup,
          users.map((u) => u.idUser),
          manager,
        );
      } else {
        await this.groups.removeAllMembers(group.idGroup, manager);
      }
      return;
    }
    if (op.filter) throw new AppError(ErrorCode.InvalidPath, `A value filter on members applies to remove only`);
    // References to users that are not in the subscription are skipped on PATCH (see README).
    const members = await this.resolveMembers(ctx, memberRefs(op.value), false, manager);
    if (op.op === 'replace') await this.groups.removeAllMembers(group.idGroup, manager);
    await this.groups.addMembers(group.idGroup, members, manager);
  }

  private async resolveMembers(ctx: ScimContext, refs: MemberRef[], strict: boolean, manager: EntityManager): Promise<NewMember[]> {
    if (refs.length === 0) return [];
    const users = await this.users.findByGuids(
      ctx.principal.idSubscription,
      refs.filter((r) => UUID.test(r.value)).map((r) => r.value.toLowerCase()),
      manager,
    );
    const byGuid = new Map(users.map((u) => [u.guidUser, u]));
    const unknown = refs.filter((r) => !byGuid.has(r.value.toLowerCase()));
    if (strict && unknown.length) {
      throw new AppError(
        ErrorCode.InvalidValue,
        `members: no user with id ${unknown.map((u) => `"${u.value}"`).join(', ')} in this subscription`,
      );
    }
    return refs.flatMap((r) => {
      const user = byGuid.get(r.value.toLowerCase());
      return user ? [{ idUser: user.idUser, display: r.display }] : [];
    });
  }

  private parse(body: unknown): { displayName: string; externalId: string | null; members?: MemberRef[] } {
    checkSchemas(body, this.schemas);
    const canonical = canonicalizeResource(body, this.schemas);
    checkRequired(canonical, this.schemas);
    const rawMembers = isObject(body) ? body[Object.keys(body).find((k) => k.toLowerCase() === 'members') ?? 'members'] : undefined;
    return {
      displayName: (canonical.displayName as string).trim(),
      externalId: typeof canonical.externalId === 'string' ? canonical.externalId : null,
      members: rawMembers === undefined || rawMembers === null ? [] : memberRefs(rawMembers),
    };
  }

  private async find(ctx: ScimContext, id: string, manager?: EntityManager): Promise<WFGroup> {
    const group = UUID.test(id) ? await this.groups.findByGuid(ctx.principal.idSubscription, id.toLowerCase(), manager) : null;
    if (!group) throw new AppError(ErrorCode.NotFound, `Group ${id} not found`);
    return group;
  }

  /** The group a write names, locked for the rest of the transaction (see ScimWrites) and read as it is now. */
  private async lockFind(ctx: ScimContext, id: string, manager: EntityManager): Promise<WFGroup> {
    const locked = UUID.test(id) ? await this.groups.lockForWrite(ctx.principal.idSubscription, id.toLowerCase(), manager) : null;
    if (!locked) throw new AppError(ErrorCode.NotFound, `Group ${id} not found`);
    return locked;
  }

  private async result(ctx: ScimContext, group: WFGroup, withMembers: boolean): Promise<ResourceResult> {
    const members = withMembers ? await this.groups.listMembers([group.idGroup]) : undefined;
    return { resource: this.toScim(ctx, group, members), etag: versionETag(group) };
  }

  private toScim(ctx: ScimContext, group: WFGroup, members: GroupMemberRow[] | undefined): Json {
    return {
      schemas: [GROUP_SCHEMA],
      id: group.guidGroup,
      ...(group.externalId ? { externalId: group.externalId } : {}),
      displayName: group.displayName,
      ...(members?.length
        ? {
            members: members.map((m) => ({
              value: m.guidUser,
              $ref: `${ctx.baseUrl}/Users/${m.guidUser}`,
              display: m.display ?? m.fullName ?? undefined,
              type: 'User',
            })),
          }
        : {}),
      meta: {
        resourceType: 'Group',
        created: group.createdAt.toISOString(),
        lastModified: group.updatedAt.toISOString(),
        version: versionETag(group),
        location: `${ctx.baseUrl}/Groups/${group.guidGroup}`,
      },
    };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Members as `[{value, display}]`, one object, or bare ids; `displayName` is taken for `display` too. */
function memberRefs(value: unknown): MemberRef[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, i) => {
    if (typeof item === 'string' && item) return { value: item, display: null };
    if (isObject(item)) {
      const get = (name: string) => item[Object.keys(item).find((k) => k.toLowerCase() === name) ?? name];
      const id = get('value');
      const display = get('display') ?? get('displayname');
      if (typeof id === 'string' && id) return { value: id, display: typeof display === 'string' ? display.slice(0, 256) : null };
    }
    throw new AppError(ErrorCode.InvalidValue, `members[${i}] must have a "value" with the user's id`);
  });
}

/** `members[value eq "a" or value eq "b"]` → ["a", "b"]. */
function memberIdsFromFilter(filter: Filter): string[] {
  if (filter.kind === 'or') return [...memberIdsFromFilter(filter.left), ...memberIdsFromFilter(filter.right)];
  if (
    filter.kind === 'compare' &&
    filter.op === 'eq' &&
    filter.path.attribute.toLowerCase() === 'value' &&
    typeof filter.value === 'string'
  ) {
    return [filter.value.toLowerCase()];
  }
  throw new AppError(ErrorCode.InvalidFilter, 'A members filter must select members by value eq "<id>"');
}

/** How the provisioning activity names a group. */
function groupTarget(group: WFGroup): { resourceType: 'Group'; resourceId: string; resourceName: string } {
  return { resourceType: 'Group', resourceId: group.guidGroup, resourceName: group.displayName };
}

function membersDetail(added: number, removed: number): string {
  return `members: ${added} added, ${removed} removed`;
}

/** Members a PATCH named, by what it did with them (a remove by filter or of every member counts as one). */
function memberOpsDetail(ops: { op: PatchOperation['op']; filter?: Filter; value: unknown }[]): string {
  const named = (value: unknown) => (value === undefined || value === null ? 1 : [value].flat().length);
  const added = ops.filter((o) => o.op !== 'remove').reduce((n, o) => n + named(o.value), 0);
  const removed = ops.filter((o) => o.op === 'remove').reduce((n, o) => n + named(o.filter ? undefined : o.value), 0);
  return membersDetail(added, removed);
}
