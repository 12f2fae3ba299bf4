import { ConfigError } from '../../src/config/config.error';
import { loadConfig } from '../../src/config/load-config';

describe(loadConfig.name, () => {
  it('defaults to SQLite in ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toMatchObject({ type: 'sqlite', path: './data/usersync.sqlite', migrationsRun: true });
  });

  it('reads a PostgreSQL URL into discrete settings', () => {
    const { database } = loadConfig({ DB_URL: 'postgres://app:s%40cret@db.example:6543/usersync?schema=scim' });
    expect(database).toMatchObject({
      type: 'postgres',
      host: 'db.example',
      port: 6543,
      username: 'app',
      password: 's@cret',
      database: 'usersync',
      schema: 'scim',
    });
  });

  it('reads a SQL Server URL with its transport flags', () => {
    const { database } = loadConfig({ DB_TYPE: 'mssql', DB_URL: 'mssql://sa:pw@sql:1433/wf?encrypt=false&trustServerCertificate=true' });
    expect(database).toMatchObject({ type: 'mssql', port: 1433, encrypt: false, trustServerCertificate: true, database: 'wf' });
  });

  it('lets discrete variables win over the URL', () => {
    const { database } = loadConfig({ DB_URL: 'postgres://a:b@h/db', DB_HOST: 'other', DB_NAME: 'x' });
    expect(database).toMatchObject({ host: 'other', database: 'x', port: 5432 });
  });

  it('reads the request limits an operator may change, with their defaults', () => {
    expect(loadConfig({}).scim).toMatchObject({
      maxBodyBytes: 1048576,
      limits: { filterLength: 4096, filterTerms: 100, patchOperations: 1000, membersPerRequest: 1000 },
    });
    const { scim } = loadConfig({
      SCIM_MAX_BODY_BYTES: '4194304',
      SCIM_MAX_FILTER_LENGTH: '8192',
      SCIM_MAX_FILTER_TERMS: '200',
      SCIM_MAX_PATCH_OPERATIONS: '5000',
      SCIM_MAX_MEMBERS_PER_REQUEST: '5000',
    });
    expect(scim).toMatchObject({
      maxBodyBytes: 4194304,
      limits: { filterLength: 8192, filterTerms: 200, patchOperations: 5000, membersPerRequest: 5000 },
    });
  });

  it('reads the security settings, with their defaults', () => {
    expect(loadConfig({})).toMatchObject({
      allowedHosts: [],
      shutdownTimeoutSeconds: 10,
      database: { connectTimeoutSeconds: 30 },
      oauth: { allowNonExpiringApi: true },
      rateLimits: { redisUrl: undefined, failedAuthPerSource: 100, scimPerSecond: 250, apiPerSecond: 50 },
    });
    expect(
      loadConfig({
        ALLOWED_HOSTS: 'Usersync.Contoso.com, localhost:3000',
        REDIS_URL: 'redis://:pw@cache:6379/2',
        SCIM_RATE_LIMIT_PER_SECOND: '0',
      }),
    ).toMatchObject({
      allowedHosts: ['usersync.contoso.com', 'localhost:3000'],
      rateLimits: { redisUrl: 'redis://:pw@cache:6379/2', scimPerSecond: 0 },
    });
  });

  it.each([
    [{ ALLOWED_HOSTS: 'https://x.example' }, 'ALLOWED_HOSTS must list host names'],
    [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL'],
    [{ OAUTH_ALLOW_NON_EXPIRING_API: 'sometimes' }, 'OAUTH_ALLOW_NON_EXPIRING_API must be true or false'],
    [{ SHUTDOWN_TIMEOUT_SECONDS: '-1' }, 'SHUTDOWN_TIMEOUT_SECONDS must be a whole number'],
    [{ SCIM_MAX_FILTER_TERMS: '0' }, 'SCIM_MAX_FILTER_TERMS must be a whole number from 1 to 1000'],
    [{ SCIM_MAX_FILTER_LENGTH: '100000' }, 'SCIM_MAX_FILTER_LENGTH must be a whole number from 256 to 65536'],
    [{ SCIM_MAX_PATCH_OPERATIONS: '-1' }, 'SCIM_MAX_PATCH_OPERATIONS must be a whole number'],
    [{ SCIM_MAX_MEMBERS_PER_REQUEST: '1e4' }, 'SCIM_MAX_MEMBERS_PER_REQUEST must be a whole number'],
    [{ SCIM_MAX_BODY_BYTES: '1' }, 'SCIM_MAX_BODY_BYTES must be a whole number from 1024 to 67108864'],
    [{ DB_TYPE: 'nosuch' }, 'DB_TYPE must be one of sqlite, postgres, mssql (got "nosuch")'],
    [{ DB_URL: 'not a url' }, 'DB_URL is not a valid URL'],
    [{ DB_URL: 'mysql://h/db' }, 'DB_URL has scheme "mysql"'],
    [{ DB_TYPE: 'mssql', DB_URL: 'postgres://h/db' }, 'DB_URL is a postgres URL but DB_TYPE is mssql'],
    [{ DB_TYPE: 'postgres' }, 'DB_HOST is required for DB_TYPE=postgres'],
    [{ DB_TYPE: 'postgres', DB_HOST: 'h' }, 'DB_NAME is required'],
    [{ PORT: 'eighty' }, 'PORT must be a whole number from 0 to 65535 (got "eighty")'],
    [{ PORT: '70000' }, 'PORT must be a whole number'],
    [{ DB_MIGRATIONS_RUN: 'maybe' }, 'DB_MIGRATIONS_RUN must be true or false'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ DB_SCHEMA: 'x; drop table' }, 'DB_SCHEMA must be a plain identifier'],
    [{ OAUTH_TOKEN_CACHE_SECONDS: '60' }, 'OAUTH_TOKEN_CACHE_SECONDS must be a whole number from 0 to 5'],
    [{ PUBLIC_BASE_URL: 'ftp://x' }, 'PUBLIC_BASE_URL must be an absolute http(s) URL'],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
