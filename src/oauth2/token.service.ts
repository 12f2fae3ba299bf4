import { Injectable } from '@nestjs/common';
import { FailedAttemptsLimiter } from './failed-attempts.limiter';
import { OAuthApplication, SCOPES } from './entities/oauth-application.entity';
import { OAuthApplicationRepository } from './oauth-application.repository';
import { OAuthError } from './oauth.error';
import { generateSecret, hashSecret, secretMatches } from './secrets';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenRequest {
  credentials: ClientCredentials;
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
    private readonly limiter: FailedAttemptsLimiter,
  ) {}

  async issue(request: TokenRequest): Promise<TokenResponse> {
    const application = await this.authenticate(request.credentials);
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
    return {
      access_token: token,
      token_type: 'bearer',
      ...(lifetime > 0 ? { expires_in: lifetime } : {}),
      scope: scopes.join(' '),
      http_status_code: 200,
    };
  }

  private async authenticate({ clientId, clientSecret }: ClientCredentials): Promise<OAuthApplication> {
    const retryAfter = this.limiter.retryAfterSeconds(clientId);
    if (retryAfter > 0) {
      throw new OAuthError(
        'temporarily_unavailable',
        `Too many failed authentications for this client; retry in ${retryAfter} s`,
        retryAfter,
      );
    }
    const application = await this.applications.findByClientId(clientId);
    // Hash even for an unknown client so both failures take the same time.
    const matches = secretMatches(clientSecret, application?.clientSecretHash ?? hashSecret(''));
    if (!application || !matches) {
      this.limiter.recordFailure(clientId);
      throw new OAuthError('invalid_client', 'Client authentication failed');
    }
    this.limiter.recordSuccess(clientId);
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
