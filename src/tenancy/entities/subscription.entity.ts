import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The tenant: every user, group, application and resource belongs to exactly one subscription. */
@Entity('Subscription')
export class Subscription {
  @PrimaryGeneratedColumn({ name: 'idSubscription' })
  idSubscription: number;

  @Column({ length: 36 })
  guidSubscription: string;

  @Column()
  idCompany: number;

  @Column({ length: 200 })
  name: string;

  @Column({ type: Number, nullable: true })
  idOwnerUser: number | null;

  @Column()
  createdAt: Date;
}
