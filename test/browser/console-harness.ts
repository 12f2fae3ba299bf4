import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { freePort } from '../support/free-port';

const ROOT = join(__dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'test/browser/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Service {
  base: string;
  clientId: string;
  clientSecret: string;
  adminUserId: string;
  subscriptionId: string;
  stop(): Promise<void>;
}

/** The built service (`npm run build`) on a fresh SQLite database, with a bootstrapped admin. */
export async function startService(): Promise<Service> {
  for (const built of ['dist/src/main.js', 'dist/console/index.html']) {
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run npm run build before the browser tests`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'usersync-console-'));
  const port = await freePort();
  const env = {
    ...process.env,
    DB_TYPE: 'sqlite',
    DB_URL: '',
    DB_PATH: join(dir, 'db.sqlite'),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    REDIS_URL: '',
  };
  const boot = spawnSync(
    process.execPath,
    [
      join(ROOT, 'dist/src/cli/main.js'),
      'bootstrap',
      '--company',
      'Contoso',
      '--subscription',
      'Headquarters',
      '--admin',
      'admin@contoso.example',
      '--json',
    ],
    { env, encoding: 'utf8' },
  );
  if (boot.status !== 0) throw new Error(`bootstrap failed: ${boot.stderr}`);
  const tenant = JSON.parse(boot.stdout) as { clientId: string; clientSecret: string; adminUserId: string; subscriptionId: string };
  const service: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 100) throw new Error('the service did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    base,
    ...tenant,
    stop: async () => {
      service.kill('SIGTERM');
      await new Promise((resolve) => service.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** A screenshot of the page under test/browser/screenshots (not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** An admin API call from the test itself (what another administrator or Entra ID does meanwhile). */
export async function call(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/scim+json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
}

export async function adminToken(service: Service): Promise<string> {
  const res = await fetch(`${service.base}/oauth2/server/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${service.clientId}:${service.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
