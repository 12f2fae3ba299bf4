import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
import { ApplicationUsage } from './application-usage';
import { BearerAuthGuard } from './bearer-auth.guard';
import { BearerStrategy } from './bearer.strategy';
import { AccessToken } from './entities/access-token.entity';
import { OAuthApplication } from './entities/oauth-application.entity';
import { RateLimits } from './rate-limits';
import { RequestRateGuard } from './request-rate.guard';
import { ScopesGuard } from './scopes.guard';
import { TokenResolverService } from './token-resolver.service';

/**
 * Who is calling: the bearer strategy turns a presented token into a Principal, and the global
 * guards let a request through only with the scopes (and admin permission) its route declares
 * and within its rate. The credentials themselves (applications, tokens) are stored here too;
 * issuing and managing them is the oauth2 module's work. Every feature depends on this module;
 * it depends on nothing but config, database and users.
 */
@Module({
  imports: [TypeOrmModule.forFeature([OAuthApplication, AccessToken]), PassportModule, UsersModule],
  providers: [
    TokenResolverService,
    ApplicationUsage,
    RateLimits,
    BearerStrategy,
    // Order matters: authenticate first, then check scopes, then the rate.
    { provide: APP_GUARD, useClass: BearerAuthGuard },
    { provide: APP_GUARD, useClass: ScopesGuard },
    { provide: APP_GUARD, useClass: RequestRateGuard },
  ],
  exports: [TokenResolverService, ApplicationUsage, RateLimits],
})
export class AuthModule {}
