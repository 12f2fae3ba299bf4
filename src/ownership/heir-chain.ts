import { HeirRule } from './entities/ownership-transfer.entity';

/**
 * Who inherits when a user is deactivated (pure; the service gathers the facts and claims the
 * candidates in order inside its transaction):
 *
 *   1. the user's boss, if that user is in the system and active;
 *   2. otherwise the subscription owner;
 *   3. otherwise (the user *is* the subscription owner) a company owner;
 * and, beside the resources:
 *   - a subscription owner's subscriptions (their own or others of the company) pass to an active company owner;
 *   - a company owner stops being one, which needs another active company owner;
 *   - the only (active) company owner cannot be deactivated: refused, nothing changes.
 *
 * The heir is never the user, never inactive; only the direct boss is considered, so a cycle in
 * the boss chain (A → B → A) cannot loop.
 */
export interface PersonFact {
  idUser: number;
  active: boolean;
}

export interface ChainFacts {
  idUser: number;
  /** The user's boss as the store knows it (undefined when unset or not in the system). */
  boss?: PersonFact;
  subscriptionOwner?: PersonFact;
  /** The user owns a subscription of the company other than their own. */
  ownsOtherSubscription?: boolean;
  /** Company owners in seniority order. */
  companyOwners: PersonFact[];
}

export interface HeirPlan {
  /** Resource and permission heirs, best first; the first one still active when claimed wins (may be empty when nobody is). */
  candidates: { idUser: number; rule: HeirRule }[];
  /** Candidates for the ownership of the subscriptions the user holds (their own, or others of the company). */
  subscriptionOwnerCandidates: number[];
  /** The user is a company owner and stops being one. */
  endsCompanyOwnership: boolean;
}

export type HeirDecision = { refused: true; reason: string } | ({ refused: false } & HeirPlan);

export function planHeirs(facts: ChainFacts): HeirDecision {
  const eligible = (p: PersonFact | undefined): p is PersonFact => p !== undefined && p.active && p.idUser !== facts.idUser;
  const otherOwners = facts.companyOwners.filter(eligible).map((o) => o.idUser);
  const isCompanyOwner = facts.companyOwners.some((o) => o.idUser === facts.idUser);
  const isSubscriptionOwner = facts.subscriptionOwner?.idUser === facts.idUser || facts.ownsOtherSubscription === true;

  if ((isCompanyOwner || isSubscriptionOwner) && otherOwners.length === 0) {
    return {
      refused: true,
      reason: isCompanyOwner
        ? 'This user is the only active company owner; assign another company owner first'
        : 'This user owns the subscription and the company has no other active owner to take it; assign another company owner first',
    };
  }

  const candidates: HeirPlan['candidates'] = [];
  const add = (idUser: number, rule: HeirRule) => {
    if (!candidates.some((c) => c.idUser === idUser)) candidates.push({ idUser, rule });
  };
  if (eligible(facts.boss)) add(facts.boss.idUser, 'boss');
  if (eligible(facts.subscriptionOwner)) add(facts.subscriptionOwner.idUser, 'subscription_owner');
  for (const owner of otherOwners) add(owner, 'company_owner');

  return {
    refused: false,
    candidates,
    subscriptionOwnerCandidates: isSubscriptionOwner ? otherOwners : [],
    endsCompanyOwnership: isCompanyOwner,
  };
}
