import { Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service';
import { Principal } from '../auth/principal';
import { OAuthApplicationRepository } from '../oauth2/oauth-application.repository';
import { AdminScopes } from '../tenancy/admin-scope';
import { TenancyRepository } from '../tenancy/tenancy.repository';
import { WFGroupRepository } from '../users/wf-group.repository';
import { WFUserRepository } from '../users/wf-user.repository';
import { OwnerView, SubscriptionDetailView } from './subscription-overview.view';

const APPLICATIONS_SHOWN = 100;

/** One subscription as an administrator checks it after connecting an identity provider. */
@Injectable()
export class SubscriptionOverviewService {
  constructor(
    private readonly tenancy: TenancyRepository,
    private readonly users: WFUserRepository,
    private readonly groups: WFGroupRepository,
    private readonly applications: OAuthApplicationRepository,
    private readonly activity: ActivityService,
    private readonly scopes: AdminScopes,
  ) {}

  async describe(principal: Principal, subscriptionId: string): Promise<SubscriptionDetailView> {
    const subscription = await this.scopes.subscription(principal, subscriptionId);
    const scope = {
      idCompany: subscription.idCompany,
      idSubscription: subscription.idSubscription,
      subscriptionId: subscription.guidSubscription,
    };
    const [owner, users, groups, applications, lastActivity] = await Promise.all([
      subscription.idOwnerUser ? this.owner(subscription.idOwnerUser) : null,
      this.users.countBySubscription(subscription.idSubscription),
      this.groups.countBySubscription(subscription.idSubscription),
      this.applications.ofSubscription(subscription.idSubscription, APPLICATIONS_SHOWN),
      this.activity.latest(scope),
    ]);
    return {
      id: subscription.guidSubscription,
      name: subscription.name,
      createdAt: subscription.createdAt.toISOString(),
      owner,
      heirWithoutBoss: owner?.active ? 'subscription_owner' : 'company_owner',
      users,
      groups,
      applications: applications.map((a) => ({
        id: a.guidApplication,
        name: a.name,
        clientId: a.clientId,
        grantType: a.grantType,
        lastUsedAt: a.lastUsedAt ? a.lastUsedAt.toISOString() : null,
      })),
      lastActivity,
    };
  }

  private async owner(idUser: number): Promise<OwnerView | null> {
    const [user] = await this.users.findByIdsInAnySubscription([idUser]);
    if (!user) return null;
    const home = await this.tenancy.findSubscription(user.idSubscription);
    return {
      userId: user.guidUser,
      userName: user.userName,
      subscriptionId: home?.guidSubscription ?? '',
      active: user.enabled && !user.deletedAt,
    };
  }
}
