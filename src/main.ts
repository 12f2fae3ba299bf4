import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { setupApp } from './app.setup';
import { JsonLogger } from './common/logging/json-logger';
import { AppConfig } from './config/app-config';
import { ConfigError } from './config/config.error';
import { loadConfig, loadDotEnv } from './config/load-config';

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (error) {
    // One clear line, no stack: the operator has a setting to fix.
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const logger = new JsonLogger(config.logLevel);
  try {
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
      logger,
      bodyParser: false,
      abortOnError: false,
    });
    setupApp(app, config);
    await app.listen(config.port, config.host);
    logger.event('info', 'listening', { url: await app.getUrl(), database: config.database.type });
  } catch (error) {
    process.stderr.write(`usersync could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

void bootstrap();
