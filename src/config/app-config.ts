export type DatabaseType = 'sqlite' | 'postgres' | 'mssql';
export const DATABASE_TYPES: readonly DatabaseType[] = ['sqlite', 'postgres', 'mssql'];

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export interface DatabaseConfig {
  type: DatabaseType;
  /** SQLite file path (sqlite only). */
  path: string;
  host?: string;
  port?: number;
  username?: string;
  /** Sensitive: never logged. */
  password?: string;
  database?: string;
  /** Schema for every table (postgres, mssql); the database default when absent. */
  schema?: string;
  /** SQL Server transport encryption. */
  encrypt: boolean;
  trustServerCertificate: boolean;
  poolSize: number;
  migrationsRun: boolean;
  /** Longest a statement may run before it is cancelled and the request answered 503 (postgres, mssql). */
  statementTimeoutMs: number;
  /** How long the service keeps trying to reach the database at start. */
  connectTimeoutSeconds: number;
}

/**
 * Bounds on one SCIM request that an operator may change (SCIM_MAX_FILTER_LENGTH,
 * SCIM_MAX_FILTER_TERMS, SCIM_MAX_PATCH_OPERATIONS, SCIM_MAX_MEMBERS_PER_REQUEST).
 */
export interface RequestLimits {
  /** Characters of a SCIM filter. */
  filterLength: number;
  /** Comparisons (`eq`, `pr`, …) in one filter, value filters included. */
  filterTerms: number;
  /** Operations of one SCIM PATCH. */
  patchOperations: number;
  /** Members one group request names (POST, PUT, or all of a PATCH's member operations). */
  membersPerRequest: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  filterLength: 4096,
  filterTerms: 100,
  patchOperations: 1000,
  membersPerRequest: 1000,
};

export interface ScimConfig {
  maxPageSize: number;
  requireDisplayName: boolean;
  requireEmail: boolean;
  maxBodyBytes: number;
  limits: RequestLimits;
}

export interface OAuthConfig {
  /** Seconds an in-process cache may remember a resolved bearer token (0 = every request asks the database). */
  tokenCacheSeconds: number;
  /** Failed client authentications for one client id from one source address per window. */
  failedAttemptsLimit: number;
  failedAttemptsWindowSeconds: number;
  /** Whether an application with the `api` scope may hold credentials that never expire. */
  allowNonExpiringApi: boolean;
}

/** Request rates; counters live in memory, or in Redis shared by every instance. */
export interface RateLimitConfig {
  /** Redis holding the counters of every instance; in memory (per instance) when absent. */
  redisUrl?: string;
  /** Failed authentications (token endpoint or bearer) from one source address per window. */
  failedAuthPerSource: number;
  /** Requests per second of one subscription on /scim/v2 (0: unlimited). */
  scimPerSecond: number;
  /** Requests per second of one application on /api (0: unlimited). */
  apiPerSecond: number;
}

/** Provisioning activity (GET /api/activity). */
export interface ActivityConfig {
  /** Days a row is kept before the background purge removes it. */
  retentionDays: number;
}

/** `/metrics` in Prometheus format; served only when one of the two is set. */
export interface MetricsConfig {
  /** Bearer value a scraper sends to `/metrics` on the service's own port. Sensitive: never logged. */
  token?: string;
  /** A port of its own serving `/metrics` without a token (reach it only from the monitoring network). */
  port?: number;
}

export interface AppConfig {
  port: number;
  host: string;
  /** Absolute base URL used in SCIM `meta.location` and `Location`. */
  publicBaseUrl?: string;
  /** Host names a request may name for its own base URL when PUBLIC_BASE_URL is not set. */
  allowedHosts: string[];
  trustProxy: boolean;
  /** Longest a stop waits for requests in flight. */
  shutdownTimeoutSeconds: number;
  logLevel: LogLevel;
  database: DatabaseConfig;
  scim: ScimConfig;
  oauth: OAuthConfig;
  rateLimits: RateLimitConfig;
  activity: ActivityConfig;
  metrics: MetricsConfig;
}
