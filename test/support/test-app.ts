import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
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
  const loaded = loadConfig({ LOG_LEVEL: 'silent', ...env });
  // The test database decides where the data lives; the environment may still tune how it is used.
  const config: AppConfig = { ...loaded, database: { ...database.config, statementTimeoutMs: loaded.database.statementTimeoutMs } };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
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
