import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from './config/app-config';

/** Everything the HTTP stack needs beyond the modules; the service and the e2e tests share it. */
export function setupApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', config.trustProxy);
  express.disable('x-powered-by');
  // Responses that carry an ETag set it from the resource version; no body-hash ETags elsewhere.
  express.set('etag', false);
  app.enableShutdownHooks();
}
