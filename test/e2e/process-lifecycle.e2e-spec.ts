import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';

/**
 * The real process, stopped the way an orchestrator stops it: SIGTERM while keep-alive clients
 * (Node's fetch, as every modern client) have requests in flight. Not one of them may be lost.
 */
describe('stopping on SIGTERM', () => {
  const root = join(__dirname, '../..');
  const dir = mkdtempSync(join(tmpdir(), 'usersync-stop-'));
  const node = (script: string) => [process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, script)]] as const;
  let service: ChildProcess | undefined;
  afterAll(() => {
    service?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every request in flight, cuts a stalled client off after SHUTDOWN_TIMEOUT_SECONDS, logs start and end at any level, and exits 0', async () => {
    const port = await freePort();
    const env = {
      ...process.env,
      DB_TYPE: 'sqlite',
      DB_URL: '',
      DB_PATH: join(dir, 'db.sqlite'),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_SECONDS: '3',
    };
    const [cmd, cliArgs] = node('src/cli/main.ts');
    const boot = spawnSync(
      cmd,
      [...cliArgs, 'bootstrap', '--company', 'Stop', '--subscription', 'stop', '--admin', 'admin@stop.example', '--json'],
      { env, encoding: 'utf8' },
    );
    expect(boot.status).toBe(0);
    const { clientId, clientSecret } = JSON.parse(boot.stdout) as { clientId: string; clientSecret: string };

    const [serviceCmd, serviceArgs] = node('src/main.ts');
    service = spawn(serviceCmd, [...serviceArgs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    service.stdout!.on('data', (chunk) => (output += String(chunk)));
    const exited = new Promise<number | null>((resolve) => service!.on('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/health`);
    expect(output).toContain(`"msg":"listening","url":"http://127.0.0.1:${port}"`);
    expect(output).not.toContain('successfully started');

    const token = (
      (await (
        await fetch(`${base}/oauth2/server/token`, {
          method: 'POST',
          headers: {
            Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
            'Content-Type': 'application/x-www-form-urlencoded',
          },
          body: 'grant_type=client_credentials',
        })
      ).json()) as { access_token: string }
    ).access_token;
    const create = (i: number) =>
      fetch(`${base}/scim/v2/Users`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
        body: JSON.stringify({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: `u${i}@stop.example`,
          displayName: `U ${i}`,
          emails: [{ value: `u${i}@stop.example` }],
        }),
      }).then(
        async (res) => ({ status: res.status, connection: res.headers.get('connection'), body: await res.text(), at: Date.now() }),
        (error: Error) => ({
          status: 0,
          connection: null,
          body: String((error.cause as Error | undefined)?.message ?? error.message),
          at: Date.now(),
        }),
      );
    // Keep-alive sockets open (as a provisioning client holds them), then 60 writes in flight when the signal lands.
    await Promise.all(Array.from({ length: 60 }, (_, i) => create(1000 + i)));
    // And a client that stalls half-way through its request: it must not keep the process alive.
    const stalled = connect(port, '127.0.0.1');
    await new Promise((resolve) => stalled.once('connect', resolve));
    stalled.on('error', () => undefined);
    stalled.write('POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{');
    const inFlight = Array.from({ length: 60 }, (_, i) => create(i));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const signalled = Date.now();
    service.kill('SIGTERM');
    const answers = await Promise.all(inFlight);

    expect(await exited).toBe(0);
    expect(answers.filter((a) => a.status !== 201)).toEqual([]);
    // The signal was sent while requests were in flight: some were answered after it.
    expect(answers.filter((a) => a.at > signalled).length).toBeGreaterThan(0);
    expect(Date.now() - signalled).toBeLessThan(8000);
    expect(output).toMatch(/"msg":"stop timeout: closing the connections still open"/);
    expect(output).toMatch(/"msg":"stopping","signal":"SIGTERM"/);
    expect(output).toMatch(/"msg":"stopped"/);
    service = undefined;
  });
});

describe('starting', () => {
  const root = join(__dirname, '../..');
  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, 'src/main.ts')], {
      env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
      encoding: 'utf8',
      timeout: 60000,
    });

  it('retries an unreachable database for DB_CONNECT_TIMEOUT_SECONDS, then says so in one line and exits 1', async () => {
    const started = Date.now();
    const result = start({
      DB_TYPE: 'postgres',
      DB_URL: `postgres://nobody@127.0.0.1:${await freePort()}/db`,
      DB_CONNECT_TIMEOUT_SECONDS: '2',
      PORT: String(await freePort()),
    });
    expect(result.status).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(result.stderr).toMatch(
      /^usersync could not start: the database did not answer within 2 s \(DB_CONNECT_TIMEOUT_SECONDS\): connect ECONNREFUSED [^\n]+\n$/,
    );
    expect(result.stdout).toBe('');
  });

  it('says nothing of listening when the port is taken: one line, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'usersync-start-'));
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    try {
      const result = start({
        DB_TYPE: 'sqlite',
        DB_URL: '',
        DB_PATH: join(dir, 'db.sqlite'),
        PORT: String((taken.address() as { port: number }).port),
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^usersync could not start: listen EADDRINUSE[^\n]+\n$/);
      expect(result.stdout).not.toContain('listening');
      expect(result.stdout).not.toContain('started');
    } finally {
      taken.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}
