import { Injectable } from '@nestjs/common';
import { notFound } from '../common/errors/app-error';
import { Principal } from '../oauth2/auth/principal';
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
 * Resolves the `subscriptionId` of a subscription-scoped admin route: absent, the caller's own
 * subscription; otherwise a subscription of the caller's company. Another company's subscription
 * answers 404, exactly as one that does not exist: nothing tells a caller what other companies hold.
 */
@Injectable()
export class AdminScopes {
  constructor(private readonly tenancy: TenancyRepository) {}

  async resolve(principal: Principal, subscriptionId?: string): Promise<AdminScope> {
    const subscription: Subscription | null = subscriptionId
      ? await this.tenancy.findSubscriptionByGuid(principal.idCompany, subscriptionId.toLowerCase())
      : await this.tenancy.findSubscription(principal.idSubscription);
    if (!subscription || subscription.idCompany !== principal.idCompany) throw notFound(`Subscription ${subscriptionId}`);
    return {
      idCompany: subscription.idCompany,
      idSubscription: subscription.idSubscription,
      subscriptionId: subscription.guidSubscription,
    };
  }
}
