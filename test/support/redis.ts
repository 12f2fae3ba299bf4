import { ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { freePort } from './free-port';

/**
 * A Redis for the tests that need one: REDIS_URL, else the one on 127.0.0.1:6379, else a
 * `redis-server` started here on a free port (and stopped by `stop`).
 */
export async function testRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const candidates = [process.env.REDIS_URL, 'redis://127.0.0.1:6379'].filter((u): u is string => !!u);
  for (const url of candidates) if (await answers(url)) return { url, stop: async () => undefined };
  const port = await freePort();
  let server: ChildProcess;
  try {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.once('spawn', () => resolve());
    });
  } catch {
    throw new Error('These tests need Redis: set REDIS_URL, run one on 127.0.0.1:6379, or install redis-server');
  }
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await answers(url)); i++) await new Promise((r) => setTimeout(r, 100));
  return { url, stop: async () => void server.kill() };
}

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
