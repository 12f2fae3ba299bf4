import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ACTIVITY_OPERATIONS = ['create', 'replace', 'update', 'disable', 'delete', 'membership', 'read', 'search', 'other'] as const;
export type ActivityOperation = (typeof ACTIVITY_OPERATIONS)[number];

export const ACTIVITY_OUTCOMES = ['success', 'refused'] as const;
export type ActivityOutcome = (typeof ACTIVITY_OUTCOMES)[number];

/**
 * One SCIM request of an identity provider as an administrator sees it: every write (in the
 * transaction of the change) and every refusal (a 4xx, with its scimType and detail).
 */
@Entity('ProvisioningActivity')
export class ProvisioningActivity {
  /** 64-bit: the table only grows (old rows are purged, ids are never reused). */
  @PrimaryGeneratedColumn({ name: 'idActivity', type: 'bigint' })
  idActivity: string | number;

  @Column()
  idSubscription: number;

  @Column({ type: Number, nullable: true })
  idApplication: number | null;

  @Column({ type: String, length: 16 })
  operation: ActivityOperation;

  /** `User`, `Group`, or the endpoint (`Schemas`, `Bulk`, …) a refused request named. */
  @Column({ length: 16 })
  resourceType: string;

  /** SCIM id of the resource, when the request named or made one. */
  @Column({ type: String, length: 36, nullable: true })
  resourceId: string | null;

  /** userName or displayName. */
  @Column({ type: String, length: 256, nullable: true })
  resourceName: string | null;

  @Column({ type: String, length: 8 })
  outcome: ActivityOutcome;

  @Column()
  status: number;

  @Column({ type: String, length: 32, nullable: true })
  scimType: string | null;

  @Column({ type: String, length: 512, nullable: true })
  detail: string | null;

  @Column({ type: String, length: 128, nullable: true })
  requestId: string | null;

  @Column()
  createdAt: Date;
}
