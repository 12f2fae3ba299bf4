import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Something of the workflow platform a user owns (a process, a form, a report…). */
@Entity('Resource')
export class Resource {
  @PrimaryGeneratedColumn({ name: 'idResource' })
  idResource: number;

  @Column({ length: 36 })
  guidResource: string;

  @Column()
  idSubscription: number;

  @Column({ length: 64 })
  kind: string;

  @Column({ length: 256 })
  name: string;

  @Column()
  idOwnerUser: number;

  @Column()
  createdAt: Date;

  @Column()
  updatedAt: Date;
}
