import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppConfig } from './config/app-config';

/** Everything the HTTP stack needs beyond the modules; the service and the e2e tests share it. */
export function setupApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', config.trustProxy);
  express.disable('x-powered-by');
  // Responses that carry an ETag set it from the resource version; no body-hash ETags elsewhere.
  express.set('etag', false);
  // Security headers for an API (helmet): nothing of an answer may run or be framed. The
  // OpenAPI page under /api/docs keeps helmet's default policy, which lets its own scripts run.
  const apiHeaders = helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } });
  const pageHeaders = helmet();
  express.use((req: Request, res: Response, next: NextFunction) => {
    // Answers carry tenant data, secrets and tokens: no cache keeps them.
    res.setHeader('Cache-Control', 'no-store');
    return (req.path.startsWith('/api/docs') ? pageHeaders : apiHeaders)(req, res, next);
  });
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
}
