import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('WFGroupMember')
export class WFGroupMember {
  @PrimaryColumn()
  idGroup: number;

  @PrimaryColumn()
  idUser: number;

  /** The member's display text as the provisioning client sent it (else the user's displayName is shown). */
  @Column({ type: String, length: 256, nullable: true })
  display: string | null;
}
