import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDatabaseUnavailable } from '../../database/driver-errors';
import { OAuthError } from '../../oauth2/oauth.error';
import { InsufficientScopeError, InvalidTokenError } from '../../oauth2/auth/auth.errors';
import { scimErrorBody } from '../../scim/scim-error';
import { JsonLogger } from '../logging/json-logger';
import { APP_LOGGER } from '../logging/logger.tokens';
import { AppError, ErrorCode, RateLimitedError } from './app-error';
import { HTTP_STATUS } from './http-status';

interface Problem {
  status: number;
  message: string;
  code?: ErrorCode;
  /** Validation messages of the admin API. */
  details?: unknown;
}

const REALM = 'usersync';
/** How long a client is asked to wait when the database is not answering. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The one place errors become responses. Each protocol answers in its own format:
 * SCIM error JSON under /scim/v2, RFC 6749 JSON on the token endpoint, plain JSON elsewhere.
 * Anything unexpected is a 500 with a correlation id in the body and the stack in the log.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(@Inject(APP_LOGGER) private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    if (res.headersSent) return;
    // The original URL's path: inside a middleware mounted on a pattern, req.path is relative to it.
    const path = (req.originalUrl ?? req.url).split('?')[0];

    if (/^\/oauth2\//i.test(path)) return this.writeOAuth(exception, req, res);

    const problem = this.toProblem(exception, req);
    if (problem.code === ErrorCode.Unavailable) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    if (exception instanceof RateLimitedError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (exception instanceof InvalidTokenError) {
      res.setHeader('WWW-Authenticate', `Bearer realm="${REALM}", error="${exception.error}", error_description="${problem.message}"`);
    } else if (exception instanceof InsufficientScopeError) {
      res.setHeader(
        'WWW-Authenticate',
        `Bearer realm="${REALM}", error="insufficient_scope", scope="${exception.requiredScopes.join(' ')}"`,
      );
    }
    if (/^\/scim\//i.test(path)) {
      const body = scimErrorBody(problem.status, problem.message, problem.code);
      // Read once the answer is written, by what records refused SCIM requests.
      res.locals.scimError = body;
      res.status(problem.status).type('application/scim+json').send(JSON.stringify(body));
      return;
    }
    res.status(problem.status).json({
      statusCode: problem.status,
      error: problem.code ?? errorName(problem.status),
      message: problem.message,
      ...(problem.details !== undefined ? { details: problem.details } : {}),
    });
  }

  private writeOAuth(exception: unknown, req: Request & { id?: string }, res: Response): void {
    let error: OAuthError;
    if (exception instanceof OAuthError) {
      error = exception;
    } else {
      const problem = this.toProblem(exception, req);
      if (problem.code === ErrorCode.Unavailable) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      if (exception instanceof RateLimitedError) {
        error = new OAuthError('temporarily_unavailable', problem.message, exception.retryAfterSeconds);
      } else if (problem.status >= 500) {
        res.status(problem.status).json({ error: 'server_error', error_description: problem.message });
        return;
      } else {
        error = new OAuthError('invalid_request', problem.message);
        (error as { status: number }).status = problem.status === 404 || problem.status === 413 ? problem.status : 400;
      }
    }
    res.setHeader('Cache-Control', 'no-store');
    if (error.error === 'invalid_client') res.setHeader('WWW-Authenticate', `Basic realm="${REALM}"`);
    if (error.retryAfterSeconds) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res.status(error.status).json({ error: error.error, error_description: error.description });
  }

  private toProblem(exception: unknown, req: Request & { id?: string }): Problem {
    if (exception instanceof AppError) {
      return { status: HTTP_STATUS[exception.code], message: exception.message, code: exception.code };
    }
    // Body-parser errors arrive raw or, mapped by the Express adapter, as the cause of an HttpException.
    const raw = exception as { type?: string; cause?: { type?: string } } | null;
    const bodyParserType = raw?.type ?? raw?.cause?.type;
    if (bodyParserType === 'entity.parse.failed') {
      return { status: 400, message: 'The request body is not valid JSON', code: ErrorCode.InvalidSyntax };
    }
    if (bodyParserType === 'entity.too.large') {
      return { status: 413, message: 'The request body is too large', code: ErrorCode.PayloadTooLarge };
    }
    if (bodyParserType === 'encoding.unsupported' || bodyParserType === 'charset.unsupported') {
      return { status: 415, message: 'Unsupported body encoding', code: ErrorCode.UnsupportedMediaType };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const messages = typeof response === 'object' ? (response as { message?: unknown }).message : response;
      if (Array.isArray(messages)) {
        return { status, message: messages.join('; '), details: messages, code: status === 400 ? ErrorCode.InvalidValue : undefined };
      }
      return { status, message: typeof messages === 'string' ? messages : exception.message };
    }
    const requestId = req.id;
    if (isDatabaseUnavailable(exception)) {
      this.logger.event('warn', 'database unavailable', {
        requestId,
        method: req.method,
        path: req.path,
        error: exception instanceof Error ? exception.message : String(exception),
      });
      return { status: 503, message: 'The database is not answering; try again shortly', code: ErrorCode.Unavailable };
    }
    this.logger.event('error', 'unhandled error', {
      requestId,
      method: req.method,
      path: req.path,
      error: exception instanceof Error ? exception.message : String(exception),
      stack: exception instanceof Error ? exception.stack : undefined,
    });
    return { status: 500, message: `Internal error; quote request id ${requestId ?? 'unknown'} to the operator` };
  }
}

function errorName(status: number): string {
  return status === 404
    ? 'not_found'
    : status === 400
      ? 'bad_request'
      : status === 401
        ? 'unauthorized'
        : status === 403
          ? 'forbidden'
          : 'error';
}
