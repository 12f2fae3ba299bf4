import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The workflow platform's user row. The mapped columns (`userName`, `fullName`, `userEmail`,
 * `mobile`, `enabled`, `idBossUser`, `domain`) are the platform's own view; the remaining
 * columns hold the SCIM core and enterprise attributes so they round-trip.
 */
@Entity('WFUser')
export class WFUser {
  @PrimaryGeneratedColumn({ name: 'idUser' })
  idUser: number;

  /** The SCIM `id`. */
  @Column({ length: 36 })
  guidUser: string;

  @Column()
  idSubscription: number;

  @Column({ length: 256 })
  userName: string;

  /** Case-folded userName; unique per subscription (SCIM userName is caseExact:false). */
  @Column({ length: 256 })
  userNameKey: string;

  @Column({ type: String, length: 25, nullable: true })
  domain: string | null;

  /** SCIM displayName. */
  @Column({ type: String, length: 256, nullable: true })
  fullName: string | null;

  @Column({ type: String, length: 256, nullable: true })
  givenName: string | null;

  @Column({ type: String, length: 256, nullable: true })
  familyName: string | null;

  @Column({ type: String, length: 256, nullable: true })
  middleName: string | null;

  @Column({ type: String, length: 64, nullable: true })
  honorificPrefix: string | null;

  @Column({ type: String, length: 64, nullable: true })
  honorificSuffix: string | null;

  @Column({ type: String, length: 512, nullable: true })
  formattedName: string | null;

  @Column({ type: String, length: 256, nullable: true })
  nickName: string | null;

  @Column({ type: String, length: 512, nullable: true })
  profileUrl: string | null;

  @Column({ type: String, length: 256, nullable: true })
  title: string | null;

  @Column({ type: String, length: 128, nullable: true })
  userType: string | null;

  @Column({ type: String, length: 64, nullable: true })
  preferredLanguage: string | null;

  @Column({ type: String, length: 64, nullable: true })
  locale: string | null;

  @Column({ type: String, length: 64, nullable: true })
  timezone: string | null;

  /** Work email (else primary, else first) — the platform's address for the user. */
  @Column({ type: String, length: 256, nullable: true })
  userEmail: string | null;

  @Column({ type: String, length: 64, nullable: true })
  mobile: string | null;

  @Column({ type: String, length: 256, nullable: true })
  externalId: string | null;

  @Column({ type: String, length: 128, nullable: true })
  employeeNumber: string | null;

  @Column({ type: String, length: 128, nullable: true })
  costCenter: string | null;

  @Column({ type: String, length: 256, nullable: true })
  organization: string | null;

  @Column({ type: String, length: 256, nullable: true })
  division: string | null;

  @Column({ type: String, length: 256, nullable: true })
  department: string | null;

  /** SCIM active. */
  @Column()
  enabled: boolean;

  /** SCIM enterprise manager. */
  @Column({ type: Number, nullable: true })
  idBossUser: number | null;

  @Column({ type: Date, nullable: true })
  deletedAt: Date | null;

  @Column()
  createdAt: Date;

  @Column()
  updatedAt: Date;

  /** SCIM meta.version / ETag; bumped by every write. */
  @Column()
  version: number;
}

/** Writable attributes of a user: everything but identity, bookkeeping and the key columns. */
export type WFUserAttributes = Omit<
  WFUser,
  'idUser' | 'guidUser' | 'idSubscription' | 'userNameKey' | 'deletedAt' | 'createdAt' | 'updatedAt' | 'version'
>;

/** A new user's attributes: the userName, everything else empty, active. */
export function newUserAttributes(userName: string, attributes: Partial<WFUserAttributes> = {}): WFUserAttributes {
  return {
    userName,
    domain: null,
    fullName: null,
    givenName: null,
    familyName: null,
    middleName: null,
    honorificPrefix: null,
    honorificSuffix: null,
    formattedName: null,
    nickName: null,
    profileUrl: null,
    title: null,
    userType: null,
    preferredLanguage: null,
    locale: null,
    timezone: null,
    userEmail: null,
    mobile: null,
    externalId: null,
    employeeNumber: null,
    costCenter: null,
    organization: null,
    division: null,
    department: null,
    enabled: true,
    idBossUser: null,
    ...attributes,
  };
}
