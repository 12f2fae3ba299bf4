import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { RateLimitedError } from '../common/errors/app-error';
import { Principal } from './principal';
import { RateLimits } from './rate-limits';

/**
 * Global, after authentication: requests per second of one subscription on /scim/v2
 * (SCIM_RATE_LIMIT_PER_SECOND) and of one application on /api (API_RATE_LIMIT_PER_SECOND).
 * Over the rate a request is answered 429 with Retry-After, in the route's protocol; Entra ID
 * and Okta wait and send it again.
 */
@Injectable()
export class RequestRateGuard implements CanActivate {
  constructor(private readonly limits: RateLimits) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { user?: Principal }>();
    const principal = req.user;
    if (!principal) return true;
    const scim = /^\/scim\//i.test(req.originalUrl ?? req.url);
    const limiter = scim ? this.limits.scimBySubscription : this.limits.apiByApplication;
    if (!limiter) return true;
    const retryAfter = await this.limits.take(limiter, String(scim ? principal.idSubscription : principal.idApplication));
    if (retryAfter > 0) {
      const who = scim ? 'this subscription' : 'this application';
      throw new RateLimitedError(retryAfter, `Too many requests for ${who} (${limiter.points} per second); retry in ${retryAfter} s`);
    }
    return true;
  }
}
