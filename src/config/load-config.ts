import { existsSync } from 'node:fs';
import { AppConfig, DATABASE_TYPES, DEFAULT_REQUEST_LIMITS, DatabaseConfig, DatabaseType, LOG_LEVELS, LogLevel } from './app-config';
import { ConfigError } from './config.error';

type Env = Record<string, string | undefined>;

const DEFAULT_PORTS: Record<DatabaseType, number | undefined> = { sqlite: undefined, postgres: 5432, mssql: 1433 };
const URL_PROTOCOLS: Record<string, DatabaseType> = {
  'postgres:': 'postgres',
  'postgresql:': 'postgres',
  'mssql:': 'mssql',
  'sqlserver:': 'mssql',
};

/** Loads `.env` from the working directory when present; real environment variables win. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) {
    process.loadEnvFile(file);
  }
}

/** Reads and validates every setting at once; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const database = loadDatabaseConfig(env);
  const tokenCacheSeconds = int(env, 'OAUTH_TOKEN_CACHE_SECONDS', 5, 0, 5);
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: str(env, 'HOST') ?? '0.0.0.0',
    publicBaseUrl: baseUrl(env, 'PUBLIC_BASE_URL'),
    allowedHosts: hostList(env, 'ALLOWED_HOSTS'),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    shutdownTimeoutSeconds: int(env, 'SHUTDOWN_TIMEOUT_SECONDS', 10, 0, 3600),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info') as LogLevel,
    database,
    scim: {
      maxPageSize: int(env, 'SCIM_MAX_PAGE_SIZE', 500, 1, 10000),
      requireDisplayName: bool(env, 'SCIM_REQUIRE_DISPLAY_NAME', true),
      requireEmail: bool(env, 'SCIM_REQUIRE_EMAIL', true),
      maxBodyBytes: int(env, 'SCIM_MAX_BODY_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
      limits: {
        filterLength: int(env, 'SCIM_MAX_FILTER_LENGTH', DEFAULT_REQUEST_LIMITS.filterLength, 256, 65536),
        filterTerms: int(env, 'SCIM_MAX_FILTER_TERMS', DEFAULT_REQUEST_LIMITS.filterTerms, 1, 1000),
        patchOperations: int(env, 'SCIM_MAX_PATCH_OPERATIONS', DEFAULT_REQUEST_LIMITS.patchOperations, 1, 10000),
        membersPerRequest: int(env, 'SCIM_MAX_MEMBERS_PER_REQUEST', DEFAULT_REQUEST_LIMITS.membersPerRequest, 1, 10000),
      },
    },
    oauth: {
      tokenCacheSeconds,
      failedAttemptsLimit: int(env, 'OAUTH_FAILED_ATTEMPTS_LIMIT', 10, 1, 100000),
      failedAttemptsWindowSeconds: int(env, 'OAUTH_FAILED_ATTEMPTS_WINDOW_SECONDS', 60, 1, 86400),
      allowNonExpiringApi: bool(env, 'OAUTH_ALLOW_NON_EXPIRING_API', true),
    },
    rateLimits: {
      redisUrl: redisUrl(env, 'REDIS_URL'),
      failedAuthPerSource: int(env, 'AUTH_FAILURES_PER_SOURCE_LIMIT', 100, 1, 1000000),
      scimPerSecond: int(env, 'SCIM_RATE_LIMIT_PER_SECOND', 250, 0, 100000),
      apiPerSecond: int(env, 'API_RATE_LIMIT_PER_SECOND', 50, 0, 100000),
    },
    activity: { retentionDays: int(env, 'ACTIVITY_RETENTION_DAYS', 30, 0, 3650) },
    metrics: {
      token: metricsToken(env, 'METRICS_TOKEN'),
      port: env.METRICS_PORT?.trim() ? int(env, 'METRICS_PORT', 0, 1, 65535) : undefined,
    },
  };
}

/** A bearer value is a secret: long enough not to be guessed. */
function metricsToken(env: Env, name: string): string | undefined {
  const value = str(env, name);
  if (value !== undefined && (value.length < 32 || value.length > 512 || !/^[\x21-\x7e]+$/.test(value))) {
    throw new ConfigError(name, 'must be 32 to 512 printable characters without spaces (for example: openssl rand -hex 32)');
  }
  return value;
}

function loadDatabaseConfig(env: Env): DatabaseConfig {
  const url = str(env, 'DB_URL');
  const parsed = url ? parseDatabaseUrl(url) : undefined;
  const explicitType = str(env, 'DB_TYPE');
  const type = (explicitType ? oneOf(env, 'DB_TYPE', DATABASE_TYPES, 'sqlite') : (parsed?.type ?? 'sqlite')) as DatabaseType;
  if (parsed && parsed.type !== type) {
    throw new ConfigError('DB_URL', `is a ${parsed.type} URL but DB_TYPE is ${type}`);
  }
  if (type === 'sqlite' && url) {
    throw new ConfigError('DB_URL', 'is not used with DB_TYPE=sqlite; set DB_PATH for the database file');
  }
  const config: DatabaseConfig = {
    type,
    path: str(env, 'DB_PATH') ?? './data/usersync.sqlite',
    host: str(env, 'DB_HOST') ?? parsed?.host,
    port: env.DB_PORT ? int(env, 'DB_PORT', 0, 1, 65535) : (parsed?.port ?? DEFAULT_PORTS[type]),
    username: str(env, 'DB_USERNAME') ?? parsed?.username,
    password: str(env, 'DB_PASSWORD') ?? parsed?.password,
    database: str(env, 'DB_NAME') ?? parsed?.database,
    schema: identifier(env, 'DB_SCHEMA') ?? parsed?.schema,
    encrypt: bool(env, 'DB_ENCRYPT', parsed?.encrypt ?? true),
    trustServerCertificate: bool(env, 'DB_TRUST_SERVER_CERTIFICATE', parsed?.trustServerCertificate ?? false),
    poolSize: int(env, 'DB_POOL_SIZE', 10, 1, 1000),
    migrationsRun: bool(env, 'DB_MIGRATIONS_RUN', true),
    statementTimeoutMs: int(env, 'DB_STATEMENT_TIMEOUT_MS', 20000, 100, 600000),
    connectTimeoutSeconds: int(env, 'DB_CONNECT_TIMEOUT_SECONDS', 30, 0, 3600),
  };
  if (type !== 'sqlite') {
    if (!config.host) throw new ConfigError(type === 'postgres' ? 'DB_HOST' : 'DB_HOST', `is required for DB_TYPE=${type} (or set DB_URL)`);
    if (!config.database) throw new ConfigError('DB_NAME', `is required for DB_TYPE=${type} (or give it as the path of DB_URL)`);
  }
  return config;
}

interface ParsedUrl {
  type: DatabaseType;
  host: string;
  port?: number;
  username?: string;
  password?: string;
  database?: string;
  schema?: string;
  encrypt?: boolean;
  trustServerCertificate?: boolean;
}

/** `postgres://user:pass@host:5432/db?schema=s` or `mssql://user:pass@host:1433/db?encrypt=false&trustServerCertificate=true`. */
export function parseDatabaseUrl(value: string): ParsedUrl {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('DB_URL', 'is not a valid URL (expected e.g. postgres://user:password@host:5432/database)');
  }
  const type = URL_PROTOCOLS[url.protocol];
  if (!type) {
    throw new ConfigError('DB_URL', `has scheme "${url.protocol.replace(':', '')}"; allowed: postgres, postgresql, mssql, sqlserver`);
  }
  if (!url.hostname) throw new ConfigError('DB_URL', 'has no host');
  const port = url.port ? Number(url.port) : undefined;
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || undefined;
  const flag = (name: string): boolean | undefined => {
    const raw = url.searchParams.get(name);
    if (raw === null) return undefined;
    const parsed = parseBool(raw);
    if (parsed === undefined) throw new ConfigError('DB_URL', `parameter ${name} must be true or false`);
    return parsed;
  };
  const schema = url.searchParams.get('schema') ?? undefined;
  if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigError('DB_URL', 'parameter schema must be a plain identifier');
  }
  return {
    type,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database,
    schema,
    encrypt: flag('encrypt'),
    trustServerCertificate: flag('trustServerCertificate'),
  };
}

function str(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function parseBool(raw: string): boolean | undefined {
  const value = raw.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  return undefined;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  const value = parseBool(raw);
  if (value === undefined) throw new ConfigError(name, `must be true or false (got "${raw}")`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!allowed.includes(raw as T)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

function identifier(env: Env, name: string): string | undefined {
  const raw = str(env, name);
  if (raw !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(raw)) {
    throw new ConfigError(name, `must be a plain identifier (letters, digits, underscore; got "${raw}")`);
  }
  return raw;
}

/** An absolute URL with one of `schemes`; the value is quoted in the error without its credentials. */
function url(env: Env, name: string, schemes: readonly string[], expected: string): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  let protocol = '';
  try {
    protocol = new URL(raw).protocol;
  } catch {
    /* reported below */
  }
  if (!schemes.includes(protocol)) throw new ConfigError(name, `must be ${expected} (got "${raw.replace(/\/\/[^@/]*@/, '//…@')}")`);
  return raw;
}

function baseUrl(env: Env, name: string): string | undefined {
  return url(env, name, ['http:', 'https:'], 'an absolute http(s) URL')?.replace(/\/+$/, '');
}

function hostList(env: Env, name: string): string[] {
  const raw = str(env, name);
  if (raw === undefined) return [];
  const hosts = raw
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const bad = hosts.find((h) => !/^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/.test(h));
  if (bad) throw new ConfigError(name, `must list host names (host or host:port, comma-separated; got "${bad}")`);
  return hosts;
}

function redisUrl(env: Env, name: string): string | undefined {
  return url(env, name, ['redis:', 'rediss:'], 'a redis:// or rediss:// URL');
}
