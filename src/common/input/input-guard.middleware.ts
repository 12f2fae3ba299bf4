import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppError, ErrorCode } from '../errors/app-error';
import { LIMITS } from './limits';
import { textProblem } from './text';

/**
 * Every request's text, at the door and once for all routes:
 * - Text is brought to Unicode NFC, values and filters alike, so "é" sent decomposed is the
 *   same user, the same filter value and the same key as "é" sent composed.
 * - A NUL character or a lone surrogate is refused (see textProblem).
 * - A JSON body nests at most LIMITS.jsonDepth levels (deeper bodies would exhaust the
 *   validators' recursion).
 * Errors travel to the exception filter, which answers in the route's protocol.
 */
@Injectable()
export class InputGuardMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    if (/%00|\0/i.test(req.originalUrl)) throw new AppError(ErrorCode.InvalidValue, 'The request URL holds a NUL character');
    if (req.body !== undefined && req.body !== null && typeof req.body === 'object') req.body = clean(req.body);
    // Express computes req.query from the URL on each read: replace it with the cleaned copy.
    const query = clean(req.query) as Request['query'];
    Object.defineProperty(req, 'query', { value: query, writable: true, configurable: true, enumerable: true });
    next();
  }
}

/** A copy of a parsed body or query with NFC text, refusing NUL characters and deep nesting (iterative: no recursion to exhaust). */
function clean(root: unknown): unknown {
  const text = (value: string): string => {
    const problem = textProblem(value);
    if (problem) throw new AppError(ErrorCode.InvalidValue, `Text ${problem}`);
    return value.normalize('NFC');
  };
  const copy = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (value === null || typeof value !== 'object') return value;
    return Array.isArray(value) ? new Array(value.length) : {};
  };
  const result = copy(root);
  const stack: { from: object; to: Record<string, unknown> | unknown[]; depth: number }[] = [];
  if (result !== null && typeof result === 'object') stack.push({ from: root as object, to: result as Record<string, unknown>, depth: 1 });
  while (stack.length) {
    const { from, to, depth } = stack.pop()!;
    if (depth > LIMITS.jsonDepth) throw new AppError(ErrorCode.InvalidSyntax, `The request nests deeper than ${LIMITS.jsonDepth} levels`);
    for (const [key, value] of Object.entries(from)) {
      const cleaned = copy(value);
      if (Array.isArray(to)) to[Number(key)] = cleaned;
      else to[text(key)] = cleaned;
      if (cleaned !== null && typeof cleaned === 'object')
        stack.push({ from: value as object, to: cleaned as Record<string, unknown>, depth: depth + 1 });
    }
  }
  return result;
}
