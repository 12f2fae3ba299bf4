import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { RateLimitedError } from '../common/errors/app-error';
import { IS_PUBLIC } from './auth.decorators';
import { InvalidTokenError } from './auth.errors';
import { RateLimits } from './rate-limits';

/**
 * Global: every route needs a valid bearer token unless marked @Public(). The token is read from
 * the Authorization header only (RFC 6750 §2.1): one sent as an `access_token` query parameter or
 * body field would end up in proxy logs and browser history, so it is refused, not used. A source
 * address that keeps presenting bad tokens is held back (429) until its window ends.
 */
@Injectable()
export class BearerAuthGuard extends AuthGuard('bearer') {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimits,
  ) {
    super();
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const source = req.ip ?? '';
    const retryAfter = await this.limits.retryAfter(this.limits.failuresBySource, source);
    if (retryAfter > 0)
      throw new RateLimitedError(retryAfter, `Too many failed authentications from this address; retry in ${retryAfter} s`);
    if (hasKey(req.query, 'access_token') || hasKey(req.body, 'access_token')) {
      throw new InvalidTokenError(
        'The access token must be sent in the Authorization header, not in the URL or the body',
        'invalid_request',
      );
    }
    try {
      return (await super.canActivate(context)) as boolean;
    } catch (error) {
      if (error instanceof InvalidTokenError) await this.limits.penalize(this.limits.failuresBySource, source);
      throw error;
    }
  }

  handleRequest<T>(error: unknown, principal: T | false): T {
    if (error) throw error;
    if (!principal) throw new InvalidTokenError();
    return principal;
  }
}

function hasKey(source: unknown, key: string): boolean {
  return typeof source === 'object' && source !== null && Object.keys(source).some((k) => k.toLowerCase() === key);
}
