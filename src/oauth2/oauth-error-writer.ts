import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RateLimitedError } from '../common/errors/app-error';
import { ErrorWriters, Problem } from '../common/errors/error-writers';
import { OAuthError } from './oauth.error';

const REALM = 'usersync';

/** Errors of the token endpoint are RFC 6749 §5.2 JSON, whatever raised them (the body parser too). */
@Injectable()
export class OAuthErrorWriter implements OnModuleInit {
  constructor(private readonly writers: ErrorWriters) {}

  onModuleInit(): void {
    this.writers.register(/^\/oauth2\//i, writeOAuthError);
  }
}

function writeOAuthError(exception: unknown, toProblem: () => Problem, _req: Request, res: Response): void {
  let error: OAuthError;
  if (exception instanceof OAuthError) {
    error = exception;
  } else if (exception instanceof RateLimitedError) {
    error = new OAuthError('temporarily_unavailable', exception.message, exception.retryAfterSeconds);
  } else if (toProblem().status >= 500) {
    const problem = toProblem();
    res.set(problem.headers);
    res.status(problem.status).json({ error: 'server_error', error_description: problem.message });
    return;
  } else {
    const problem = toProblem();
    error = new OAuthError('invalid_request', problem.message);
    (error as { status: number }).status = problem.status === 404 || problem.status === 413 ? problem.status : 400;
  }
  res.setHeader('Cache-Control', 'no-store');
  if (error.error === 'invalid_client') res.setHeader('WWW-Authenticate', `Basic realm="${REALM}"`);
  if (error.retryAfterSeconds) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  res.status(error.status).json({ error: error.error, error_description: error.description });
}
