import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { setupApp } from './app.setup';
import { JsonLogger } from './common/logging/json-logger';
import { AppConfig } from './config/app-config';
import { ConfigError } from './config/config.error';
import { loadConfig, loadDotEnv } from './config/load-config';
import { stopGracefully } from './shutdown';

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
    // Quiet while starting: a failure is the one line below, not the framework's stack traces.
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
      logger: false,
      bodyParser: false,
      abortOnError: false,
    });
    app.useLogger(logger);
    setupApp(app, config);
    await app.listen(config.port, config.host);
    stopGracefully(app, logger, config.shutdownTimeoutSeconds);
    const bound = app.getHttpServer().address() as AddressInfo;
    const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
    logger.lifecycle('listening', { url: `http://${host}:${bound.port}`, database: config.database.type });
  } catch (error) {
    process.stderr.write(`usersync could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

void bootstrap();
