import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from './config/app-config';

/** Everything the HTTP stack needs beyond the modules; the service and the e2e tests share it. */
export function setupApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', config.trustProxy);
  express.disable('x-powered-by');
  // Responses that carry an ETag set it from the resource version; no body-hash ETags elsewhere.
  express.set('etag', false);
  express.useBodyParser('json', {
    type: ['application/json', 'application/scim+json', 'application/*+json'],
    limit: config.scim.maxBodyBytes,
  });
  express.useBodyParser('urlencoded', { extended: false, limit: '16kb' });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('usersync admin API')
      .setDescription('OAuth 2.0 applications, tenancy and the token endpoint. SCIM 2.0 lives under /scim/v2 (see /scim/v2/Schemas).')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  app.enableShutdownHooks();
}
