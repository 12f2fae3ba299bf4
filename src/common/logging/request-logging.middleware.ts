import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { APP_LOGGER } from './logger.tokens';
import { JsonLogger } from './json-logger';
import { redactUrl } from './redact-url';

export const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID = /^[\w.-]{1,128}$/;

/**
 * Logs one line per request when the response is finished: method, redacted URL, status,
 * duration and the request id (echoed as `X-Request-Id`). Headers and bodies are never logged;
 * personal data in the URL (filter values, userNames) only at `debug`.
 */
@Injectable()
export class RequestLoggingMiddleware implements NestMiddleware {
  constructor(@Inject(APP_LOGGER) private readonly logger: JsonLogger) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = performance.now();
    const incoming = req.headers[REQUEST_ID_HEADER];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    (req as Request & { id?: string }).id = requestId;
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      const status = res.statusCode;
      // 501 is the designed answer of the SCIM endpoints this service does not offer (/Bulk, /Me).
      const level = status >= 500 && status !== 501 ? 'error' : 'info';
      // Every request passes here: build the line only when it will be written.
      if (!this.logger.enabled(level)) return;
      this.logger.event(level, 'request', {
        requestId,
        method: req.method,
        url: redactUrl(req.originalUrl, this.logger.enabled('debug')),
        status,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        clientId: (req as Request & { user?: { clientId?: string } }).user?.clientId,
      });
    });
    next();
  }
}
