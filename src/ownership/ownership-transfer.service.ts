import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { Subscription } from '../tenancy/entities/subscription.entity';
import { TenancyRepository } from '../tenancy/tenancy.repository';
import { WFUser } from '../users/entities/wf-user.entity';
import { WFUserRepository } from '../users/wf-user.repository';
import { OwnershipTransfer } from './entities/ownership-transfer.entity';
import { ChainFacts, planHeirs, PersonFact } from './heir-chain';
import { PermissionGrantRepository } from '../users/permission-grant.repository';
import { ResourceRepository } from './resource.repository';

export interface DeactivationOrigin {
  /** e.g. `PATCH /scim/v2/Users/{id}`. */
  trigger: string;
  requestId?: string;
}

/**
 * Runs inside the transaction that deactivates a user (active → inactive only): everything the
 * user owns passes to the first heir that is still active when claimed, with an audit row; or,
 * when nobody may take over, the deactivation is refused and the transaction rolls back.
 */
@Injectable()
export class OwnershipTransferService {
  constructor(
    private readonly users: WFUserRepository,
    private readonly tenancy: TenancyRepository,
    private readonly resources: ResourceRepository,
    private readonly permissions: PermissionGrantRepository,
  ) {}

  /**
   * Every transaction that may deactivate a user of the subscription's company takes this lock
   * first, before the user's own: the company's owners and the heirs are then read as they are,
   * and two owners deactivated at once cannot both rely on the other to remain (one is refused).
   */
  async lockForDeactivation(idSubscription: number, manager: EntityManager): Promise<void> {
    await this.tenancy.lockCompany(await this.tenancy.companyOf(idSubscription, manager), manager);
  }

  async onUserDeactivated(user: WFUser, manager: EntityManager, origin: DeactivationOrigin): Promise<OwnershipTransfer | null> {
    const subscription = (await this.tenancy.findSubscription(user.idSubscription, manager))!;
    const owned = await this.tenancy.subscriptionsOwnedBy(user.idUser, manager);
    const decision = planHeirs(await this.facts(user, subscription, owned, manager));
    if (decision.refused) throw new AppError(ErrorCode.OnlyCompanyOwner, decision.reason);

    const ownsResources = (await this.resources.countOwnedBy(user.idUser, manager)) > 0;
    const holdsPermissions = (await this.permissions.listForUser(user.idUser, manager)).length > 0;
    const needsHeir = ownsResources || holdsPermissions || decision.subscriptionOwnerCandidates.length > 0;
    if (!needsHeir && !decision.endsCompanyOwnership) return null;

    let heir: { idUser: number; rule: OwnershipTransfer['rule'] } | undefined;
    for (const candidate of decision.candidates) {
      if (await this.users.claimActive(candidate.idUser, manager)) {
        heir = candidate;
        break;
      }
    }
    if (!heir)
      throw new AppError(ErrorCode.OnlyCompanyOwner, 'Nobody active can take over what this user owns; assign another company owner first');

    let idNewSubscriptionOwner: number | null = null;
    for (const idOwner of decision.subscriptionOwnerCandidates) {
      if (idOwner === heir.idUser || (await this.users.claimActive(idOwner, manager))) {
        idNewSubscriptionOwner = idOwner;
        break;
      }
    }
    if (decision.subscriptionOwnerCandidates.length && idNewSubscriptionOwner === null) {
      throw new AppError(
        ErrorCode.OnlyCompanyOwner,
        'No other active company owner can take over the subscription; assign another company owner first',
      );
    }

    const resourcesMoved = await this.resources.reassignAll(user.idUser, heir.idUser, manager);
    const permissionsMoved = await this.permissions.moveAll(user.idUser, heir.idUser, manager);
    if (idNewSubscriptionOwner !== null) {
      for (const { idSubscription } of owned) await this.tenancy.setSubscriptionOwner(idSubscription, idNewSubscriptionOwner, manager);
    }
    if (decision.endsCompanyOwnership) await this.tenancy.removeCompanyOwner(subscription.idCompany, user.idUser, manager);

    return manager.getRepository(OwnershipTransfer).save({
      guidTransfer: randomUUID(),
      idSubscription: user.idSubscription,
      idFromUser: user.idUser,
      idToUser: heir.idUser,
      rule: heir.rule,
      resourcesMoved,
      permissionsMoved: permissionsMoved.join(' '),
      idNewSubscriptionOwner,
      companyOwnershipEnded: decision.endsCompanyOwnership,
      trigger: origin.trigger.slice(0, 256),
      requestId: origin.requestId?.slice(0, 128) ?? null,
      createdAt: new Date(),
    });
  }

  private async facts(user: WFUser, subscription: Subscription, owned: Subscription[], manager: EntityManager): Promise<ChainFacts> {
    const owners = await this.tenancy.listCompanyOwners(subscription.idCompany, manager);
    const ids = [
      ...owners.map((o) => o.idUser),
      ...(subscription.idOwnerUser ? [subscription.idOwnerUser] : []),
      ...(user.idBossUser ? [user.idBossUser] : []),
    ];
    const people = new Map((await this.users.findByIdsInAnySubscription(ids, manager)).map((u) => [u.idUser, u]));
    const fact = (idUser: number | null): PersonFact | undefined => {
      const person = idUser === null ? undefined : people.get(idUser);
      return person ? { idUser: person.idUser, active: person.enabled && person.deletedAt === null } : undefined;
    };
    // The boss must be of the same subscription; the store only links bosses within it.
    const boss = fact(user.idBossUser);
    return {
      idUser: user.idUser,
      boss: boss && people.get(boss.idUser)?.idSubscription === user.idSubscription ? boss : undefined,
      subscriptionOwner: fact(subscription.idOwnerUser),
      ownsOtherSubscription: owned.some((s) => s.idSubscription !== subscription.idSubscription),
      companyOwners: owners.map((o) => fact(o.idUser)).filter((f): f is PersonFact => f !== undefined),
    };
  }
}
