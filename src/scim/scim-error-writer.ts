import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ErrorWriters, Problem } from '../common/errors/error-writers';
import { scimErrorBody } from './scim-error';

/** Errors under /scim/ are SCIM error JSON (RFC 7644 §3.12), whatever raised them. */
@Injectable()
export class ScimErrorWriter implements OnModuleInit {
  constructor(private readonly writers: ErrorWriters) {}

  onModuleInit(): void {
    this.writers.register(/^\/scim\//i, writeScimError);
  }
}

function writeScimError(_exception: unknown, toProblem: () => Problem, _req: Request, res: Response): void {
  const problem = toProblem();
  const body = scimErrorBody(problem.status, problem.message, problem.code);
  // Read once the answer is written, by what records refused SCIM requests (ScimMiddleware).
  res.locals.scimError = body;
  res.set(problem.headers);
  res.status(problem.status).type('application/scim+json').send(JSON.stringify(body));
}
