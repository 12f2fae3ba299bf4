import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { PageOf } from '../common/dto/page-query.dto';
import { AppError, ErrorCode, notFound } from '../common/errors/app-error';
import { AdminScope, AdminScopes } from '../tenancy/admin-scope';
import { WFUser } from '../users/entities/wf-user.entity';
import { AccessChanges } from '../users/access-changes';
import { WFUserRepository } from '../users/wf-user.repository';
import { CreateResourceDto, ResourceView, TransferView } from './dto/ownership.dto';
import { OwnershipTransfer } from './entities/ownership-transfer.entity';
import { Resource } from './entities/resource.entity';
import { PermissionGrantRepository } from '../users/permission-grant.repository';
import { ResourceRepository } from './resource.repository';

/** Admin API of the ownership module, in one subscription of the caller's company; users named by SCIM id. */
@Injectable()
export class OwnershipService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resources: ResourceRepository,
    private readonly permissions: PermissionGrantRepository,
    private readonly users: WFUserRepository,
    private readonly scopes: AdminScopes,
    private readonly access: AccessChanges,
    @InjectRepository(OwnershipTransfer) private readonly transfers: Repository<OwnershipTransfer>,
  ) {}

  /** The owner is locked and checked active in the same transaction (see WFUserRepository.lockActive). */
  async createResource(scope: AdminScope, dto: CreateResourceDto): Promise<ResourceView> {
    const owner = await this.user(scope, dto.ownerUserId, 'ownerUserId');
    const resource = await this.dataSource.transaction(async (manager) => {
      await this.requireActive(owner, 'ownerUserId', manager);
      return this.resources.create(scope.idSubscription, dto.kind, dto.name, owner.idUser, manager);
    });
    return this.resourceView(resource, owner.guidUser);
  }

  async listResources(scope: AdminScope, ownerUserId: string | undefined, offset: number, limit: number): Promise<PageOf<ResourceView>> {
    const owner = ownerUserId ? await this.companyUser(scope, ownerUserId, 'ownerUserId') : undefined;
    const [items, total] = await this.resources.list(scope.idSubscription, owner?.idUser, offset, limit);
    const guids = await this.guids(items.map((r) => r.idOwnerUser));
    return { total, offset, limit, items: items.map((r) => this.resourceView(r, guids.get(r.idOwnerUser)!)) };
  }

  async getResource(scope: AdminScope, id: string): Promise<ResourceView> {
    const resource = await this.resources.findByGuid(scope.idSubscription, id);
    if (!resource) throw notFound(`Resource ${id}`);
    const guids = await this.guids([resource.idOwnerUser]);
    return this.resourceView(resource, guids.get(resource.idOwnerUser)!);
  }

  async listPermissions(scope: AdminScope, userId: string): Promise<{ userId: string; permissions: string[] }> {
    const user = await this.user(scope, userId, 'userId');
    return { userId, permissions: (await this.permissions.listForUser(user.idUser)).map((g) => g.permission) };
  }

  /** Granting a permission the user holds already changes nothing, however many grants race. */
  async grant(scope: AdminScope, userId: string, permission: string): Promise<{ userId: string; permissions: string[] }> {
    const user = await this.user(scope, userId, 'userId');
    await this.dataSource.transaction(async (manager) => {
      await this.requireActive(user, 'userId', manager);
      await this.permissions.grant(user.idUser, permission, manager);
    });
    return this.listPermissions(scope, userId);
  }

  private async requireActive(user: WFUser, field: string, manager: EntityManager): Promise<void> {
    if (!(await this.users.lockActive(user.idUser, manager))) {
      throw new AppError(ErrorCode.InvalidValue, `${field}: user ${user.guidUser} is not active`);
    }
  }

  async revoke(scope: AdminScope, userId: string, permission: string): Promise<void> {
    const user = await this.user(scope, userId, 'userId');
    if (!(await this.permissions.revoke(user.idUser, permission))) throw notFound(`Permission ${permission} of user ${userId}`);
    this.access.narrowed(user.idUser);
  }

  async listTransfers(scope: AdminScope, userId: string | undefined, offset: number, limit: number): Promise<PageOf<TransferView>> {
    const user = userId ? await this.companyUser(scope, userId, 'userId') : undefined;
    const where = user
      ? [
          { idSubscription: scope.idSubscription, idFromUser: user.idUser },
          { idSubscription: scope.idSubscription, idToUser: user.idUser },
        ]
      : { idSubscription: scope.idSubscription };
    const [items, total] = await this.transfers.findAndCount({ where, order: { idTransfer: 'DESC' }, skip: offset, take: limit });
    const guids = await this.guids(
      items.flatMap((t) => [t.idFromUser, t.idToUser, ...(t.idNewSubscriptionOwner ? [t.idNewSubscriptionOwner] : [])]),
    );
    return {
      total,
      offset,
      limit,
      items: items.map((t) => ({
        id: t.guidTransfer,
        fromUserId: guids.get(t.idFromUser) ?? '',
        toUserId: guids.get(t.idToUser) ?? '',
        rule: t.rule,
        resourcesMoved: t.resourcesMoved,
        permissionsMoved: t.permissionsMoved ? t.permissionsMoved.split(' ') : [],
        newSubscriptionOwnerId: t.idNewSubscriptionOwner ? (guids.get(t.idNewSubscriptionOwner) ?? null) : null,
        companyOwnershipEnded: t.companyOwnershipEnded,
        trigger: t.trigger,
        requestId: t.requestId,
        createdAt: t.createdAt.toISOString(),
      })),
    };
  }

  /** A user of the subscription by SCIM id: the one a resource or permission is given to. */
  private async user(scope: AdminScope, guid: string, field: string): Promise<WFUser> {
    const user = await this.users.findByGuid(scope.idSubscription, guid.toLowerCase());
    if (!user) throw new AppError(ErrorCode.InvalidValue, `${field}: no user ${guid} in this subscription`);
    return user;
  }

  /**
   * A user a list is filtered by: of any subscription of the company, deleted ones too — heirs may
   * be company owners of another subscription, and the audit names users long gone.
   */
  private async companyUser(scope: AdminScope, guid: string, field: string): Promise<WFUser> {
    const user = await this.scopes.companyUser(scope.idCompany, guid);
    if (!user) throw new AppError(ErrorCode.InvalidValue, `${field}: no user ${guid} in this company`);
    return user;
  }

  /** SCIM ids of users (heirs may be company owners of another subscription of the company). */
  private async guids(ids: number[]): Promise<Map<number, string>> {
    return new Map((await this.users.findByIdsInAnySubscription(ids)).map((u) => [u.idUser, u.guidUser]));
  }

  private resourceView(resource: Resource, ownerUserId: string): ResourceView {
    return {
      id: resource.guidResource,
      kind: resource.kind,
      name: resource.name,
      ownerUserId,
      createdAt: resource.createdAt.toISOString(),
      updatedAt: resource.updatedAt.toISOString(),
    };
  }
}
