/**
 * Reads a V8 .cpuprofile of the service and says where its busy time went, in groups an
 * operator can act on: the HTTP framework, Nest, passport, TypeORM, SQLite's own execution,
 * usersync's modules, garbage collection and Node's HTTP and socket code.
 */

interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileGroup {
  group: string;
  share: number;
  usPerRequest: number;
}

const FRAMEWORK = new Set([
  'express',
  'router',
  'body-parser',
  'raw-body',
  'type-is',
  'parseurl',
  'on-finished',
  'path-to-regexp',
  'finalhandler',
  'content-type',
  'mime-types',
  'mime-db',
  'qs',
  'iconv-lite',
  'send',
  'encodeurl',
  'escape-html',
  'debug',
  'depd',
  'statuses',
  'vary',
  'cookie',
  'accepts',
  'negotiator',
  'http-errors',
  'media-typer',
  'forwarded',
  'proxy-addr',
  'ipaddr.js',
  'safe-buffer',
  'bytes',
]);

function groupOf(frame: CallFrame): string | null {
  const { functionName, url } = frame;
  if (functionName === '(garbage collector)') return 'garbage collection';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  // better-sqlite3 runs statements synchronously inside TypeORM's query runner: that frame's own time is SQLite's.
  if (pkg === 'typeorm' && functionName === 'query' && url.includes('BetterSqlite3QueryRunner'))
    return 'SQLite executing statements (native)';
  if (pkg === 'typeorm') return 'TypeORM';
  if (pkg === 'pg' || pkg === 'pg-protocol' || pkg === 'mssql' || pkg === 'tedious') return 'database driver';
  if (pkg === 'passport' || pkg === 'passport-http-bearer' || pkg === '@nestjs/passport' || pkg === 'passport-strategy') return 'passport';
  if (pkg?.startsWith('@nestjs/') || pkg === 'rxjs' || pkg === 'reflect-metadata') return 'Nest (router glue, guards, pipes)';
  if (pkg && FRAMEWORK.has(pkg)) return 'Express, its router and body parsers';
  const module = /\/dist\/src\/([^/]+)\//.exec(url)?.[1];
  if (module) return `usersync ${module}`;
  if (pkg) return `other packages (${pkg})`;
  if (url.startsWith('node:')) return "Node's HTTP, sockets, streams and crypto";
  return 'other';
}

/**
 * The group a sample counts for. V8's built-ins and native calls (JSON.stringify, a socket
 * write, a regular expression) have no script of their own: they count for the code that
 * called them.
 */
function sampleGroup(node: ProfileNode, parentOf: Map<number, ProfileNode>): string | null {
  const name = node.callFrame.functionName;
  if (name === '(idle)' || name === '(program)' || name === '(root)') return null;
  let current: ProfileNode | undefined = node;
  while (current && !current.callFrame.url && current.callFrame.functionName !== '(garbage collector)') current = parentOf.get(current.id);
  return current ? groupOf(current.callFrame) : "Node's HTTP, sockets, streams and crypto";
}

/** Busy time by group, largest first; idle time is left out. */
export function summarizeProfile(profile: CpuProfile, requests: number): ProfileGroup[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
  const totals = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const group = sampleGroup(byId.get(id)!, parentOf);
    if (group === null) return;
    const micros = profile.timeDeltas[i] ?? 0;
    busy += micros;
    totals.set(group, (totals.get(group) ?? 0) + micros);
  });
  // Packages outside the named groups are too small to list one by one.
  const merged = new Map<string, number>();
  for (const [group, micros] of totals) {
    const key = group.startsWith('other packages') && micros / busy < 0.01 ? 'other' : group;
    merged.set(key, (merged.get(key) ?? 0) + micros);
  }
  return [...merged]
    .map(([group, micros]) => ({ group, share: micros / busy, usPerRequest: micros / Math.max(1, requests) }))
    .filter((g) => g.share >= 0.001)
    .sort((a, b) => b.share - a.share);
}
