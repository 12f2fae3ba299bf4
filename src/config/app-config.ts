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

export interface ScimConfig {
  maxPageSize: number;
  requireDisplayName: boolean;
  requireEmail: boolean;
  maxBodyBytes: number;
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
