import { Global, Injectable, Module } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ErrorCode } from './app-error';

/** An error as every protocol sees it, before one writes it in its own format. */
export interface Problem {
  status: number;
  message: string;
  code?: ErrorCode;
  /** Validation messages of the admin API. */
  details?: unknown;
  /** Headers the answer carries whatever its format (WWW-Authenticate, Retry-After). */
  headers: Record<string, string>;
}

/**
 * Writes an error in one protocol's format. `exception` is what was thrown, for a writer that knows
 * its own errors; `problem()` turns anything else into the common form (and logs what nobody knows),
 * so a writer asks for it only when it needs it.
 */
export type ErrorWriter = (exception: unknown, problem: () => Problem, req: Request, res: Response) => void;

/**
 * The error writers of the protocols, by the base path they serve: SCIM registers /scim/, the
 * OAuth 2.0 token endpoint /oauth2/. A path no protocol claims is answered as the admin API's JSON.
 * Errors raised before any controller (a body that is not JSON, an unknown route) go by their path too.
 */
@Injectable()
export class ErrorWriters {
  private readonly writers: { base: RegExp; write: ErrorWriter }[] = [];

  register(base: RegExp, write: ErrorWriter): void {
    this.writers.push({ base, write });
  }

  for(path: string): ErrorWriter | undefined {
    return this.writers.find((w) => w.base.test(path))?.write;
  }
}

@Global()
@Module({ providers: [ErrorWriters], exports: [ErrorWriters] })
export class ErrorsModule {}
