import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

export const SCIM_BASE_PATH = 'scim/v2';

/**
 * Answers in `application/scim+json` and records the absolute base URL for `meta.location`.
 * A middleware rather than an interceptor: every SCIM request passes here, and an interceptor
 * wraps each handler call in an RxJS pipeline that costs more than the rest of this does.
 */
@Injectable()
export class ScimMiddleware implements NestMiddleware {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  use(req: Request & { scimBaseUrl?: string }, res: Response, next: NextFunction): void {
    const root = this.config.publicBaseUrl ?? `${req.protocol}://${req.get('host')}`;
    req.scimBaseUrl = `${root}/${SCIM_BASE_PATH}`;
    res.setHeader('Content-Type', 'application/scim+json; charset=utf-8');
    next();
  }
}
