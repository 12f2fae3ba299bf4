import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const PROPERTY_TYPES = ['string', 'integer', 'decimal', 'boolean', 'dateTime'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

/**
 * A custom user property a subscription defines: an attribute of its SCIM extension schema
 * `urn:usersync:params:scim:schemas:extension:properties:2.0:User`. Values live in WFUserProperty
 * under the definition's name.
 */
@Entity('UserPropertyDefinition')
export class UserPropertyDefinition {
  @PrimaryGeneratedColumn({ name: 'idDefinition' })
  idDefinition: number;

  @Column()
  idSubscription: number;

  /** As defined (SCIM attribute names compare without letter case; `nameKey` is unique per subscription). */
  @Column({ length: 128 })
  name: string;

  @Column({ length: 128 })
  nameKey: string;

  @Column({ type: String, length: 16 })
  type: PropertyType;

  /** Longest string value (string properties only). */
  @Column({ type: Number, nullable: true })
  maxLength: number | null;

  @Column()
  required: boolean;

  @Column()
  caseExact: boolean;

  @Column({ type: String, length: 1000, nullable: true })
  description: string | null;

  @Column()
  createdAt: Date;

  @Column()
  updatedAt: Date;
}
