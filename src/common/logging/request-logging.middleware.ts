import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { APP_LOGGER } from './logger.tokens';
import { JsonLogger } from './json-logger';
import { redactUrl } from './redact-url';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Logs one line per request when the response is finished: method, redacted URL, status,
 * duration and the request id (echoed as `X-Request-Id`). Headers and bodies are never logged.
 */
@Injectable()
export class RequestLoggingMiddleware implements NestMiddleware {
  constructor(@Inject(APP_LOGGER) private readonly logger: JsonLogger) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    const incoming = req.header(REQUEST_ID_HEADER);
    const requestId = incoming && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    (req as Request & { id?: string }).id = requestId;
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      const status = res.statusCode;
      this.logger.event(status >= 500 ? 'error' : 'info', 'request', {
        requestId,
        method: req.method,
        url: redactUrl(req.originalUrl),
        status,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        clientId: (req as Request & { user?: { clientId?: string } }).user?.clientId,
      });
    });
    next();
  }
}
