import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ActivityRecorder } from '../activity/activity-recorder';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Metrics, ScimOutcome } from '../metrics/metrics.service';
import { Principal } from '../auth/principal';
import { ScimErrorBody } from './scim-error';
import { scimRequestKind } from './scim-request-kind';

export const SCIM_BASE_PATH = 'scim/v2';

type ScimRequest = Request & { scimBaseUrl?: string; user?: Principal; id?: string };

/**
 * Answers in `application/scim+json` and records the base URL for `meta.location`. Once the
 * answer is written, counts the request in the metrics and, when it was refused (4xx) for a
 * known application, records the refusal in the subscription's provisioning activity.
 * A middleware rather than an interceptor: every SCIM request passes here, and an interceptor
 * wraps each handler call in an RxJS pipeline that costs more than the rest of this does.
 */
@Injectable()
export class ScimMiddleware implements NestMiddleware {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly activity: ActivityRecorder,
    private readonly metrics: Metrics,
  ) {}

  use(req: ScimRequest, res: Response, next: NextFunction): void {
    req.scimBaseUrl = `${this.root(req)}/${SCIM_BASE_PATH}`;
    res.setHeader('Content-Type', 'application/scim+json; charset=utf-8');
    res.once('finish', () => this.answered(req, res));
    next();
  }

  private answered(req: ScimRequest, res: Response): void {
    const path = (req.originalUrl ?? req.url).split('?')[0];
    const kind = scimRequestKind(req.method, path.slice(path.toLowerCase().indexOf(SCIM_BASE_PATH) + SCIM_BASE_PATH.length));
    const status = res.statusCode;
    const outcome: ScimOutcome = status >= 500 ? 'error' : status >= 400 ? 'refused' : 'success';
    this.metrics.scimOperation(kind.resourceType, kind.operation, outcome);
    const principal = req.user;
    if (outcome !== 'refused' || !principal) return;
    const error = res.locals.scimError as ScimErrorBody | undefined;
    const body = req.body as { userName?: unknown; displayName?: unknown } | undefined;
    const name = kind.operation === 'create' || kind.operation === 'replace' ? (body?.userName ?? body?.displayName) : undefined;
    this.activity.refused(
      { idSubscription: principal.idSubscription, idApplication: principal.idApplication, requestId: req.id },
      {
        operation: kind.operation,
        resourceType: kind.resourceType,
        resourceId: kind.resourceId?.toLowerCase(),
        resourceName: typeof name === 'string' ? name : null,
        status,
        detail: error?.detail ?? null,
      },
      error?.scimType ?? null,
    );
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
