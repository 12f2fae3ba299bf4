import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('Company')
export class Company {
  @PrimaryGeneratedColumn({ name: 'idCompany' })
  idCompany: number;

  @Column({ length: 200 })
  name: string;

  @Column()
  createdAt: Date;
}
