import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const CONSOLE_PATH = '/console';

/**
 * The built console (dist/console, made by `npm run build` from console/): found from the
 * package root, whether this file runs compiled (dist/src/…) or from source (tests).
 */
export function consoleDirectory(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'console');
}

/**
 * Serves the admin console at /console: static files only. The page talks to the service
 * through the public token endpoint and admin API, like any other client; its content security
 * policy is set in app.setup.ts.
 */
@Module({
  imports: [
    ServeStaticModule.forRoot({
      rootPath: consoleDirectory(),
      serveRoot: CONSOLE_PATH,
      serveStaticOptions: { index: ['index.html'], redirect: true, dotfiles: 'deny', fallthrough: true },
    }),
  ],
})
export class AdminConsoleModule {}
