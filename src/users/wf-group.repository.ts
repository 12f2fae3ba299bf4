import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, ObjectLiteral, Repository } from 'typeorm';
import { CompiledQueries } from '../database/compiled-queries';
import { chunks, ROWS_PER_INSERT } from '../database/chunks';
import { CompiledWrites } from '../database/compiled-writes';
import { lockAndRead } from '../database/row-lock';
import { WFGroupMember } from './entities/wf-group-member.entity';
import { WFGroup } from './entities/wf-group.entity';
import { WFUser } from './entities/wf-user.entity';
import { PageMemo, PagedSearch, pagedSearch, SearchedEntity, SearchPage } from './paged-search';
import { ResourceCounts } from './resource-counts';
import { UserVersionConflictError } from './users.errors';

export interface GroupMemberRow {
  idGroup: number;
  guidUser: string;
  fullName: string | null;
  display: string | null;
}

export interface NewMember {
  idUser: number;
  display: string | null;
}

/** The groups a SCIM client sees: the subscription's. */
const SUBSCRIPTION_GROUPS: SearchedEntity<WFGroup> = {
  name: 'groups',
  target: WFGroup,
  alias: 'g',
  key: 'idGroup',
  scope: 'g.idSubscription = :idSubscription',
};

/** Groups and memberships. Membership changes touch only the rows named, never the whole member list. */
@Injectable()
export class WFGroupRepository {
  private readonly queries: CompiledQueries;
  private readonly writes: CompiledWrites;
  private readonly memo = new PageMemo();
  private readonly toGroup: (row: ObjectLiteral) => WFGroup;

  constructor(
    @InjectRepository(WFGroup) private readonly groups: Repository<WFGroup>,
    private readonly counts: ResourceCounts,
  ) {
    this.queries = new CompiledQueries(groups.manager.connection);
    this.writes = CompiledWrites.of(groups.manager.connection);
    this.toGroup = this.queries.hydrator(WFGroup);
  }

  private repo(manager?: EntityManager): Repository<WFGroup> {
    return manager ? manager.getRepository(WFGroup) : this.groups;
  }
  private members(manager?: EntityManager): Repository<WFGroupMember> {
    return (manager ?? this.groups.manager).getRepository(WFGroupMember);
  }

  async create(idSubscription: number, displayName: string, externalId: string | null, manager: EntityManager): Promise<WFGroup> {
    const now = new Date();
    const group = await this.repo(manager).save({
      guidGroup: randomUUID(),
      idSubscription,
      displayName,
      displayNameKey: displayName.toLowerCase().slice(0, 256),
      externalId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    await this.counts.adjust(manager, idSubscription, 'Group', +1);
    return group;
  }

  countBySubscription(idSubscription: number): Promise<number> {
    return this.groups.countBy({ idSubscription });
  }

  findByGuid(idSubscription: number, guidGroup: string, manager?: EntityManager): Promise<WFGroup | null> {
    return this.repo(manager).findOneBy({ idSubscription, guidGroup });
  }

  async search(idSubscription: number, search: PagedSearch, total?: number): Promise<SearchPage<WFGroup>> {
    const counted =
      total !== undefined ? () => Promise.resolve(total) : search.condition ? undefined : () => this.counts.total(idSubscription, 'Group');
    return pagedSearch(this.queries, SUBSCRIPTION_GROUPS, this.toGroup, { idSubscription }, search, { counted, memo: this.memo });
  }

  /** Locks a group of the subscription for a read-modify-write and reads it as it is now, in one statement (null when there is none). */
  async lockForWrite(idSubscription: number, guidGroup: string, manager: EntityManager): Promise<WFGroup | null> {
    const [group] = await lockAndRead(manager, WFGroup, 'version', { idSubscription, guidGroup }, this.toGroup);
    return group ?? null;
  }

  /** Writes displayName/externalId and bumps the version if nobody wrote since it was read. */
  async update(group: WFGroup, changes: { displayName?: string; externalId?: string | null }, manager: EntityManager): Promise<WFGroup> {
    const next: Partial<WFGroup> = { ...changes, updatedAt: new Date(), version: group.version + 1 };
    if (changes.displayName !== undefined) next.displayNameKey = changes.displayName.toLowerCase().slice(0, 256);
    const { affected } = await this.writes.update(WFGroup, next, { idGroup: group.idGroup, version: group.version }, manager);
    if (affected === 0) throw new UserVersionConflictError(group.guidGroup);
    return Object.assign(new WFGroup(), group, next);
  }

  async delete(group: WFGroup, manager: EntityManager): Promise<void> {
    await this.members(manager).delete({ idGroup: group.idGroup });
    await this.repo(manager).delete({ idGroup: group.idGroup });
    await this.counts.adjust(manager, group.idSubscription, 'Group', -1);
  }

  /** Members of these groups with the SCIM id and display name of each user. */
  listMembers(idGroups: number[], manager?: EntityManager): Promise<GroupMemberRow[]> {
    if (idGroups.length === 0) return Promise.resolve([]);
    return this.members(manager)
      .createQueryBuilder('m')
      .innerJoin(WFUser, 'u', 'u.idUser = m.idUser')
      .select('m.idGroup', 'idGroup')
      .addSelect('u.guidUser', 'guidUser')
      .addSelect('u.fullName', 'fullName')
      .addSelect('m.display', 'display')
      .where('m.idGroup IN (:...idGroups)', { idGroups })
      .orderBy('m.idGroup')
      .addOrderBy('u.idUser')
      .getRawMany<GroupMemberRow>();
  }

  /** Adds the users not yet members; existing memberships are left as they are. */
  async addMembers(idGroup: number, members: NewMember[], manager: EntityManager): Promise<void> {
    if (members.length === 0) return;
    const byUser = new Map(members.map((m) => [m.idUser, m]));
    const existing = await this.members(manager).find({ where: { idGroup, idUser: In([...byUser.keys()]) } });
    for (const m of existing) byUser.delete(m.idUser);
    const rows = [...byUser.values()].map((m) => ({ idGroup, idUser: m.idUser, display: m.display }));
    for (const chunk of chunks(rows, ROWS_PER_INSERT)) await this.members(manager).insert(chunk);
  }

  async removeMembers(idGroup: number, idUsers: number[], manager: EntityManager): Promise<void> {
    if (idUsers.length) await this.members(manager).delete({ idGroup, idUser: In([...new Set(idUsers)]) });
  }

  async removeAllMembers(idGroup: number, manager: EntityManager): Promise<void> {
    await this.members(manager).delete({ idGroup });
  }
}
