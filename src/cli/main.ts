import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AppError } from '../common/errors/app-error';
import { ConfigError } from '../config/config.error';
import { loadConfig, loadDotEnv } from '../config/load-config';
import { BootstrapRefusedError, BootstrapService } from './bootstrap.service';
import { CliModule } from './cli.module';

const USAGE = `usage: npm run --silent cli -- bootstrap --company <name> --subscription <name> --admin <userName>
                                       [--email <address>] [--display-name <name>] [--json]

  bootstrap   create a company (or reuse it), a subscription, its admin user and an admin
              OAuth application (client_credentials, scopes "api usersync"); prints the
              client id and secret once. Refuses when the subscription already exists.
              --email is the admin's work email, required unless --admin is an address;
              --display-name defaults to --admin. The admin user passes the same checks
              as a user created over SCIM.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'bootstrap') {
    process.stderr.write(command && command !== 'help' && command !== '--help' ? `unknown command "${command}"\n${USAGE}` : USAGE);
    return command && command !== 'help' && command !== '--help' ? 2 : 0;
  }
  let options: { company?: string; subscription?: string; admin?: string; email?: string; 'display-name'?: string; json?: boolean };
  try {
    options = parseArgs({
      args: rest,
      options: {
        company: { type: 'string' },
        subscription: { type: 'string' },
        admin: { type: 'string' },
        email: { type: 'string' },
        'display-name': { type: 'string' },
        json: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const missing = (['company', 'subscription', 'admin'] as const).filter((name) => !options[name]?.trim());
  if (missing.length) {
    process.stderr.write(`missing ${missing.map((m) => `--${m}`).join(', ')}\n${USAGE}`);
    return 2;
  }
  loadDotEnv();
  const config = { ...loadConfig(), logLevel: 'error' as const };
  const email = options.email?.trim() || undefined;
  if (!email && !options.admin!.includes('@') && config.scim.requireEmail) {
    process.stderr.write(`missing --email: the admin user needs a work email (required unless --admin is an email address)\n${USAGE}`);
    return 2;
  }
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error'], abortOnError: false });
  try {
    const result = await app.get(BootstrapService).bootstrap({
      company: options.company!.trim(),
      subscription: options.subscription!.trim(),
      admin: options.admin!.trim(),
      email,
      displayName: options['display-name']?.trim() || undefined,
    });
    if (options.json) {
      process.stdout.write(JSON.stringify(result) + '\n');
    } else {
      process.stdout.write(
        [
          `Subscription "${result.subscription}" (${result.subscriptionId}) created; admin user ${result.adminUser}.`,
          `Admin application (scopes: api usersync):`,
          `  client id:     ${result.clientId}`,
          `  client secret: ${result.clientSecret}`,
          `The secret is shown only now; store it safely. Get a token with:`,
          `  curl -u '${result.clientId}:<secret>' -d grant_type=client_credentials http://localhost:${config.port}/oauth2/server/token`,
          '',
        ].join('\n'),
      );
    }
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof BootstrapRefusedError || error instanceof ConfigError || error instanceof AppError;
    process.stderr.write(`${known ? '' : 'bootstrap failed: '}${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
