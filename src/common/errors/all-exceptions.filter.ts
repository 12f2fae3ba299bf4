import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDatabaseUnavailable } from '../../database/driver-errors';
import { JsonLogger } from '../logging/json-logger';
import { APP_LOGGER } from '../logging/logger.tokens';
import { AppError, ErrorCode } from './app-error';
import { ErrorWriters, Problem } from './error-writers';
import { HTTP_STATUS } from './http-status';

/** How long a client is asked to wait when the database is not answering. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The one place errors become responses. Each protocol writes its own format through the writer it
 * registered for its base path (ErrorWriters: SCIM error JSON under /scim/v2, RFC 6749 JSON on the
 * token endpoint); any other path gets the admin API's JSON. Anything unexpected is a 500 with a
 * correlation id in the body and the stack in the log.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(
    @Inject(APP_LOGGER) private readonly logger: JsonLogger,
    private readonly writers: ErrorWriters,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    if (res.headersSent) return;
    // The original URL's path: inside a middleware mounted on a pattern, req.path is relative to it.
    const path = (req.originalUrl ?? req.url).split('?')[0];
    let problem: Problem | undefined;
    const toProblem = () => {
      if (!problem) {
        problem = this.toProblem(exception, req);
        if (problem.code === ErrorCode.Unavailable) problem.headers['Retry-After'] = String(RETRY_AFTER_SECONDS);
      }
      return problem;
    };
    const write = this.writers.for(path) ?? writeJson;
    write(exception, toProblem, req, res);
  }

  private toProblem(exception: unknown, req: Request & { id?: string }): Problem {
    if (exception instanceof AppError) {
      return { status: HTTP_STATUS[exception.code], message: exception.message, code: exception.code, headers: { ...exception.headers } };
    }
    // Body-parser errors arrive raw or, mapped by the Express adapter, as the cause of an HttpException.
    const raw = exception as { type?: string; cause?: { type?: string } } | null;
    const bodyParserType = raw?.type ?? raw?.cause?.type;
    if (bodyParserType === 'entity.parse.failed') {
      return { status: 400, message: 'The request body is not valid JSON', code: ErrorCode.InvalidSyntax, headers: {} };
    }
    if (bodyParserType === 'entity.too.large') {
      return { status: 413, message: 'The request body is too large', code: ErrorCode.PayloadTooLarge, headers: {} };
    }
    if (bodyParserType === 'encoding.unsupported' || bodyParserType === 'charset.unsupported') {
      return { status: 415, message: 'Unsupported body encoding', code: ErrorCode.UnsupportedMediaType, headers: {} };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const messages = typeof response === 'object' ? (response as { message?: unknown }).message : response;
      if (Array.isArray(messages)) {
        return {
          status,
          message: messages.join('; '),
          details: messages,
          code: status === 400 ? ErrorCode.InvalidValue : undefined,
          headers: {},
        };
      }
      return { status, message: typeof messages === 'string' ? messages : exception.message, headers: {} };
    }
    const requestId = req.id;
    if (isDatabaseUnavailable(exception)) {
      this.logger.event('warn', 'database unavailable', {
        requestId,
        method: req.method,
        path: req.path,
        error: exception instanceof Error ? exception.message : String(exception),
      });
      return { status: 503, message: 'The database is not answering; try again shortly', code: ErrorCode.Unavailable, headers: {} };
    }
    this.logger.event('error', 'unhandled error', {
      requestId,
      method: req.method,
      path: req.path,
      error: exception instanceof Error ? exception.message : String(exception),
      stack: exception instanceof Error ? exception.stack : undefined,
    });
    return { status: 500, message: `Internal error; quote request id ${requestId ?? 'unknown'} to the operator`, headers: {} };
  }
}

/** The admin API's error JSON: `{statusCode, error, message, details?}`. */
function writeJson(_exception: unknown, toProblem: () => Problem, _req: Request, res: Response): void {
  const problem = toProblem();
  res.set(problem.headers);
  res.status(problem.status).json({
    statusCode: problem.status,
    error: problem.code ?? errorName(problem.status),
    message: problem.message,
    ...(problem.details !== undefined ? { details: problem.details } : {}),
  });
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
