import { Injectable } from '@nestjs/common';
import { notFound } from '../common/errors/app-error';
import { Principal } from '../auth/principal';
import { WFUser } from '../users/entities/wf-user.entity';
import { WFUserRepository } from '../users/wf-user.repository';
import { Subscription } from './entities/subscription.entity';
import { TenancyRepository } from './tenancy.repository';

/** The subscription an admin request acts in: one of the caller's company. */
export interface AdminScope {
  idCompany: number;
  idSubscription: number;
  /** Its id in the admin API. */
  subscriptionId: string;
}

/**
 * Resolves what an admin request names within the caller's company: the `subscriptionId` of a
 * subscription-scoped route (absent: the caller's own subscription), a subscription by id, a user
 * of any of the company's subscriptions. Another company's subscription answers 404, exactly as one
 * that does not exist: nothing tells a caller what other companies hold.
 */
@Injectable()
export class AdminScopes {
  constructor(
    private readonly tenancy: TenancyRepository,
    private readonly users: WFUserRepository,
  ) {}

  async resolve(principal: Principal, subscriptionId?: string): Promise<AdminScope> {
    const subscription = await this.subscription(principal, subscriptionId);
    return {
      idCompany: subscription.idCompany,
      idSubscription: subscription.idSubscription,
      subscriptionId: subscription.guidSubscription,
    };
  }

  /** The caller's company: the company of the subscription its application belongs to. */
  company(principal: Principal): Promise<number> {
    return this.tenancy.companyOf(principal.idSubscription);
  }

  /** The subscription itself (default: the caller's own); 404 when it is not of the caller's company. */
  async subscription(principal: Principal, subscriptionId?: string): Promise<Subscription> {
    const idCompany = await this.company(principal);
    const subscription = subscriptionId
      ? await this.tenancy.findSubscriptionByGuid(idCompany, subscriptionId.toLowerCase())
      : await this.tenancy.findSubscription(principal.idSubscription);
    if (!subscription || subscription.idCompany !== idCompany) throw notFound(`Subscription ${subscriptionId}`);
    return subscription;
  }

  /** A user of any subscription of the company by SCIM id, deleted ones included; null for anyone else. */
  async companyUser(idCompany: number, userId: string): Promise<WFUser | null> {
    const user = await this.users.findByGuidInAnySubscription(userId.toLowerCase());
    const subscription = user ? await this.tenancy.findSubscription(user.idSubscription) : null;
    return user && subscription?.idCompany === idCompany ? user : null;
  }
}
