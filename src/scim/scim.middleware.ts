import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

export const SCIM_BASE_PATH = 'scim/v2';

/**
 * Answers in `application/scim+json` and records the base URL for `meta.location`.
 * A middleware rather than an interceptor: every SCIM request passes here, and an interceptor
 * wraps each handler call in an RxJS pipeline that costs more than the rest of this does.
 */
@Injectable()
export class ScimMiddleware implements NestMiddleware {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  use(req: Request & { scimBaseUrl?: string }, res: Response, next: NextFunction): void {
    req.scimBaseUrl = `${this.root(req)}/${SCIM_BASE_PATH}`;
    res.setHeader('Content-Type', 'application/scim+json; charset=utf-8');
    next();
  }

  /**
   * PUBLIC_BASE_URL; else the request's own host when ALLOWED_HOSTS lists it; else nothing, and
   * locations are relative to the service (`/scim/v2/Users/…`): a forged Host header never
   * reaches `meta.location` or `Location`.
   */
  private root(req: Request): string {
    if (this.config.publicBaseUrl) return this.config.publicBaseUrl;
    const host = req.get('host')?.toLowerCase();
    const allowed = host && (this.config.allowedHosts.includes(host) || this.config.allowedHosts.includes(host.replace(/:\d+$/, '')));
    return allowed ? `${req.protocol}://${host}` : '';
  }
}
