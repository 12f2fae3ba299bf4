/**
 * What the benchmark and the fuzzer share: a fresh database of the chosen kind, the built
 * service started on it as its own process, a first admin from the bootstrap command, and
 * small HTTP and /proc helpers.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/load-config';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { dropSchema } from '../src/database/drop-schema';

export const root = resolve(__dirname, '..', '..');

export type Db = 'sqlite' | 'postgres' | 'mssql';

/** Environment for the service on a fresh database (a new SQLite file, or a new schema); `drop` removes it. */
export async function freshDatabase(db: Db, port: number): Promise<{ env: NodeJS.ProcessEnv; drop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'usersync-run-'));
  const schema = `run_${randomBytes(4).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    // One client from one address measures throughput (and the fuzzer sends bad tokens on
    // purpose): the per-tenant and per-address rate limits would measure themselves instead.
    SCIM_RATE_LIMIT_PER_SECOND: '0',
    API_RATE_LIMIT_PER_SECOND: '0',
    AUTH_FAILURES_PER_SOURCE_LIMIT: '1000000',
  };
  const admin = () => new DataSource(buildDataSourceOptions(loadConfig({ ...env, DB_SCHEMA: '' } as Record<string, string>).database));
  if (db === 'sqlite') {
    Object.assign(env, { DB_TYPE: 'sqlite', DB_URL: '', DB_PATH: join(dir, 'usersync.sqlite') });
    return { env, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url =
    db === 'postgres'
      ? (process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test')
      : (process.env.BENCH_MSSQL_URL ?? process.env.MSSQL_URL);
  if (!url) throw new Error('--db mssql needs BENCH_MSSQL_URL or MSSQL_URL');
  Object.assign(env, { DB_TYPE: db, DB_URL: url, DB_SCHEMA: schema, DB_PATH: '' });
  const ds = admin();
  await ds.initialize();
  await ds.query(`CREATE SCHEMA ${schema}`);
  await ds.destroy();
  return {
    env,
    drop: async () => {
      const cleanup = admin();
      await cleanup.initialize();
      await dropSchema(cleanup, schema);
      await cleanup.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The first admin of a new company, from the bootstrap command: `{clientId, clientSecret, …}`. */
export function bootstrapAdmin(env: NodeJS.ProcessEnv, company: string): { clientId: string; clientSecret: string } {
  const boot = spawnSync(
    process.execPath,
    [
      join(root, 'dist/src/cli/main.js'),
      'bootstrap',
      '--company',
      company,
      '--subscription',
      'admin',
      '--admin',
      `admin@${company.toLowerCase()}.example`,
      '--json',
    ],
    { env, encoding: 'utf8' },
  );
  if (boot.status !== 0) throw new Error(`bootstrap failed: ${boot.stderr}`);
  return JSON.parse(boot.stdout);
}

/** The Node flags `npm run start:prod` starts the service with, so runs here use the same. */
export function serviceNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const flags = /node\s+(.*?)\s*dist\/src\/main\.js/.exec(pkg.scripts['start:prod'])?.[1];
  return flags ? flags.split(/\s+/) : [];
}

/** Starts the built service with the flags of `npm run start:prod`. */
export function startService(env: NodeJS.ProcessEnv, extraFlags: string[] = [], ipc = false): ChildProcess {
  return spawn(process.execPath, [...serviceNodeFlags(), ...extraFlags, join(root, 'dist/src/main.js')], {
    env,
    stdio: ['ignore', 'inherit', 'inherit', ...(ipc ? (['ipc'] as const) : [])],
  });
}

export async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

/** JSON requests to a base URL: bearer token, HTTP Basic, a JSON body or a form. */
export function client(base: string) {
  return async (
    method: string,
    path: string,
    init: { token?: string; body?: unknown; form?: Record<string, string>; basic?: string } = {},
  ) => {
    const headers: Record<string, string> = {};
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.basic) headers.Authorization = `Basic ${Buffer.from(init.basic).toString('base64')}`;
    let body: string | undefined;
    if (init.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.body !== undefined) {
      headers['Content-Type'] = 'application/scim+json';
      body = JSON.stringify(init.body);
    }
    const res = await fetch(base + path, { method, headers, body });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
  };
}

/** The process's peak resident memory so far, in MB (Linux). */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}
