import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type HeirRule = 'boss' | 'subscription_owner' | 'company_owner';

/** Audit of one deactivation's transfer: who to whom, what moved, by which rule, from which request. */
@Entity('OwnershipTransfer')
export class OwnershipTransfer {
  @PrimaryGeneratedColumn({ name: 'idTransfer' })
  idTransfer: number;

  @Column({ length: 36 })
  guidTransfer: string;

  @Column()
  idSubscription: number;

  @Column()
  idFromUser: number;

  @Column()
  idToUser: number;

  @Column({ type: String, length: 32 })
  rule: HeirRule;

  @Column()
  resourcesMoved: number;

  /** Space-separated permissions that passed to the heir (text of any length). */
  @Column({ type: String })
  permissionsMoved: string;

  /** The subscription's ownership passed to the heir of that role (a company owner). */
  @Column({ type: Number, nullable: true })
  idNewSubscriptionOwner: number | null;

  @Column()
  companyOwnershipEnded: boolean;

  /** What caused the deactivation, e.g. `PATCH /scim/v2/Users/{id}`. */
  @Column({ length: 256 })
  trigger: string;

  @Column({ type: String, length: 128, nullable: true })
  requestId: string | null;

  @Column()
  createdAt: Date;
}
