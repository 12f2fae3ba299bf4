import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics.service';

/**
 * Counts and times every answer by route template (`/scim/v2/Users/:id`, never the id itself);
 * requests that matched no route count as `unmatched`, so a scan of random paths adds no labels.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = (req as Request & { route?: { path?: unknown } }).route?.path;
      const template = typeof route === 'string' ? `${req.baseUrl}${route}` : 'unmatched';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.httpRequest(METHODS.has(req.method) ? req.method : 'OTHER', template, res.statusCode, seconds);
    });
    next();
  }
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
