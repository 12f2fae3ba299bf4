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
  failedAttemptsLimit: number;
  failedAttemptsWindowSeconds: number;
}

export interface AppConfig {
  port: number;
  host: string;
  /** Absolute base URL used in SCIM `meta.location`; derived from the request when absent. */
  publicBaseUrl?: string;
  trustProxy: boolean;
  logLevel: LogLevel;
  database: DatabaseConfig;
  scim: ScimConfig;
  oauth: OAuthConfig;
}
