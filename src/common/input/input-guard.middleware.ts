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
    if (req.body !== undefined && req.body !== null && typeof req.body === 'object') clean(req.body as object);
    // Express computes req.query from the URL on each read: keep the cleaned object instead.
    const query = req.query;
    clean(query);
    Object.defineProperty(req, 'query', { value: query, writable: true, configurable: true, enumerable: true });
    next();
  }
}

/**
 * Cleans a freshly parsed body or query in place, without recursion (nothing to exhaust): NFC
 * text, keys included, refusing NUL characters, lone surrogates and deep nesting. Only text
 * that changes is written back, so a body of plain text is read once and never copied.
 */
function clean(root: object): void {
  const stack: { node: object; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (depth > LIMITS.jsonDepth) throw new AppError(ErrorCode.InvalidSyntax, `The request nests deeper than ${LIMITS.jsonDepth} levels`);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const value: unknown = node[i];
        if (typeof value === 'string') {
          const cleaned = text(value);
          if (cleaned !== value) node[i] = cleaned;
        } else if (value !== null && typeof value === 'object') stack.push({ node: value, depth: depth + 1 });
      }
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      let cleaned = value;
      if (typeof value === 'string') cleaned = text(value);
      else if (value !== null && typeof value === 'object') stack.push({ node: value, depth: depth + 1 });
      const cleanKey = text(key);
      if (cleanKey !== key) {
        delete record[key];
        record[cleanKey] = cleaned;
      } else if (cleaned !== value) {
        record[key] = cleaned;
      }
    }
  }
}

/** NFC text, or the refusal of text that cannot be stored; plain ASCII needs no normalising. */
function text(value: string): string {
  const problem = textProblem(value);
  if (problem) throw new AppError(ErrorCode.InvalidValue, `Text ${problem}`);
  return isAscii(value) ? value : value.normalize('NFC');
}

function isAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0x7f) return false;
  return true;
}
