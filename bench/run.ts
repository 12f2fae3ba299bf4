/**
 * usersync benchmark: `npm run bench [-- --quick] [-- --db postgres|mssql] [--users N] [--cycle N] [--duration S] [--concurrency C]`.
 *
 * `--db mssql` runs on the SQL Server at BENCH_MSSQL_URL (else MSSQL_URL), e.g. the stand-in from
 * ../shared/babelfish: its figures are reported, not targeted (the stand-in is not SQL Server's speed).
 *
 * Starts the built service as its own process on a fresh database, and beside it a minimal Nest
 * app with the same bearer-guard pattern and no database (the ceiling). Scenario 1 provisions
 * through the real SCIM API exactly as Entra ID does; the larger populations are then seeded
 * straight into the tables (bulk insert through TypeORM), because seeding 100,000 users over HTTP
 * measures nothing new. Scenario 7 restarts the service twice on the same database, with the
 * provisioning activity and without it (ACTIVITY_RETENTION_DAYS=0), and runs a cycle and the PATCH
 * load on each: the activity's cost, back to back. Prints a table and writes
 * bench/results/<date>-<db>-<users>.json.
 *
 * `--profile` also records a CPU profile of the service during scenarios 2b and 3 (through
 * bench/profiler.ts) and prints where the time went (bench/profile-summary.ts); the profiler
 * slows those two runs down, so the figures of a profiled run are not the ones to quote.
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/load-config';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { qualifiedTable } from '../src/database/table-name';
import { Resource } from '../src/ownership/entities/resource.entity';
import { WFUser } from '../src/users/entities/wf-user.entity';
import { CpuProfile, ProfileGroup, summarizeProfile } from './profile-summary';
import { bootstrapAdmin, client, Db, freshDatabase, peakRssMb, root, serviceNodeFlags, waitFor } from './service-under-test';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const quick = flag('quick');
const db = option('db', 'sqlite');
const scaleUsers = Number(option('users', quick ? '10000' : '100000'));
const cycleUsers = Number(option('cycle', quick ? '1000' : '10000'));
const duration = Number(option('duration', quick ? '3' : '10'));
const warmup = quick ? 1 : 2;
const concurrency = Number(option('concurrency', '32'));
const disableUsers = quick ? 200 : 1000;
/** Users another tenant provisions first, uncounted, so the measured cycle does not pay the JIT's warm-up. */
const cycleWarmupUsers = 500;
const profiling = flag('profile');
const SERVICE_PORT = 3450;
const CEILING_PORT = 3499;
const base = `http://127.0.0.1:${SERVICE_PORT}`;
const call = client(base);

interface Row {
  scenario: string;
  rps: number;
  /** To the ceiling measured just before this scenario (the machine's speed drifts during a run). */
  ratio: number | null;
  p50: number | null;
  p99: number | null;
  errors: number;
  /** Service CPU time (user + system) per request: steadier than req/s on a shared machine. */
  cpuUsPerRequest?: number | null;
  /** The service's peak resident memory during this scenario. */
  peakRssMb?: number | null;
  note?: string;
  /** With --profile: where the service's busy time went during the measured run, and the ceiling's just before. */
  profile?: ProfileGroup[];
  ceilingProfile?: ProfileGroup[];
}

/** Starts a new peak-RSS window for the process (Linux: writing 5 to clear_refs resets VmHWM). */
function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    /* not permitted here: the peak then covers the run so far */
  }
}

/** CPU time the process has used so far, in microseconds (user + system, from /proc). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

interface Measured {
  result: autocannon.Result;
  cpuUsPerRequest: number;
  peakRssMb: number;
  profile?: ProfileGroup[];
}

/**
 * One load run against a process: a short warm-up (the JIT and the caches settle, not
 * counted), then the measured run with its CPU time and peak RSS. With `profiled` (the
 * service, started with bench/profiler.ts) a CPU profile of the measured run is summarized.
 */
async function measure(pid: number, opts: autocannon.Options, profiled?: ChildProcess): Promise<Measured> {
  await autocannon({ connections: concurrency, ...opts, duration: warmup, amount: undefined });
  const usage = track(pid);
  const stopProfile = profiled ? startProfile(profiled) : undefined;
  const result = await autocannon({ connections: concurrency, duration, ...opts });
  const measured = usage(result.requests.total);
  const profile = stopProfile ? summarizeProfile(await stopProfile(), result.requests.total) : undefined;
  return { result, ...measured, profile };
}

let profilesTaken = 0;
/** One connection of a paging walk: its next cursor page, or which walker it is. */
interface Walk {
  next?: string;
  at?: number;
}

/** How long seeding the population took (reported). */
let seedSeconds = 0;

/** Starts the profiler in the service (bench/profiler.ts); the returned function stops it and reads the profile. */
function startProfile(service: ChildProcess): () => Promise<CpuProfile> {
  service.send({ type: 'profile:start' });
  const file = join(tmpdir(), `usersync-bench-${process.pid}-${profilesTaken++}.cpuprofile`);
  return async () => {
    const written = new Promise<{ error?: string }>((resolve) => service.once('message', resolve));
    service.send({ type: 'profile:stop', file });
    const { error } = await written;
    if (error) throw new Error(`profiling failed: ${error}`);
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    rmSync(file);
    return profile;
  };
}

/** Starts watching a process; the returned function gives its CPU per request and peak RSS since. */
function track(pid: number): (requests: number) => { cpuUsPerRequest: number; peakRssMb: number } {
  resetPeakRss(pid);
  const cpu0 = cpuMicros(pid);
  return (requests) => ({ cpuUsPerRequest: (cpuMicros(pid) - cpu0) / Math.max(1, requests), peakRssMb: peakRssMb(pid) });
}

const userBody = (userName: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  externalId: userName,
  active: true,
  displayName: `Bench ${userName}`,
  name: { givenName: 'Bench', familyName: 'User' },
  emails: [{ type: 'work', primary: true, value: userName }],
});

async function main() {
  const { env, drop } = await freshDatabase(db as Db, SERVICE_PORT);
  const processes: ChildProcess[] = [];
  const rows: Row[] = [];
  try {
    const admin = bootstrapAdmin(env, 'Bench');
    const profilerFlags = profiling ? ['-r', join(root, 'dist-bench/bench/profiler.js')] : [];
    const startService = (extraEnv: NodeJS.ProcessEnv = {}) => {
      const started = spawn(process.execPath, [...serviceNodeFlags(), ...profilerFlags, join(root, 'dist/src/main.js')], {
        env: { ...env, ...extraEnv },
        stdio: ['ignore', 'inherit', 'inherit', ...(profiling ? (['ipc'] as const) : [])],
      });
      processes.push(started);
      return started;
    };
    let service = startService();
    // Same process model as the service: same Node, same flags.
    const ceiling = spawn(process.execPath, [...serviceNodeFlags(), ...profilerFlags, join(root, 'dist-bench/bench/ceiling.js')], {
      env: { ...process.env, PORT: String(CEILING_PORT) },
      stdio: ['ignore', 'ignore', 'inherit', ...(profiling ? (['ipc'] as const) : [])],
    });
    processes.push(ceiling);
    await waitFor(`${base}/health`);
    await waitFor(`http://127.0.0.1:${CEILING_PORT}/ceiling`);

    const adminToken = (
      await call('POST', '/oauth2/server/token', {
        basic: `${admin.clientId}:${admin.clientSecret}`,
        form: { grant_type: 'client_credentials', scope: 'api' },
      })
    ).body.access_token;
    // A tenant as an Entra ID connection has it: an empty subscription and a bearer_token application.
    const tenant = async (name: string) => {
      const subscription = (await call('POST', '/api/tenancy/subscriptions', { token: adminToken, body: { name } })).body;
      const app = (
        await call('POST', '/api/oauth2/applications', {
          token: adminToken,
          body: { name, grantType: 'bearer_token', allowedScopes: ['usersync'], subscriptionId: subscription.id },
        })
      ).body;
      return { subscription, token: app.clientSecret as string };
    };
    const { subscription, token } = await tenant('bench');
    const auth = { Authorization: `Bearer ${token}` };

    // The ceiling is measured right before each scenario and the ratio taken to that run: the
    // speed of a shared machine drifts within a run by more than the differences measured.
    const ceilingRuns: Measured[] = [];
    const ceilingNow = async (profile = false) => {
      const run = await measure(
        ceiling.pid!,
        { url: `http://127.0.0.1:${CEILING_PORT}/ceiling`, headers: { Authorization: 'Bearer ceiling-token' } },
        profiling && profile ? ceiling : undefined,
      );
      ceilingRuns.push(run);
      return run;
    };
    const scenario = async (
      name: string,
      opts: Partial<autocannon.Options>,
      note?: (m: Measured) => string,
      profile = false,
    ): Promise<Measured> => {
      const ceilingRun = await ceilingNow(profile);
      const ceilingRps = ceilingRun.result.requests.average;
      const m = await measure(service.pid!, { headers: auth, ...opts, url: opts.url ?? base }, profiling && profile ? service : undefined);
      const r = m.result;
      rows.push({
        scenario: name,
        rps: r.requests.average,
        ratio: r.requests.average / ceilingRps,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.non2xx + r.errors,
        cpuUsPerRequest: m.cpuUsPerRequest,
        peakRssMb: m.peakRssMb,
        note: note?.(m),
        profile: m.profile,
        ceilingProfile: ceilingRun.profile,
      });
      return m;
    };

    // 1. Entra ID's initial cycle: filter by userName, then POST, 8 at a time. Another tenant's
    // smaller cycle runs first, uncounted: the warm-up every other scenario has too.
    const provision = async (tenantToken: string, prefix: string, count: number) => {
      let next = 0;
      let errors = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < count) {
            const userName = `${prefix}-${next++}@bench.example`;
            const filter = encodeURIComponent(`userName eq "${userName}"`);
            const found = await call('GET', `/scim/v2/Users?filter=${filter}`, { token: tenantToken });
            if (found.status !== 200 || found.body.totalResults !== 0) errors++;
            if ((await call('POST', '/scim/v2/Users', { token: tenantToken, body: userBody(userName) })).status !== 201) errors++;
          }
        }),
      );
      return errors;
    };
    /** A measured cycle of `count` users for a tenant, as a row in users/s (CPU per request: two a user). */
    const cycle = async (name: string, tenantToken: string, prefix: string, count: number) => {
      const usage = track(service.pid!);
      const started = process.hrtime.bigint();
      const errors = await provision(tenantToken, prefix, count);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      rows.push({
        scenario: name,
        rps: count / seconds,
        ratio: null,
        p50: null,
        p99: null,
        errors,
        ...usage(2 * count),
        note: `${seconds.toFixed(1)} s, users/s`,
      });
    };
    await provision((await tenant('warm-up')).token, 'warm-up', cycleWarmupUsers);
    await cycle(`1. Entra ID initial cycle: ${cycleUsers} users (filter + POST, concurrency 8)`, token, 'entra', cycleUsers);

    const userNameAt = (i: number) => (i < cycleUsers ? `entra-${i}@bench.example` : `seed-${i - cycleUsers}@bench.example`);
    const lookup = (name: string, population: number, note?: (m: Measured) => string, profile = false) =>
      scenario(
        name,
        {
          requests: [
            {
              method: 'GET',
              setupRequest: (req) => ({
                ...req,
                path: `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userNameAt(Math.floor(Math.random() * population))}"`)}`,
              }),
            },
          ],
        },
        note,
        profile,
      );
    // A connection of the benchmark's own, for seeding and, on PostgreSQL, for ANALYZE: the
    // planner's statistics after a bulk change are what autovacuum gives it within a minute in
    // production, and the benchmark measures that steady state (see README, PostgreSQL).
    const ds = new DataSource({
      ...buildDataSourceOptions(loadConfig(env as Record<string, string>).database),
      entities: [WFUser, Resource],
    });
    await ds.initialize();
    const analyze = async (...tables: string[]) => {
      if (db === 'postgres') await ds.query(`ANALYZE ${tables.map((name) => table(ds, name)).join(', ')}`);
    };
    await analyze('WFUser', 'WFUserValue');
    const lookupSmall = await lookup(`2a. lookup by userName at ${cycleUsers} users`, cycleUsers);

    // 6. Pages of 100 at either end of the population, by index (a client that jumps there),
    // and, at the larger population, walked in order by cursor and by index from 32 places.
    const pageAtEnds = async (population: number, label: string) => {
      await scenario(`6${label}. page of 100 at the start, ${population} users`, { url: `${base}/scim/v2/Users?startIndex=1&count=100` });
      await scenario(`6${label}. page of 100 at the end (startIndex ${population - 99}), ${population} users`, {
        url: `${base}/scim/v2/Users?startIndex=${population - 99}&count=100`,
      });
    };
    await pageAtEnds(cycleUsers, 'a');

    // Seed up to the scale population straight into the tables, each user with a work email
    // row as Entra ID's users have, so a lookup at either size reads the same shape of user.
    const q = (name: string) => ds.driver.escape(name);
    // SQL Server takes at most 2,100 parameters a statement: fewer rows per bulk insert there.
    const insertBatch = db === 'mssql' ? 150 : 500;
    const placeholder = (n: number) => (db === 'postgres' ? `$${n}` : db === 'mssql' ? `@${n - 1}` : '?');
    const [{ idSubscription }] = await ds.query(
      `SELECT ${q('idSubscription')} AS "idSubscription" FROM ${table(ds, 'Subscription')} WHERE ${q('guidSubscription')} = ${placeholder(1)}`,
      [subscription.id],
    );
    const seedCount = Math.max(0, scaleUsers - cycleUsers);
    const seedStarted = process.hrtime.bigint();
    const now = new Date();
    for (let offset = 0; offset < seedCount; offset += insertBatch) {
      const batch = Array.from({ length: Math.min(insertBatch, seedCount - offset) }, (_, k) => {
        const userName = `seed-${offset + k}@bench.example`;
        return {
          guidUser: randomUUID(),
          idSubscription,
          userName,
          userNameKey: userName,
          fullName: `Seed ${offset + k}`,
          userEmail: userName,
          enabled: true,
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
      });
      await ds.createQueryBuilder().insert().into(WFUser).values(batch).execute();
    }
    await ds.query(
      `INSERT INTO ${table(ds, 'WFUserValue')} (${['idUser', 'attribute', 'type', 'value', 'valueKey', 'isPrimary', 'position'].map(q).join(', ')})
       SELECT ${q('idUser')}, 'emails', 'work', ${q('userName')}, ${q('userNameKey')}, ${placeholder(1)}, 0 FROM ${table(ds, 'WFUser')}
       WHERE ${q('idSubscription')} = ${placeholder(2)} AND ${q('userName')} LIKE 'seed-%'`,
      [db === 'postgres' ? true : 1, idSubscription],
    );
    // The kept count of the subscription's users, as the service's own writes keep it.
    await ds.query(
      `UPDATE ${table(ds, 'ResourceCount')} SET ${q('total')} = (SELECT COUNT(1) FROM ${table(ds, 'WFUser')} WHERE ${q('idSubscription')} = ${placeholder(1)} AND ${q('deletedAt')} IS NULL)
       WHERE ${q('idSubscription')} = ${placeholder(2)} AND ${q('resourceType')} = 'User'`,
      [idSubscription, idSubscription],
    );
    seedSeconds = Number(process.hrtime.bigint() - seedStarted) / 1e9;
    console.log(`seeded ${seedCount} users in ${seedSeconds.toFixed(0)} s`);
    await analyze('WFUser', 'WFUserValue');
    await lookup(
      `2b. lookup by userName at ${scaleUsers} users`,
      scaleUsers,
      (m) => `flatness ${(m.result.requests.average / lookupSmall.result.requests.average).toFixed(2)} of 2a`,
      true,
    );

    // 3. Entra-shaped updates.
    const patches = (name: string, profile = false) =>
      scenario(
        name,
        {
          headers: { ...auth, 'Content-Type': 'application/scim+json' },
          requests: [
            {
              method: 'PATCH',
              setupRequest: (req) => {
                const userName = userNameAt(Math.floor(Math.random() * scaleUsers));
                return {
                  ...req,
                  path: `/scim/v2/Users/${userName}`,
                  body: JSON.stringify({
                    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
                    Operations: [
                      { op: 'Replace', path: 'displayName', value: `Renamed ${Math.random()}` },
                      { op: 'Replace', path: 'emails[type eq "work"].value', value: userName },
                    ],
                  }),
                };
              },
            },
          ],
        },
        undefined,
        profile,
      );
    await patches(`3. PATCH (Replace displayName + work email) at ${scaleUsers} users`, true);

    await pageAtEnds(scaleUsers, 'b');
    const walkers = Array.from({ length: concurrency }, (_, i) => Math.floor((i * (scaleUsers - 100)) / concurrency));
    await scenario(`6c. pages of 100 walked by cursor, ${scaleUsers} users`, {
      requests: [
        {
          setupRequest: (req, context) => ({ ...req, path: (context as Walk).next ?? '/scim/v2/Users?cursor=&count=100' }),
          onResponse: (status, body, context) => {
            const next = status === 200 ? (JSON.parse(body) as { nextCursor?: string }).nextCursor : undefined;
            (context as Walk).next = next ? `/scim/v2/Users?cursor=${next}&count=100` : undefined;
          },
        },
      ],
    });
    // 32 walkers spread over the population, one per connection: each starts at its place (an
    // offset walk, in the warm-up) and then asks for the page after the one it was last answered,
    // across the warm-up and the measured run.
    const positions = [...walkers];
    let walkersTaken = 0;
    await scenario(`6d. pages of 100 walked in order by startIndex from ${concurrency} places, ${scaleUsers} users`, {
      requests: [
        {
          setupRequest: (req, context) => {
            const walk = context as Walk;
            walk.at ??= walkersTaken++ % positions.length;
            const at = positions[walk.at];
            positions[walk.at] = at + 100 >= scaleUsers ? 0 : at + 100;
            return { ...req, path: `/scim/v2/Users?startIndex=${at + 1}&count=100` };
          },
        },
      ],
    });

    // 5. Token endpoint.
    await scenario('5. token endpoint (client_credentials)', {
      url: `${base}/oauth2/server/token`,
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${admin.clientId}:${admin.clientSecret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=usersync',
    });

    // 4. Disable with ownership transfer: users with a boss and 10 resources each.
    const boss = (await call('POST', '/scim/v2/Users', { token, body: userBody('boss@bench.example') })).body.id;
    const idBoss = (
      await ds.query(`SELECT ${q('idUser')} AS "idUser" FROM ${table(ds, 'WFUser')} WHERE ${q('guidUser')} = ${placeholder(1)}`, [boss])
    )[0].idUser;
    const owners: { idUser: number; userName: string }[] = await ds
      .createQueryBuilder()
      .select('u.idUser', 'idUser')
      .addSelect('u.userName', 'userName')
      .from(WFUser, 'u')
      .where('u.idSubscription = :s AND u.userName LIKE :p', { s: idSubscription, p: 'seed-%' })
      .orderBy('u.idUser')
      .limit(disableUsers + 5)
      .getRawMany();
    // Only the users about to be disabled get the boss: updating every seeded row took minutes on PostgreSQL.
    await ds
      .createQueryBuilder()
      .update(WFUser)
      .set({ idBossUser: idBoss })
      .where('idUser IN (:...ids)', { ids: owners.map((o) => o.idUser) })
      .execute();
    const resources = owners.flatMap((o, n) =>
      Array.from({ length: n >= disableUsers ? 1000 : 10 }, (_, k) => ({
        guidResource: randomUUID(),
        idSubscription,
        kind: 'process',
        name: `r${k}`,
        idOwnerUser: o.idUser,
        createdAt: now,
        updatedAt: now,
      })),
    );
    for (let offset = 0; offset < resources.length; offset += insertBatch)
      await ds
        .createQueryBuilder()
        .insert()
        .into(Resource)
        .values(resources.slice(offset, offset + insertBatch))
        .execute();
    await analyze('WFUser', 'Resource');
    const queue = owners.slice(0, disableUsers).map((o) => o.userName);
    const disableCeilingRps = (await ceilingNow()).result.requests.average;
    const disableUsage = track(service.pid!);
    const disable = await autocannon({
      url: base,
      connections: 8,
      amount: queue.length,
      headers: { ...auth, 'Content-Type': 'application/scim+json' },
      requests: [
        {
          method: 'PATCH',
          setupRequest: (req) => ({
            ...req,
            path: `/scim/v2/Users/${queue.pop()}`,
            body: JSON.stringify({
              schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
              Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
            }),
          }),
        },
      ],
    });
    rows.push({
      scenario: `4. disable with transfer (10 resources each, ${disableUsers} users, concurrency 8)`,
      rps: disable.requests.average,
      ratio: disable.requests.average / disableCeilingRps,
      p50: disable.latency.p50,
      p99: disable.latency.p99,
      errors: disable.non2xx + disable.errors,
      ...disableUsage(disable.requests.total),
    });
    const single: number[] = [];
    for (const owner of owners.slice(disableUsers, disableUsers + 5)) {
      const t0 = process.hrtime.bigint();
      const res = await call('PATCH', `/scim/v2/Users/${owner.userName}`, {
        token,
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
        },
      });
      if (res.status !== 200) throw new Error(`disable failed: ${JSON.stringify(res.body)}`);
      single.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    single.sort((a, b) => a - b);
    rows.push({
      scenario: '4b. one disable moving 1,000 resources (median of 5)',
      rps: 0,
      ratio: null,
      p50: single[2],
      p99: single[4],
      errors: 0,
      note: 'ms per request',
    });
    // 7. The provisioning activity's cost: the cycle and PATCH again, the service restarted with the
    // activity recorded and then with none (ACTIVITY_RETENTION_DAYS=0), back to back.
    const activityCycle = Math.min(cycleUsers, 2000);
    for (const recorded of [true, false]) {
      const stopped = new Promise((resolve) => service.once('exit', resolve));
      service.kill();
      await stopped;
      service = startService(recorded ? {} : { ACTIVITY_RETENTION_DAYS: '0' });
      await waitFor(`${base}/health`);
      const label = recorded ? 'with the activity' : 'without the activity (ACTIVITY_RETENTION_DAYS=0)';
      const activityToken = (await tenant(`activity-${recorded}`)).token;
      await provision(activityToken, `warm-${recorded}`, cycleWarmupUsers);
      await cycle(`7. Entra ID cycle, ${activityCycle} users, ${label}`, activityToken, `activity-${recorded}`, activityCycle);
      await patches(`7. PATCH at ${scaleUsers} users, ${label}`);
    }
    await ds.destroy();

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    rows.unshift({
      scenario: `ceiling: Nest + bearer guard, constant JSON (median of ${ceilingRuns.length} runs, one before each scenario)`,
      rps: median(ceilingRuns.map((c) => c.result.requests.average)),
      ratio: 1,
      p50: median(ceilingRuns.map((c) => c.result.latency.p50)),
      p99: median(ceilingRuns.map((c) => c.result.latency.p99)),
      errors: ceilingRuns.reduce((n, c) => n + c.result.non2xx + c.result.errors, 0),
      cpuUsPerRequest: median(ceilingRuns.map((c) => c.cpuUsPerRequest)),
      peakRssMb: Math.max(...ceilingRuns.map((c) => c.peakRssMb)),
    });
    const rss = Math.max(...rows.map((r) => (r === rows[0] ? 0 : (r.peakRssMb ?? 0))));
    const result = {
      date: new Date().toISOString(),
      db,
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
      options: { scaleUsers, cycleUsers, duration, concurrency, quick },
      seedSeconds,
      peakRssMb: rss,
      rows,
    };
    printTable(result.rows, rss);
    console.log(`seeding ${scaleUsers - cycleUsers} users straight into the tables took ${seedSeconds.toFixed(0)} s`);
    for (const row of result.rows.filter((r) => r.profile)) printProfile(row);
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    const file = join(root, 'bench/results', `${result.date.slice(0, 10)}-${db}-${scaleUsers}${quick ? '-quick' : ''}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2));
    console.log(`\nwritten ${file}`);
  } finally {
    for (const p of processes) p.kill();
    await drop();
  }
}

const table = (ds: DataSource, name: string) => qualifiedTable(ds.driver, name);

function printProfile(row: Row) {
  console.log(`\nWhere the busy time went (CPU profiles), ${row.scenario}, beside the ceiling's run just before:\n`);
  console.log('| group | share | µs per request | ceiling µs per request |');
  console.log('|---|---:|---:|---:|');
  const ceiling = new Map((row.ceilingProfile ?? []).map((g) => [g.group, g.usPerRequest]));
  const fmt = (n: number | undefined) => (n === undefined ? '' : n.toFixed(0));
  for (const g of row.profile!) {
    console.log(`| ${g.group} | ${(100 * g.share).toFixed(1)} % | ${fmt(g.usPerRequest)} | ${fmt(ceiling.get(g.group))} |`);
  }
  const sum = (groups: ProfileGroup[] = []) => groups.reduce((n, g) => n + g.usPerRequest, 0);
  console.log(`| total busy | | ${sum(row.profile).toFixed(0)} | ${sum(row.ceilingProfile).toFixed(0)} |`);
}

function printTable(rows: Row[], rss: number) {
  const fmt = (n: number | null | undefined, digits = 0) => (n === null || n === undefined ? '' : n.toFixed(digits));
  console.log(`\n| scenario | req/s | ratio to ceiling | p50 ms | p99 ms | errors | CPU µs/req | peak RSS MB | note |`);
  console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---|`);
  for (const r of rows)
    console.log(
      `| ${r.scenario} | ${r.rps ? fmt(r.rps) : ''} | ${fmt(r.ratio, 2)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${r.errors} | ${fmt(r.cpuUsPerRequest)} | ${fmt(r.peakRssMb)} | ${r.note ?? ''} |`,
    );
  console.log(`\npeak RSS of the service: ${rss} MB`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
