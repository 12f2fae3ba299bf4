import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { JsonLogger } from './json-logger';
import { APP_LOGGER } from './logger.tokens';
import { RequestLoggingMiddleware } from './request-logging.middleware';

@Global()
@Module({
  providers: [
    { provide: APP_LOGGER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new JsonLogger(config.logLevel) },
    RequestLoggingMiddleware,
  ],
  exports: [APP_LOGGER, RequestLoggingMiddleware],
})
export class LoggingModule {}
