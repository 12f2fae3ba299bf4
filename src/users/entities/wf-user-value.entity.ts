import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One value of a multi-valued SCIM attribute of a user (emails, phoneNumbers, addresses, ims,
 * photos, entitlements, roles, x509Certificates). One row a value, so filters such as
 * `emails[type eq "work" and value co "@contoso.com"]` are answered in SQL.
 */
@Entity('WFUserValue')
export class WFUserValue {
  @PrimaryGeneratedColumn({ name: 'idValue' })
  idValue: number;

  @Column()
  idUser: number;

  /** The SCIM attribute: `emails`, `phoneNumbers`, … */
  @Column({ length: 32 })
  attribute: string;

  @Column({ type: String, length: 64, nullable: true })
  type: string | null;

  @Column({ type: String, length: 8000, nullable: true })
  value: string | null;

  /** Case-folded value, cut to the indexable length: the index equality lookups use. */
  @Column({ type: String, length: 256, nullable: true })
  valueKey: string | null;

  @Column({ type: String, length: 256, nullable: true })
  display: string | null;

  /** As the client sent it: true, false, or null when it sent no `primary`. */
  @Column({ type: Boolean, nullable: true })
  isPrimary: boolean | null;

  @Column({ type: String, length: 1024, nullable: true })
  formatted: string | null;

  @Column({ type: String, length: 512, nullable: true })
  streetAddress: string | null;

  @Column({ type: String, length: 256, nullable: true })
  locality: string | null;

  @Column({ type: String, length: 256, nullable: true })
  region: string | null;

  @Column({ type: String, length: 64, nullable: true })
  postalCode: string | null;

  @Column({ type: String, length: 128, nullable: true })
  country: string | null;

  /** Order of the value within its attribute, so values come back as they were sent. */
  @Column()
  position: number;
}

/** One value of a multi-valued attribute, as the SCIM layer hands it over. */
export type UserValueInput = Omit<WFUserValue, 'idValue' | 'idUser' | 'valueKey'>;

/** The fields of a value row that a client sets (identity and the derived key excluded). */
export const VALUE_FIELDS = [
  'attribute',
  'type',
  'value',
  'display',
  'isPrimary',
  'formatted',
  'streetAddress',
  'locality',
  'region',
  'postalCode',
  'country',
  'position',
] as const satisfies readonly (keyof UserValueInput)[];
