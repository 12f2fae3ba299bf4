/**
 * usersync fuzzer: `npm run fuzz [-- --requests N] [--seconds S] [--seed X] [--db sqlite|postgres|mssql] [--concurrency C]`.
 *
 * Starts the built service on a fresh database (as the benchmark does), provisions a tenant with
 * a few users and groups, then sends generated requests to every route: SCIM (filters from the
 * RFC 7644 grammar, then mutated; PATCH operations; resource bodies built from the schema's
 * attribute names with hostile values; paging parameters; paths), the token endpoint and the
 * admin API, plus raw junk (bad JSON, wrong media types, odd methods). Beside it, `/health` is
 * polled every 50 ms. Bounded by --requests and --seconds; --seed repeats a run exactly.
 *
 * Reports the answers by status, the service's peak RSS and the slowest `/health`; exits 1 on
 * any 5xx, a crash of the service, or a request that hangs (no answer in 30 s).
 */
import { spawn } from 'node:child_process';
import { freshDatabase, bootstrapAdmin, client, Db, peakRssMb, startService, waitFor } from './service-under-test';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const requests = Number(option('requests', '5000'));
const seconds = Number(option('seconds', '600'));
const seed = Number(option('seed', String(Date.now() % 1_000_000)));
const db = option('db', 'sqlite') as Db;
const concurrency = Number(option('concurrency', '8'));
const PORT = 3460;
const base = `http://127.0.0.1:${PORT}`;
const HANG_MS = 30000;

/** Polls a URL every 50 ms and prints the slowest answer (ms) when told to stop. */
const HEALTH_POLLER = `
const times = []; let stop = false;
process.on('SIGTERM', () => { stop = true; });
(async () => {
  while (!stop) {
    const t = performance.now();
    try { await fetch(process.argv[1], { signal: AbortSignal.timeout(30000) }); } catch {}
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 50));
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  process.stdout.write(JSON.stringify({ count: times.length, p50: at(0.5), p99: at(0.99), max: at(1), over100: times.filter((t) => t > 100).length }));
})();
`;

/** mulberry32: a small seeded generator, so a run can be repeated. */
function generator(s: number) {
  let state = s >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Random = ReturnType<typeof generator>;

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const WFUSER = 'urn:usersync:params:scim:schemas:extension:wfuser:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

/** The custom user properties extension; the fuzzed subscription defines one property of each type. */
const PROPERTIES = 'urn:usersync:params:scim:schemas:extension:properties:2.0:User';

const ATTRIBUTES = [
  'userName',
  'displayName',
  'externalId',
  'id',
  'active',
  'title',
  'nickName',
  'password',
  'emails',
  'phoneNumbers',
  'addresses',
  'name',
  'name.givenName',
  'name.familyName',
  'groups',
  'members',
  'meta.lastModified',
  'meta.created',
  'roles',
  'x509Certificates',
  `${ENTERPRISE}:manager`,
  `${ENTERPRISE}:department`,
  `${WFUSER}:domain`,
  `${WFUSER}:properties`,
  ...['costCenter', 'badge', 'ratio', 'contractor', 'hired', 'undefinedOne'].map((name) => `${PROPERTIES}:${name}`),
  'urn:x:y:2.0:User:z',
  'nosuch',
  '',
  '$ref',
];
const SUBS = ['value', 'type', 'primary', 'display', 'givenName', '$ref', 'nosuch'];
const OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr', 'EQ', 'xx'];

/** Text meant to break things: Unicode forms, NUL, quotes, SQL and LIKE metacharacters, very long runs. */
function text(r: Random, short = false): string {
  switch (r.int(14)) {
    case 0:
      return '';
    case 1:
      return 'a\u0000b';
    case 2:
      return 'zoe\u0301'; // decomposed
    case 3:
      return 'İ'.repeat(r.int(300));
    case 4:
      return "' OR 1=1 --";
    case 5:
      return '%_[\\]';
    case 6:
      return 'x'.repeat(r.pick(short ? [255, 256, 257] : [255, 256, 257, 2000, 9000, 70000]));
    case 7:
      return '😀'.repeat(r.int(short ? 20 : 200));
    case 8:
      return String.fromCharCode(...Array.from({ length: r.int(20) }, () => r.int(0xd800)));
    case 9:
      return '\ud800';
    case 10:
      return r.pick(['-271821-04-20T00:00:00Z', '2026-01-01T00:00:00Z', '1e21', 'True', 'null', '9223372036854775808']);
    default:
      return `${r.pick(['alice', 'bob', 'Zoë', 'ÅSA'])}${r.int(1000)}@contoso.com`;
  }
}

/** Any JSON value, with a bias to the shapes validators trip on. */
function json(r: Random, depth = 0): unknown {
  const deep = depth > 3;
  switch (r.int(deep ? 6 : 10)) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1.5, 1e21, -1e308, 2 ** 53, 2 ** 63, Number.MAX_SAFE_INTEGER]);
    case 3:
    case 4:
    case 5:
      return text(r, depth > 0);
    case 6:
    case 7:
      // Long arrays only of short scalars, so a body stays under the size limit.
      return r.chance(0.1)
        ? Array.from({ length: 150 }, () => text(r, true).slice(0, 40))
        : Array.from({ length: r.pick([0, 1, 2, 5]) }, () => json(r, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < r.int(5); i++) out[r.chance(0.7) ? r.pick(ATTRIBUTES) : text(r, true)] = json(r, depth + 1);
      return out;
    }
  }
}

function nestedJsonText(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

/** A filter from the grammar (RFC 7644 §3.4.2.2), sometimes mutated or blown up. */
function filter(r: Random, depth = 0): string {
  const value = () =>
    r.pick([
      () => JSON.stringify(text(r)),
      () => String(r.pick([1, -2, 1.5, 1e21])),
      () => r.pick(['true', 'False', 'null']),
      () => text(r),
    ])();
  const path = () => `${r.pick(ATTRIBUTES)}${r.chance(0.2) ? `.${r.pick(SUBS)}` : ''}`;
  const leaf = () => {
    const op = r.pick(OPS);
    return op === 'pr' ? `${path()} pr` : `${path()} ${op} ${value()}`;
  };
  let out: string;
  if (depth > 3 || r.chance(0.4)) out = leaf();
  else {
    switch (r.int(4)) {
      case 0:
        out = `${filter(r, depth + 1)} ${r.pick(['and', 'or', 'AND'])} ${filter(r, depth + 1)}`;
        break;
      case 1:
        out = `not (${filter(r, depth + 1)})`;
        break;
      case 2:
        out = `(${filter(r, depth + 1)})`;
        break;
      default:
        out = `${r.pick(['emails', 'members', 'groups', 'addresses', 'userName'])}[${filter(r, depth + 1)}]${r.chance(0.4) ? `.${r.pick(SUBS)} eq ${value()}` : ''}`;
    }
  }
  if (depth > 0) return out;
  switch (r.int(10)) {
    case 0:
      return out.slice(0, r.int(out.length + 1));
    case 1:
      return out.replace(/ /g, () => r.pick([' ', '  ', '(', ')', '[', '"', ' ']));
    case 2:
      return Array.from({ length: r.pick([101, 500, 3000]) }, () => leaf()).join(' or ');
    case 3:
      return `${'('.repeat(r.pick([17, 600]))}${leaf()}${')'.repeat(r.pick([17, 600]))}`;
    default:
      return out;
  }
}

/** One generated request: what to send, and a short label for the report. */
interface Probe {
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

interface Known {
  users: string[];
  groups: string[];
  applications: string[];
}

function probe(r: Random, token: string, adminToken: string, clientId: string, known: Known): Probe {
  const scim = {
    Authorization: `Bearer ${token}`,
    'Content-Type': r.pick(['application/scim+json', 'application/json', 'text/plain', 'application/scim+json; charset=utf-16']),
  };
  const admin = { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' };
  // Lone surrogates cannot be %-encoded: a URL carries the replacement character instead.
  const enc = (s: string) =>
    encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
  const id = (list: string[]) => r.pick([...list, ...list, crypto.randomUUID(), text(r), '%00', '..%2F..', 'a'.repeat(3000), enc(text(r))]);
  // Cursors: empty (a first page), junk, and base64url JSON shaped like ours with hostile fields.
  const cursor = () =>
    r.pick([
      '',
      text(r),
      'A'.repeat(3000),
      Buffer.from(JSON.stringify(json(r))).toString('base64url'),
      Buffer.from(
        JSON.stringify({
          b: text(r),
          x: r.pick([0, 1e20, -1, 'x']),
          d: r.pick(['a', 'b', 'c']),
          k: json(r),
          s: json(r),
          o: json(r),
          t: json(r),
        }),
      ).toString('base64url'),
    ]);
  const paging = () =>
    [
      r.chance(0.5) ? `startIndex=${enc(r.pick(['1', '0', '-5', '1e21', '9223372036854775808', '2147483648', '1.5', 'x', '']))}` : '',
      r.chance(0.5) ? `count=${enc(r.pick(['0', '10', '-1', '1e21', '500', '100000', 'NaN']))}` : '',
      r.chance(0.3) ? `cursor=${enc(cursor())}` : '',
      r.chance(0.3) ? `attributes=${enc(r.pick(['userName', 'members', 'emails[type eq "work"]', text(r)]))}` : '',
      r.chance(0.3) ? `excludedAttributes=${enc(r.pick(['members', 'emails', `${ENTERPRISE}:manager`, text(r)]))}` : '',
      r.chance(0.2) ? `sortBy=${enc(r.pick(ATTRIBUTES))}&sortOrder=${enc(r.pick(['descending', 'up']))}` : '',
    ]
      .filter(Boolean)
      .join('&');
  const body = (value: unknown) => {
    if (r.chance(0.05)) return r.pick(['{', '{"a":', 'null', '[]', nestedJsonText(r.pick([70, 5000]))]);
    const serialized = JSON.stringify(value) ?? 'null';
    // Past the body limit every request is the same 413: keep most under it.
    return serialized.length > 1_100_000 ? '{}' : serialized;
  };
  const operation = () => ({
    op: r.pick(['add', 'replace', 'remove', 'Add', 'Replace', 'Remove', 'jump']),
    ...(r.chance(0.8) ? { path: r.chance(0.5) ? r.pick(ATTRIBUTES) : filter(r).slice(0, 200) } : {}),
    ...(r.chance(0.9)
      ? { value: r.chance(0.3) ? { id: id(known.users), displayName: text(r), members: [{ value: id(known.users) }] } : json(r) }
      : {}),
  });
  const resourceBody = (core: string) => {
    const out: Record<string, unknown> = {
      schemas: r.chance(0.9)
        ? [core, ...(r.chance(0.2) ? [ENTERPRISE, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'] : [])]
        : json(r),
    };
    if (r.chance(0.8)) out.userName = text(r);
    if (r.chance(0.8)) out.displayName = text(r);
    if (r.chance(0.6)) out.emails = r.chance(0.8) ? [{ value: text(r), type: 'work', primary: r.chance(0.5) }] : json(r);
    if (r.chance(0.3)) out.members = Array.from({ length: r.pick([1, 3, 1001]) }, () => ({ value: id(known.users) }));
    for (let i = 0; i < r.int(4); i++) out[r.pick(ATTRIBUTES)] = json(r);
    return out;
  };
  const type = r.pick(['Users', 'Users', 'Groups']);
  switch (r.int(12)) {
    case 0:
      return {
        label: `GET /${type}?filter`,
        method: 'GET',
        path: `/scim/v2/${type}?filter=${enc(filter(r))}${r.chance(0.5) ? `&${paging()}` : ''}`,
        headers: scim,
      };
    case 1:
      return { label: 'GET list paging', method: 'GET', path: `/scim/v2/${type}?${paging()}`, headers: scim };
    case 2: {
      const where = r.pick(['/scim/v2/.search', `/scim/v2/${type}/.search`]);
      const payload = {
        schemas: r.chance(0.9) ? [SEARCH] : json(r),
        filter: r.chance(0.8) ? filter(r) : json(r),
        startIndex: json(r),
        count: r.pick([1, 10, json(r)]),
        ...(r.chance(0.3) ? { cursor: r.chance(0.5) ? cursor() : json(r) } : {}),
      };
      return { label: `POST ${where.replace('/scim/v2', '')}`, method: 'POST', path: where, headers: scim, body: body(payload) };
    }
    case 3:
      return {
        label: `POST /${type}`,
        method: 'POST',
        path: `/scim/v2/${type}`,
        headers: scim,
        body: body(resourceBody(type === 'Users' ? USER : GROUP)),
      };
    case 4:
    case 5: {
      const target = id(type === 'Users' ? known.users : known.groups);
      const payload = {
        schemas: r.chance(0.9) ? [PATCH_OP] : json(r),
        Operations: r.chance(0.9) ? Array.from({ length: r.pick([1, 2, 5, 1001]) }, operation) : json(r),
      };
      return {
        label: `PATCH /${type}/{id}`,
        method: 'PATCH',
        path: `/scim/v2/${type}/${target}${r.chance(0.2) ? `?${paging()}` : ''}`,
        headers: { ...scim, ...(r.chance(0.1) ? { 'If-Match': r.pick(['W/"1"', '*', text(r)]) } : {}) },
        body: body(payload),
      };
    }
    case 6:
      return {
        label: `PUT /${type}/{id}`,
        method: 'PUT',
        path: `/scim/v2/${type}/${id(type === 'Users' ? known.users : known.groups)}`,
        headers: scim,
        body: body(resourceBody(type === 'Users' ? USER : GROUP)),
      };
    case 7: {
      const method = r.pick(['GET', 'GET', 'DELETE', 'HEAD', 'OPTIONS']);
      return {
        label: `${method} /${type}/{id}`,
        method,
        path: `/scim/v2/${type}/${id(type === 'Users' ? known.users : known.groups)}`,
        headers: scim,
      };
    }
    case 8: {
      const form: Record<string, string> = {};
      if (r.chance(0.9)) form.grant_type = r.pick(['client_credentials', 'password', text(r)]);
      if (r.chance(0.5)) form.scope = r.pick(['usersync', 'api usersync', text(r)]);
      if (r.chance(0.4)) form.client_id = r.pick([clientId, text(r)]);
      if (r.chance(0.4)) form.client_secret = text(r);
      const basic: Record<string, string> = r.chance(0.4)
        ? { Authorization: `Basic ${Buffer.from(`${r.pick([clientId, text(r)])}:${text(r)}`).toString('base64')}` }
        : {};
      return {
        label: 'POST /oauth2/server/token',
        method: 'POST',
        path: '/oauth2/server/token',
        headers: { 'Content-Type': r.pick(['application/x-www-form-urlencoded', 'application/json']), ...basic },
        body: new URLSearchParams(form).toString(),
      };
    }
    case 9: {
      const route = r.pick([
        ['POST', '/api/oauth2/applications'],
        ['PATCH', `/api/oauth2/applications/${id(known.applications)}`],
        ['GET', `/api/oauth2/applications?offset=${enc(text(r))}&limit=${enc(r.pick(['1', '500', '1e21']))}`],
        ['POST', `/api/oauth2/applications/${id(known.applications)}/secret`],
        ['POST', '/api/tenancy/subscriptions'],
        ['PUT', `/api/tenancy/subscriptions/${id([])}/owner`],
        ['POST', '/api/tenancy/company/owners'],
        ['POST', '/api/ownership/resources'],
        ['POST', '/api/ownership/permissions'],
        ['GET', `/api/ownership/transfers?userId=${enc(id(known.users))}`],
        ['GET', `/api/ownership/resources?subscriptionId=${enc(id([]))}&ownerUserId=${enc(id(known.users))}`],
        ['DELETE', `/api/ownership/permissions/${id(known.users)}/${enc(text(r))}?subscriptionId=${enc(id([]))}`],
        ['GET', `/api/tenancy/subscriptions/${id([])}`],
        ['POST', `/api/tenancy/subscriptions/${id([])}/user-properties`],
        ['PATCH', `/api/tenancy/subscriptions/${id([])}/user-properties/${enc(text(r))}`],
        ['DELETE', `/api/tenancy/subscriptions/${id([])}/user-properties/${enc(text(r))}?force=${enc(text(r))}`],
        ['GET', `/api/tenancy/subscriptions/${id([])}/users?search=${enc(text(r))}&offset=${enc(r.pick(['0', '-1', '1e21', text(r)]))}`],
        [
          'GET',
          `/api/activity?${r.pick(['operation', 'outcome', 'resourceId', 'applicationId', 'subscriptionId', 'from', 'to'])}=${enc(text(r))}&limit=${enc(r.pick(['1', '200', '1e21', text(r)]))}`,
        ],
        ['GET', `/api/activity?from=${enc(r.pick(['-271821-04-20T00:00:00Z', '2026-01-01', '+275760-09-13T00:00:00Z', text(r)]))}`],
      ] as const);
      const payload = {
        name: json(r),
        grantType: r.pick(['bearer_token', 'client_credentials', json(r)]),
        allowedScopes: r.pick([['usersync'], json(r)]),
        userId: id(known.users),
        ownerUserId: id(known.users),
        kind: json(r),
        permission: json(r),
        tokenLifetimeSeconds: json(r),
        patchResponse: json(r),
        subscriptionId: r.pick([json(r), id([])]),
        type: r.pick(['string', 'integer', 'decimal', 'boolean', 'dateTime', json(r)]),
        maxLength: json(r),
        required: json(r),
        caseExact: json(r),
      };
      return {
        label: `${route[0]} ${route[1].split('?')[0].replace(/\/[0-9a-f-]{36}|\/[^/]*%[^/]*/g, '/{id}')}`,
        method: route[0],
        path: route[1],
        headers: admin,
        body: route[0] === 'GET' ? undefined : body(payload),
      };
    }
    case 10:
      return {
        label: 'unsupported',
        method: r.pick(['GET', 'POST', 'PUT']),
        path: r.pick(['/scim/v2/Bulk', '/scim/v2/Me', '/scim/v2/Nope', '/nope', '/scim/v2/Schemas/x', '/scim/v2/ResourceTypes/User']),
        headers: scim,
        body: r.chance(0.5) ? body(json(r)) : undefined,
      };
    default: {
      const auth = r.pick<Record<string, string>>([
        {},
        { Authorization: 'Bearer ' + text(r).slice(0, 600) },
        { Authorization: 'Basic x' },
        { Authorization: `Bearer ${token}` },
      ]);
      return {
        label: 'auth variants',
        method: 'GET',
        path: `/scim/v2/Users?access_token=${enc(token)}&filter=${enc(filter(r).slice(0, 300))}`,
        headers: auth,
      };
    }
  }
}

async function main() {
  const r = generator(seed);
  console.log(`fuzz: ${requests} requests, at most ${seconds} s, seed ${seed}, ${db}, concurrency ${concurrency}`);
  const { env, drop } = await freshDatabase(db, PORT);
  const service = startService(env);
  let crashed: string | undefined;
  service.on('exit', (code, signal) => {
    crashed = `the service exited (code ${code}, signal ${signal})`;
  });
  try {
    await waitFor(`${base}/health`);
    const call = client(base);
    const admin = bootstrapAdmin(env, 'Fuzz');
    const adminToken = (
      await call('POST', '/oauth2/server/token', {
        basic: `${admin.clientId}:${admin.clientSecret}`,
        form: { grant_type: 'client_credentials' },
      })
    ).body.access_token as string;
    const subscription = (await call('POST', '/api/tenancy/subscriptions', { token: adminToken, body: { name: 'fuzz' } })).body;
    for (const [name, type] of [
      ['costCenter', 'string'],
      ['badge', 'integer'],
      ['ratio', 'decimal'],
      ['contractor', 'boolean'],
      ['hired', 'dateTime'],
    ]) {
      await call('POST', `/api/tenancy/subscriptions/${subscription.id}/user-properties`, { token: adminToken, body: { name, type } });
    }
    const app = (
      await call('POST', '/api/oauth2/applications', {
        token: adminToken,
        body: { name: 'fuzz', grantType: 'bearer_token', allowedScopes: ['usersync'], subscriptionId: subscription.id },
      })
    ).body;
    const token = app.clientSecret as string;
    // The admin routes are fuzzed on an application of their own: rotating the SCIM application's secret would end the run.
    const spare = (
      await call('POST', '/api/oauth2/applications', {
        token: adminToken,
        body: { name: 'spare', grantType: 'client_credentials', allowedScopes: ['usersync'] },
      })
    ).body;
    const known: Known = { users: [], groups: [], applications: [spare.id] };
    for (let i = 0; i < 20; i++) {
      const userName = `seed${i}@contoso.com`;
      const res = await call('POST', '/scim/v2/Users', {
        token,
        body: { schemas: [USER], userName, displayName: `Seed ${i}`, emails: [{ value: userName, type: 'work' }] },
      });
      known.users.push(res.body.id, userName);
    }
    for (let i = 0; i < 5; i++)
      known.groups.push((await call('POST', '/scim/v2/Groups', { token, body: { schemas: [GROUP], displayName: `Group ${i}` } })).body.id);

    // /health beside the load, from a process of its own (the fuzzer's own event loop, busy
    // generating requests, would delay the measurement): how long any other client waits.
    const poller = spawn(process.execPath, ['-e', HEALTH_POLLER, `${base}/health`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let pollerOutput = '';
    poller.stdout.on('data', (chunk) => (pollerOutput += String(chunk)));
    const pollerDone = new Promise((resolve) => poller.on('exit', resolve));

    const byStatus = new Map<number, number>();
    let failuresByStatus = 0;
    /** A 5xx is a bug, but for the 501 that /Bulk and /Me answer by design. */
    const isFailure = (status: number, p: Probe) => {
      const failed = status >= 500 && !(status === 501 && /\/scim\/v2\/(Bulk|Me)\b/.test(p.path));
      if (failed) failuresByStatus++;
      return failed;
    };
    const failures: string[] = [];
    let sent = 0;
    let hangs = 0;
    const deadline = Date.now() + seconds * 1000;
    const started = Date.now();
    const worker = async () => {
      while (sent < requests && Date.now() < deadline && !crashed) {
        sent++;
        const p = probe(r, token, adminToken, admin.clientId, known);
        // What HTTP itself cannot carry is not sent: a body on GET/HEAD, header text beyond Latin-1.
        const headers = Object.fromEntries(Object.entries(p.headers).map(([k, v]) => [k, v.replace(/[^\x20-\xff]/g, '?')]));
        const body = p.method === 'GET' || p.method === 'HEAD' ? undefined : p.body;
        try {
          const res = await fetch(base + p.path, { method: p.method, headers, body, signal: AbortSignal.timeout(HANG_MS) });
          const text = await res.text();
          byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
          if (isFailure(res.status, p) && failures.length < 20)
            failures.push(
              `${res.status} ${p.label}: ${p.method} ${p.path.slice(0, 200)} ${(p.body ?? '').slice(0, 300)} → ${text.slice(0, 300)}`,
            );
          if (res.status === 201 && p.label === 'POST /Users') {
            try {
              known.users.push(JSON.parse(text).id);
            } catch {
              /* not JSON: counted by status */
            }
          }
        } catch (error) {
          if (crashed) break;
          // Node's HTTP server answers a request line or headers over 16 KB with 431 and closes the
          // socket, sometimes before the client has finished sending: the client then sees a reset.
          const oversized = p.path.length + JSON.stringify(headers).length > 16 * 1024;
          const reset = ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].includes(
            ((error as Error).cause as { code?: string } | undefined)?.code ?? '',
          );
          if (oversized && reset) {
            byStatus.set(431, (byStatus.get(431) ?? 0) + 1);
            continue;
          }
          hangs++;
          const reason =
            (error as Error).name === 'TimeoutError' ? `no answer in ${HANG_MS / 1000} s` : `no answer (${(error as Error).message})`;
          if (failures.length < 20) failures.push(`${reason}: ${p.label}: ${p.method} ${p.path.slice(0, 200)}`);
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: concurrency }, worker));
    } finally {
      poller.kill('SIGTERM');
      await pollerDone;
    }
    const elapsed = (Date.now() - started) / 1000;
    const rss = crashed ? 0 : peakRssMb(service.pid!);
    const fivexx = failuresByStatus;

    console.log(`\n${sent} requests in ${elapsed.toFixed(1)} s (${(sent / elapsed).toFixed(0)}/s), seed ${seed}`);
    console.log('| status | answers |\n|---:|---:|');
    for (const [status, count] of [...byStatus].sort((a, b) => a[0] - b[0])) console.log(`| ${status} | ${count} |`);
    console.log(`\n5xx (other than 501 for /Bulk and /Me): ${fivexx}; no answer: ${hangs}; crash: ${crashed ?? 'none'}`);
    const health = JSON.parse(pollerOutput.trim() || '{}') as {
      count?: number;
      p50?: number;
      p99?: number;
      max?: number;
      over100?: number;
    };
    const ms = (value?: number) => (value ?? NaN).toFixed(0);
    console.log(`peak RSS of the service: ${rss} MB; slowest /health: ${ms(health.max)} ms`);
    console.log(
      `/health: ${health.count} polls, median ${ms(health.p50)} ms, 99th percentile ${ms(health.p99)} ms, ${health.over100} over 100 ms`,
    );
    for (const failure of failures) console.log(`  ${failure}`);
    process.exitCode = fivexx || hangs || crashed ? 1 : 0;
  } finally {
    service.kill();
    await drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
