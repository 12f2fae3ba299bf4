import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PageOf } from '../common/dto/page-query.dto';
import { AppError, ErrorCode, notFound } from '../common/errors/app-error';
import { Principal } from '../auth/principal';
import { WFUser } from '../users/entities/wf-user.entity';
import { WFUserRepository } from '../users/wf-user.repository';
import { CompanyOwnerView, SubscriptionView, UserSummaryView } from './dto/tenancy.dto';
import { Subscription } from './entities/subscription.entity';
import { AdminScopes } from './admin-scope';
import { TenancyRepository } from './tenancy.repository';

/** Subscriptions and owners of the caller's company. */
@Injectable()
export class TenancyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenancy: TenancyRepository,
    private readonly users: WFUserRepository,
    private readonly scopes: AdminScopes,
  ) {}

  /**
   * A new subscription, with its owner when one is named: an active user of any subscription of
   * the company (a subscription made for an identity provider has no users of its own yet).
   */
  async createSubscription(principal: Principal, name: string, ownerUserId?: string): Promise<SubscriptionView> {
    const idCompany = await this.scopes.company(principal);
    const owner = ownerUserId ? await this.ownerCandidate(principal, ownerUserId, 'ownerUserId') : null;
    const subscription = await this.dataSource.transaction(async (manager) => {
      if (owner) {
        await this.tenancy.lockCompany(idCompany, manager);
        await this.requireActive(owner, 'ownerUserId', manager);
      }
      return this.tenancy.createSubscription(idCompany, name, owner?.idUser ?? null, manager);
    });
    return this.view(subscription, owner?.guidUser ?? null);
  }

  async listSubscriptions(principal: Principal, offset: number, limit: number): Promise<PageOf<SubscriptionView>> {
    const idCompany = await this.scopes.company(principal);
    const [subscriptions, total] = await this.tenancy.listSubscriptions(idCompany, offset, limit);
    const owners = await this.users.findByIdsInAnySubscription(subscriptions.flatMap((s) => (s.idOwnerUser ? [s.idOwnerUser] : [])));
    const guids = new Map(owners.map((u) => [u.idUser, u.guidUser]));
    return {
      total,
      offset,
      limit,
      items: subscriptions.map((s) => this.view(s, s.idOwnerUser ? (guids.get(s.idOwnerUser) ?? null) : null)),
    };
  }

  /**
   * The owner is an active user of the company, usually of that subscription. Checked under the
   * company's lock, which every deactivation takes first: a user being deactivated cannot become
   * an owner.
   */
  async setSubscriptionOwner(principal: Principal, subscriptionId: string, userId: string): Promise<SubscriptionView> {
    const idCompany = await this.scopes.company(principal);
    const subscription = await this.scopes.subscription(principal, subscriptionId);
    const user = await this.ownerCandidate(principal, userId, 'userId');
    await this.dataSource.transaction(async (manager) => {
      await this.tenancy.lockCompany(idCompany, manager);
      await this.requireActive(user, 'userId', manager);
      await this.tenancy.setSubscriptionOwner(subscription.idSubscription, user.idUser, manager);
    });
    return this.view({ ...subscription, idOwnerUser: user.idUser }, user.guidUser);
  }

  /** A page of the subscription's users (not deleted), by userName; `search` is a userName prefix. */
  async listUsers(
    principal: Principal,
    subscriptionId: string,
    search: string | undefined,
    offset: number,
    limit: number,
  ): Promise<PageOf<UserSummaryView>> {
    const subscription = await this.scopes.subscription(principal, subscriptionId);
    const [users, total] = await this.users.listLive(subscription.idSubscription, search, offset, limit);
    return {
      total,
      offset,
      limit,
      items: users.map((u) => ({ userId: u.guidUser, userName: u.userName, displayName: u.fullName, active: u.enabled })),
    };
  }

  private async ownerCandidate(principal: Principal, userId: string, field: string): Promise<WFUser> {
    const idCompany = await this.scopes.company(principal);
    const user = await this.scopes.companyUser(idCompany, userId);
    if (!user || user.deletedAt) {
      throw new AppError(ErrorCode.InvalidValue, `${field}: no user ${userId} in this company`);
    }
    return user;
  }

  private async requireActive(user: WFUser, field: string, manager: EntityManager): Promise<void> {
    const [fresh] = await this.users.findByIdsInAnySubscription([user.idUser], manager);
    if (!fresh?.enabled || fresh.deletedAt) throw new AppError(ErrorCode.InvalidValue, `${field}: user ${user.guidUser} is not active`);
  }

  async listCompanyOwners(principal: Principal): Promise<CompanyOwnerView[]> {
    const idCompany = await this.scopes.company(principal);
    const owners = await this.tenancy.listCompanyOwners(idCompany);
    const users = new Map((await this.users.findByIdsInAnySubscription(owners.map((o) => o.idUser))).map((u) => [u.idUser, u]));
    return owners.flatMap((o) => {
      const user = users.get(o.idUser);
      return user ? [{ userId: user.guidUser, userName: user.userName, since: o.createdAt.toISOString() }] : [];
    });
  }

  /** Adding an owner the company has already changes nothing; a user being deactivated is refused (company lock). */
  async addCompanyOwner(principal: Principal, userId: string): Promise<CompanyOwnerView[]> {
    const idCompany = await this.scopes.company(principal);
    const user = await this.companyUser(principal, userId);
    await this.dataSource.transaction(async (manager) => {
      await this.tenancy.lockCompany(idCompany, manager);
      await this.requireActive(user, 'userId', manager);
      await this.tenancy.addCompanyOwner(idCompany, user.idUser, manager);
    });
    return this.listCompanyOwners(principal);
  }

  /**
   * Refuses to remove the last active company owner: every company keeps someone who can act
   * for it. The owners are read under the company's lock, so two removals (or a removal and a
   * deactivation) at the same moment cannot both count on the other owner.
   */
  async removeCompanyOwner(principal: Principal, userId: string): Promise<void> {
    const idCompany = await this.scopes.company(principal);
    const user = await this.companyUser(principal, userId);
    await this.dataSource.transaction(async (manager) => {
      await this.tenancy.lockCompany(idCompany, manager);
      const owners = await this.tenancy.listCompanyOwners(idCompany, manager);
      if (!owners.some((o) => o.idUser === user.idUser)) throw notFound(`Company owner ${userId}`);
      const others = await this.users.findByIdsInAnySubscription(
        owners.filter((o) => o.idUser !== user.idUser).map((o) => o.idUser),
        manager,
      );
      if (!others.some((o) => o.enabled && !o.deletedAt)) {
        throw new AppError(
          ErrorCode.OnlyCompanyOwner,
          'This user is the only company owner still active; add another company owner before removing this one',
        );
      }
      await this.tenancy.removeCompanyOwner(idCompany, user.idUser, manager);
    });
  }

  private async companyUser(principal: Principal, userId: string): Promise<WFUser> {
    const idCompany = await this.scopes.company(principal);
    const user = await this.scopes.companyUser(idCompany, userId);
    if (!user) throw notFound(`User ${userId}`);
    return user;
  }

  private view(subscription: Subscription, ownerUserId: string | null): SubscriptionView {
    return { id: subscription.guidSubscription, name: subscription.name, ownerUserId, createdAt: subscription.createdAt.toISOString() };
  }
}
