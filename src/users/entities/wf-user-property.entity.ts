import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A custom user property of the workflow platform (name → value). */
@Entity('WFUserProperty')
export class WFUserProperty {
  @PrimaryColumn()
  idUser: number;

  @PrimaryColumn({ length: 128 })
  name: string;

  @Column({ type: String, length: 2000, nullable: true })
  value: string | null;

  /** The value's first 256 characters, case-folded: what an indexed `eq` filter compares. */
  @Column({ type: String, length: 256, nullable: true })
  valueKey: string | null;
}
