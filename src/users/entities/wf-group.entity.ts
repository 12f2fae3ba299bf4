import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A group of users of one subscription (SCIM Group). */
@Entity('WFGroup')
export class WFGroup {
  @PrimaryGeneratedColumn({ name: 'idGroup' })
  idGroup: number;

  /** The SCIM `id`. */
  @Column({ length: 36 })
  guidGroup: string;

  @Column()
  idSubscription: number;

  @Column({ length: 256 })
  displayName: string;

  /** Case-folded displayName for index-backed, case-insensitive lookups. */
  @Column({ length: 256 })
  displayNameKey: string;

  @Column({ type: String, length: 256, nullable: true })
  externalId: string | null;

  @Column()
  createdAt: Date;

  @Column()
  updatedAt: Date;

  @Column()
  version: number;
}
