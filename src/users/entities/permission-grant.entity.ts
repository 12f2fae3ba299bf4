import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The permission that lets a user's applications use the admin API. */
export const ADMIN_PERMISSION = 'admin';

/** A permission a user holds; passes to the heir when the user is deactivated. */
@Entity('PermissionGrant')
export class PermissionGrant {
  @PrimaryColumn()
  idUser: number;

  @PrimaryColumn({ length: 64 })
  permission: string;

  @Column()
  createdAt: Date;
}
