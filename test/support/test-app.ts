import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { BootstrapModule } from '../../src/cli/bootstrap.module';
import { setupApp } from '../../src/app.setup';
import { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

/** Boots the whole AppModule, through the real HTTP stack, on a fresh database. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase();
  // Tests send bursts no provisioning client sends (hundreds of writes in one second): the request
  // rates are off unless a test sets them (security.e2e-spec.ts does).
  const loaded = loadConfig({ LOG_LEVEL: 'silent', SCIM_RATE_LIMIT_PER_SECOND: '0', API_RATE_LIMIT_PER_SECOND: '0', ...env });
  // The test database decides where the data lives; the environment may still tune how it is used.
  const config: AppConfig = { ...loaded, database: { ...database.config, statementTimeoutMs: loaded.database.statementTimeoutMs } };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config), BootstrapModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false, bodyParser: false });
  setupApp(app, config);
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    dataSource: app.get(DataSource),
    config,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** A test app for one test: booted with `env`, closed afterwards whatever `use` does. */
export async function withTestApp<T>(env: Record<string, string>, use: (t: TestApp) => Promise<T>): Promise<T> {
  const t = await createTestApp(env);
  try {
    return await use(t);
  } finally {
    await t.close();
  }
}
