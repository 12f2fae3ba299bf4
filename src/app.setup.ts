import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { CONSOLE_PATH } from './admin-console/admin-console.module';
import { AppConfig } from './config/app-config';
import { addScimComponents } from './scim/scim-openapi';

/** Everything the HTTP stack needs beyond the modules; the service and the e2e tests share it. */
export function setupApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', config.trustProxy);
  express.disable('x-powered-by');
  // Responses that carry an ETag set it from the resource version; no body-hash ETags elsewhere.
  express.set('etag', false);
  // Security headers for an API (helmet): nothing of an answer may run or be framed. The
  // OpenAPI page under /api/docs keeps helmet's default policy, which lets its own scripts run;
  // the console under /console runs its own files only: no inline script or style, no other origin.
  const apiHeaders = helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } });
  const pageHeaders = helmet();
  const consoleHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  express.use((req: Request, res: Response, next: NextFunction) => {
    // Answers carry tenant data, secrets and tokens: no cache keeps them.
    res.setHeader('Cache-Control', 'no-store');
    const headers = req.path.startsWith('/api/docs') ? pageHeaders : req.path.startsWith(CONSOLE_PATH) ? consoleHeaders : apiHeaders;
    return headers(req, res, next);
  });
  express.useBodyParser('json', {
    type: ['application/json', 'application/scim+json', 'application/*+json'],
    limit: config.scim.maxBodyBytes,
  });
  express.useBodyParser('urlencoded', { extended: false, limit: '16kb' });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('usersync')
      .setDescription(
        'SCIM 2.0 provisioning under /scim/v2 (resources are described by /scim/v2/Schemas), the OAuth 2.0 token endpoint, and the admin API under /api. Every /api route takes a token of scope api whose user holds the admin permission.',
      )
      .setVersion(process.env.npm_package_version ?? '1')
      .addServer(config.publicBaseUrl ?? '/')
      // Tokens are opaque random strings, not JWTs.
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description: 'An access token, or the secret of a bearer_token application',
      })
      .addBasicAuth({ type: 'http', scheme: 'basic', description: 'client_id and client_secret of an application' }, 'client_basic')
      .build(),
  );
  addScimComponents(document);
  markPublicOperations(document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

/** An operation that names no security scheme is public (health): say so, rather than leave it unstated. */
function markPublicOperations(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation && !operation.security) operation.security = [];
    }
  }
}
