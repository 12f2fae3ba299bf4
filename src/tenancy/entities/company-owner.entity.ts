import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user who owns a company; a company has one or more. */
@Entity('CompanyOwner')
export class CompanyOwner {
  @PrimaryColumn()
  idCompany: number;

  @PrimaryColumn()
  idUser: number;

  @Column()
  createdAt: Date;
}
