import { INestApplication } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { JsonLogger } from './common/logging/json-logger';

/**
 * A clean stop on SIGTERM or SIGINT: stop accepting connections, close idle keep-alive
 * sockets, let the requests in flight finish — each answered with `Connection: close`, so its
 * client does not send another request on a socket about to close — then close the database
 * and exit 0. A client that stalls is cut off after `timeoutSeconds`.
 */
const IDLE_GRACE_MS = 250;

export function stopGracefully(app: INestApplication, logger: JsonLogger, timeoutSeconds: number): void {
  const server = app.getHttpServer() as Server;
  const inFlight = new Set<ServerResponse>();
  let stopping = false;
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (stopping && !res.headersSent) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.on('close', () => inFlight.delete(res));
  });

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    logger.lifecycle('stopping', { signal, inFlight: inFlight.size, timeoutSeconds });
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // An idle keep-alive socket may already carry a request the server has not read yet: close
    // idle sockets only after a moment, and again until none is left. Every answer from now on
    // says `Connection: close`, so no client sends another request on a socket it used.
    const idleSweep = setInterval(() => server.closeIdleConnections(), IDLE_GRACE_MS);
    const deadline = setTimeout(() => {
      logger.event('warn', 'stop timeout: closing the connections still open', { inFlight: inFlight.size });
      server.closeAllConnections();
    }, timeoutSeconds * 1000);
    deadline.unref();
    await closed;
    clearInterval(idleSweep);
    clearTimeout(deadline);
    await app.close();
    logger.lifecycle('stopped', { durationMs: Date.now() - started });
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
}
