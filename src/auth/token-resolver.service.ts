import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ADMIN_PERMISSION, PermissionGrant } from '../users/entities/permission-grant.entity';
import { AccessChanges } from '../users/access-changes';
import { WFUser } from '../users/entities/wf-user.entity';
import { ApplicationUsage } from './application-usage';
import { AccessToken } from './entities/access-token.entity';
import { Principal } from './principal';
import { OAuthApplication, PatchResponse, Scope } from './entities/oauth-application.entity';
import { hashSecret } from './secrets';

interface TokenRow {
  idApplication: number;
  clientId: string;
  tokenScopes: string;
  isClientSecret: boolean | number;
  allowedScopes: string;
  expiresAt: Date | string | null;
  idUser: number;
  idSubscription: number;
  adminGrant: string | null;
  patchResponse: PatchResponse | null;
}

const MAX_CACHE_ENTRIES = 10000;

/**
 * Turns a presented bearer credential into a Principal with one indexed query (by token
 * hash). Resolved tokens may be remembered for OAUTH_TOKEN_CACHE_SECONDS (≤ 5 s): that is
 * the longest a revocation made on another instance takes to be seen; on this instance
 * revocation clears the cache at once.
 */
@Injectable()
export class TokenResolverService {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly usage: ApplicationUsage,
    accessChanges: AccessChanges,
  ) {
    accessChanges.onNarrowed((idUser) => this.forgetUser(idUser));
  }

  async resolve(token: string): Promise<Principal | null> {
    if (!token || token.length > 512) return null;
    const hash = hashSecret(token);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) {
      this.usage.used(cached.principal.idApplication, now);
      return cached.principal;
    }
    if (cached) this.cache.delete(hash);

    const row = await this.dataSource
      .createQueryBuilder(AccessToken, 't')
      .select('t.idApplication', 'idApplication')
      .addSelect('a.clientId', 'clientId')
      .addSelect('t.scopes', 'tokenScopes')
      .addSelect('t.isClientSecret', 'isClientSecret')
      .addSelect('a.allowedScopes', 'allowedScopes')
      .addSelect('t.expiresAt', 'expiresAt')
      .addSelect('a.idUser', 'idUser')
      .addSelect('a.idSubscription', 'idSubscription')
      .addSelect('g.permission', 'adminGrant')
      .addSelect('a.patchResponse', 'patchResponse')
      .innerJoin(OAuthApplication, 'a', 'a.idApplication = t.idApplication AND a.revokedAt IS NULL')
      // An application acts as its user: a disabled or deleted user's applications stop.
      .innerJoin(WFUser, 'u', 'u.idUser = a.idUser AND u.enabled = :enabled AND u.deletedAt IS NULL', { enabled: true })
      .leftJoin(PermissionGrant, 'g', 'g.idUser = a.idUser AND g.permission = :admin', { admin: ADMIN_PERMISSION })
      .where('t.tokenHash = :hash', { hash })
      .andWhere('(t.expiresAt IS NULL OR t.expiresAt > :now)', { now: new Date(now) })
      .getRawOne<TokenRow>();
    if (!row) return null;
    const expiresAt = row.expiresAt === null ? null : rawDate(row.expiresAt).getTime();

    // A token never grants more than its application is allowed today.
    const allowed = row.allowedScopes.split(' ');
    let granted = row.isClientSecret ? allowed : row.tokenScopes.split(' ').filter((s) => allowed.includes(s));
    // OAUTH_ALLOW_NON_EXPIRING_API=false: a credential that never expires does not carry `api`.
    if (expiresAt === null && !this.config.oauth.allowNonExpiringApi) granted = granted.filter((s) => s !== 'api');
    const principal: Principal = {
      idApplication: row.idApplication,
      clientId: row.clientId,
      scopes: granted as Scope[],
      idUser: row.idUser,
      idSubscription: row.idSubscription,
      isAdmin: row.adminGrant !== null,
      patchResponse: row.patchResponse ?? 'resource',
    };
    this.usage.used(principal.idApplication, now);
    const ttl = this.config.oauth.tokenCacheSeconds * 1000;
    if (ttl > 0) {
      if (this.cache.size >= MAX_CACHE_ENTRIES) this.cache.clear();
      this.cache.set(hash, { principal, until: Math.min(now + ttl, expiresAt ?? Infinity) });
    }
    return principal;
  }

  /** Forget every remembered token (after a revocation on this instance). */
  forgetAll(): void {
    this.cache.clear();
  }

  /** Forget the tokens of the applications acting as this user. */
  forgetUser(idUser: number): void {
    for (const [hash, entry] of this.cache) if (entry.principal.idUser === idUser) this.cache.delete(hash);
  }
}

/** A date read through a raw query: SQLite hands back its UTC text form, the others a Date. */
function rawDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
