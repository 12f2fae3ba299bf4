import 'reflect-metadata';
import { CanActivate, Controller, ExecutionContext, Get, Injectable, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { AuthGuard, PassportModule, PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';

/**
 * The framework's own ceiling on this machine: the same Nest + platform-express stack and the
 * same bearer-guard pattern (passport-http-bearer behind a global guard), answering a constant
 * JSON body with no database. Every throughput figure of the benchmark is a ratio to this.
 */
const TOKEN = process.env.CEILING_TOKEN ?? 'ceiling-token';

@Injectable()
class ConstantBearerStrategy extends PassportStrategy(Strategy, 'bearer') {
  validate(token: string) {
    return token === TOKEN ? { idSubscription: 1, scopes: ['usersync'] } : false;
  }
}

@Injectable()
class Guard extends AuthGuard('bearer') implements CanActivate {
  canActivate(context: ExecutionContext) {
    return super.canActivate(context);
  }
}

@Controller()
class CeilingController {
  @Get('ceiling')
  constant() {
    return {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    };
  }
}

@Module({
  imports: [PassportModule],
  controllers: [CeilingController],
  providers: [ConstantBearerStrategy, { provide: APP_GUARD, useClass: Guard }],
})
class CeilingModule {}

async function main() {
  const app = await NestFactory.create(CeilingModule, { logger: false });
  await app.listen(Number(process.env.PORT ?? 3499), '127.0.0.1');
  process.stdout.write('ready\n');
}

void main();
