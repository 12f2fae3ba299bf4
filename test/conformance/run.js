/**
 * Runs the third-party SCIM conformance collections (../shared/conformance) against the built
 * service, the way an administrator connects Entra ID: bootstrap a tenant, create an empty
 * subscription, register a bearer_token application for it (its secret is the Secret Token).
 * Usage: node test/conformance/run.js [path-to-conformance-folder]   (after `npm run build`)
 * Exits non-zero when any assertion of either collection fails.
 */
const { spawn, spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..', '..');
const conformance = resolve(process.argv[2] ?? join(root, '..', 'shared', 'conformance'));
const port = Number(process.env.CONFORMANCE_PORT ?? 3411);
const base = `http://127.0.0.1:${port}`;
const dir = mkdtempSync(join(tmpdir(), 'usersync-conformance-'));
const env = {
  ...process.env,
  DB_TYPE: 'sqlite',
  DB_URL: '',
  DB_PATH: join(dir, 'usersync.sqlite'),
  PORT: String(port),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
};

async function call(method, path, { token, body, form, basic } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (basic) headers.Authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
  let payload;
  if (form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams(form).toString();
  } else if (body) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(base + path, { method, headers, body: payload });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * An empty subscription and a bearer_token application for it: returns the Secret Token.
 * `patchResponse` is the application's setting for Users PATCH answers (README, "PATCH answers").
 */
async function connect(adminToken, name, patchResponse = 'resource') {
  const subscription = await call('POST', '/api/tenancy/subscriptions', { token: adminToken, body: { name } });
  const app = await call('POST', '/api/oauth2/applications', {
    token: adminToken,
    body: {
      name: `${name} provisioning`,
      grantType: 'bearer_token',
      allowedScopes: ['usersync'],
      subscriptionId: subscription.id,
      tokenLifetimeSeconds: 0,
      patchResponse,
    },
  });
  return app.clientSecret;
}

function newman(args) {
  const bin = join(root, 'node_modules', '.bin', 'newman');
  const result = spawnSync(bin, ['run', ...args, '--reporters', 'cli', '--color', 'off', '--disable-unicode'], { stdio: 'inherit' });
  return result.status ?? 1;
}

async function main() {
  const service = spawn(process.execPath, [join(root, 'dist', 'src', 'main.js')], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    for (let i = 0; ; i++) {
      try {
        await call('GET', '/health');
        break;
      } catch (error) {
        if (i > 60) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    const boot = spawnSync(
      process.execPath,
      [
        join(root, 'dist', 'src', 'cli', 'main.js'),
        'bootstrap',
        '--company',
        'Conformance',
        '--subscription',
        'admin',
        '--admin',
        'admin@conformance.example',
        '--json',
      ],
      { env, encoding: 'utf8' },
    );
    if (boot.status !== 0) throw new Error(`bootstrap failed: ${boot.stderr}`);
    const admin = JSON.parse(boot.stdout);
    const { access_token: adminToken } = await call('POST', '/oauth2/server/token', {
      basic: `${admin.clientId}:${admin.clientSecret}`,
      form: { grant_type: 'client_credentials', scope: 'api' },
    });

    // Microsoft's collection asserts 204 on a Users PATCH: its application is set to answer so.
    const microsoftToken = await connect(adminToken, 'microsoft', 'noContent');
    const oktaToken = await connect(adminToken, 'okta');
    // Okta's collection reads the first user of the list: seed one as its README asks.
    await call('POST', '/scim/v2/Users', {
      token: oktaToken,
      body: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'seed.user@conformance.example',
        name: { givenName: 'Seed', familyName: 'User' },
        displayName: 'Seed User',
        emails: [{ value: 'seed.user@conformance.example', type: 'work', primary: true }],
        active: true,
      },
    });

    const failures = [
      newman([
        join(conformance, 'microsoft-scim-tests.postman_collection.json'),
        '-e',
        join(conformance, 'microsoft-scim-tests.env.json'),
        '--env-var',
        `Port=:${port}`,
        '--env-var',
        `token=${microsoftToken}`,
        '--global-var',
        `token=${microsoftToken}`,
      ]),
      newman([
        join(conformance, 'okta-scim20-spec-test.postman_collection.json'),
        '--env-var',
        `SCIMBaseURL=${base}/scim/v2`,
        '--env-var',
        `auth=Bearer ${oktaToken}`,
      ]),
    ].filter((status) => status !== 0).length;
    process.exitCode = failures ? 1 : 0;
    console.log(failures ? `conformance: ${failures} collection(s) failed` : 'conformance: both collections passed');
  } finally {
    service.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 1;
});
