import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable } from 'rxjs';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

export const SCIM_BASE_PATH = 'scim/v2';

/** Answers in `application/scim+json` and records the absolute base URL for `meta.location`. */
@Injectable()
export class ScimInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { scimBaseUrl?: string }>();
    const root = this.config.publicBaseUrl ?? `${req.protocol}://${req.get('host')}`;
    req.scimBaseUrl = `${root}/${SCIM_BASE_PATH}`;
    http.getResponse<Response>().type('application/scim+json');
    return next.handle();
  }
}
