import { Injectable } from '@nestjs/common';
import { WFUserRepository } from '../users/wf-user.repository';
import { RateLimits } from '../auth/rate-limits';
import { OAuthApplication, SCOPES } from '../auth/entities/oauth-application.entity';
import { ApplicationUsage } from '../auth/application-usage';
import { OAuthApplicationRepository } from './oauth-application.repository';
import { OAuthError } from './oauth.error';
import { generateSecret, hashSecret, secretMatches } from '../auth/secrets';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenRequest {
  credentials: ClientCredentials;
  /** The client's network address (X-Forwarded-For's client when TRUST_PROXY=true). */
  source: string;
  grantType: string;
  /** Raw `scope` parameter, absent = every allowed scope. */
  scope?: string;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in?: number;
  scope: string;
  http_status_code: 200;
}

/** The token endpoint's grant: authenticates the client and issues an access token. */
@Injectable()
export class TokenService {
  constructor(
    private readonly applications: OAuthApplicationRepository,
    private readonly limits: RateLimits,
    private readonly users: WFUserRepository,
    private readonly usage: ApplicationUsage,
  ) {}

  async issue(request: TokenRequest): Promise<TokenResponse> {
    const application = await this.authenticate(request.credentials, request.source);
    if (request.grantType !== 'client_credentials') {
      throw new OAuthError('unsupported_grant_type', `grant_type "${request.grantType}" is not supported; use client_credentials`);
    }
    if (application.grantType !== 'client_credentials') {
      throw new OAuthError(
        'unauthorized_client',
        'This application is registered for the bearer_token grant: its client secret is itself the bearer token',
      );
    }
    const scopes = this.grantedScopes(application, request.scope);
    const token = generateSecret();
    const now = new Date();
    const lifetime = application.tokenLifetimeSeconds;
    await this.applications.deleteExpiredTokens(application.idApplication, now);
    await this.applications.insertToken({
      tokenHash: hashSecret(token),
      idApplication: application.idApplication,
      scopes: scopes.join(' '),
      isClientSecret: false,
      expiresAt: lifetime > 0 ? new Date(now.getTime() + lifetime * 1000) : null,
      createdAt: now,
    });
    this.usage.used(application.idApplication, now.getTime());
    return {
      access_token: token,
      token_type: 'bearer',
      ...(lifetime > 0 ? { expires_in: lifetime } : {}),
      scope: scopes.join(' '),
      http_status_code: 200,
    };
  }

  /**
   * Failures are counted per source address and per (client id, source address): a source that
   * keeps failing is held back, and so is one client id from one source, but failures from
   * elsewhere never lock the real client out.
   */
  private async authenticate({ clientId, clientSecret }: ClientCredentials, source: string): Promise<OAuthApplication> {
    const clientKey = `${clientId}|${source}`;
    const retryAfter = Math.max(
      await this.limits.retryAfter(this.limits.failuresBySource, source),
      await this.limits.retryAfter(this.limits.failuresByClientAndSource, clientKey),
    );
    if (retryAfter > 0) {
      throw new OAuthError('temporarily_unavailable', `Too many failed authentications; retry in ${retryAfter} s`, retryAfter);
    }
    const application = await this.applications.findByClientId(clientId);
    // Hash even for an unknown client so both failures take the same time.
    const matches = secretMatches(clientSecret, application?.clientSecretHash ?? hashSecret(''));
    if (!application || !matches) {
      await this.limits.penalize(this.limits.failuresBySource, source);
      await this.limits.penalize(this.limits.failuresByClientAndSource, clientKey);
      throw new OAuthError('invalid_client', 'Client authentication failed');
    }
    await this.limits.clear(this.limits.failuresByClientAndSource, clientKey);
    const [user] = await this.users.findByIdsInAnySubscription([application.idUser]);
    if (!user || !user.enabled || user.deletedAt) {
      throw new OAuthError('unauthorized_client', 'The user this application acts as is disabled or deleted');
    }
    return application;
  }

  private grantedScopes(application: OAuthApplication, scopeParam: string | undefined): string[] {
    const allowed = application.allowedScopes.split(' ');
    if (scopeParam === undefined) return allowed;
    const requested = [...new Set(scopeParam.split(' ').filter(Boolean))];
    if (requested.length === 0) throw new OAuthError('invalid_scope', 'scope is empty');
    const unknown = requested.filter((s) => !(SCOPES as readonly string[]).includes(s));
    if (unknown.length) throw new OAuthError('invalid_scope', `Unknown scope: ${unknown.join(' ')}`);
    const denied = requested.filter((s) => !allowed.includes(s));
    if (denied.length) throw new OAuthError('invalid_scope', `Scope not allowed for this application: ${denied.join(' ')}`);
    return requested;
  }
}
