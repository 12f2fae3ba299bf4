import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { JsonLogger } from '../../src/common/logging/json-logger';
import { RequestLoggingMiddleware } from '../../src/common/logging/request-logging.middleware';
import { LogLevel } from '../../src/config/app-config';

/** Runs one request through the middleware and finishes it with `status`; returns the lines written and the answer's headers. */
function run(level: LogLevel, status: number, headers: Record<string, string> = {}) {
  const lines: Record<string, unknown>[] = [];
  const middleware = new RequestLoggingMiddleware(new JsonLogger(level, (line) => lines.push(JSON.parse(line))));
  const req = { method: 'GET', originalUrl: '/oauth2/x?client_secret=s3cret&a=1', headers } as unknown as Request;
  const sent: Record<string, string> = {};
  const res = Object.assign(new EventEmitter(), {
    statusCode: status,
    setHeader: (name: string, value: string) => (sent[name.toLowerCase()] = value),
  }) as unknown as Response;
  let nextCalled = false;
  middleware.use(req, res, (() => (nextCalled = true)) as NextFunction);
  (res as unknown as EventEmitter).emit('finish');
  return { lines, sent, nextCalled };
}

describe(RequestLoggingMiddleware.name, () => {
  it('writes one line per finished request at info, with the URL redacted and the request id echoed', () => {
    const { lines, sent, nextCalled } = run('info', 200);
    expect(nextCalled).toBe(true);
    expect(sent['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'request',
        requestId: sent['x-request-id'],
        method: 'GET',
        url: '/oauth2/x?client_secret=[redacted]&a=[masked]',
        status: 200,
        durationMs: expect.any(Number),
      }),
    ]);
  });

  it('shows the personal part of a URL only at debug; credentials never', () => {
    expect(run('debug', 200).lines).toEqual([expect.objectContaining({ url: '/oauth2/x?client_secret=[redacted]&a=1' })]);
  });

  it('writes nothing for a success above info, and still the line of a server error', () => {
    expect(run('warn', 204).lines).toEqual([]);
    expect(run('warn', 501).lines).toEqual([]);
    expect(run('error', 503).lines).toEqual([expect.objectContaining({ level: 'error', status: 503 })]);
    expect(run('silent', 500).lines).toEqual([]);
  });

  it("keeps a caller's well-formed X-Request-Id and replaces any other", () => {
    expect(run('info', 200, { 'x-request-id': 'trace-42.a_b' }).sent['x-request-id']).toBe('trace-42.a_b');
    expect(run('info', 200, { 'x-request-id': 'bad id\n' }).sent['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
