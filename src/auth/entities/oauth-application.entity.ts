import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const GRANT_TYPES = ['client_credentials', 'bearer_token'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

export const SCOPES = ['api', 'usersync'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * How a SCIM Users PATCH is answered: `resource` — 200 with the user (RFC 7644 §3.5.2, what
 * Microsoft's and Okta's documented examples show); `noContent` — 204, for clients that
 * expect no body. Either way a PATCH that names `attributes`/`excludedAttributes` gets 200.
 */
export const PATCH_RESPONSES = ['resource', 'noContent'] as const;
export type PatchResponse = (typeof PATCH_RESPONSES)[number];

/** An OAuth 2.0 client registered by an administrator; it acts as one user of its subscription. */
@Entity('OAuthApplication')
export class OAuthApplication {
  @PrimaryGeneratedColumn({ name: 'idApplication' })
  idApplication: number;

  /** The id the admin API names the application by. */
  @Column({ length: 36 })
  guidApplication: string;

  @Column()
  idSubscription: number;

  @Column({ length: 200 })
  name: string;

  /** Public client identifier. */
  @Column({ length: 64 })
  clientId: string;

  /** SHA-256 (hex) of the client secret; the secret itself is shown once and never stored. */
  @Column({ length: 64 })
  clientSecretHash: string;

  @Column({ type: String, length: 32 })
  grantType: GrantType;

  /** Space-separated subset of SCOPES. */
  @Column({ length: 200 })
  allowedScopes: string;

  /** The user the application acts as. */
  @Column()
  idUser: number;

  /** Lifetime of issued tokens (and of a bearer_token secret); 0 = never expires. */
  @Column()
  tokenLifetimeSeconds: number;

  /** Null (applications registered before the setting existed) reads as `resource`. */
  @Column({ type: String, length: 16, nullable: true })
  patchResponse: PatchResponse | null;

  @Column()
  createdAt: Date;

  @Column()
  updatedAt: Date;

  @Column({ type: Date, nullable: true })
  revokedAt: Date | null;

  /** When a token of the application last authenticated a request, to the minute (see ApplicationUsage). */
  @Column({ type: Date, nullable: true })
  lastUsedAt: Date | null;
}
