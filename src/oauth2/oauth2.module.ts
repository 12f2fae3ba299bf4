import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenancyModule } from '../tenancy/tenancy.module';
import { UsersModule } from '../users/users.module';
import { ApplicationUsage } from './application-usage';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { BearerStrategy } from './auth/bearer.strategy';
import { RateLimits } from './auth/rate-limits';
import { RequestRateGuard } from './auth/request-rate.guard';
import { ScopesGuard } from './auth/scopes.guard';
import { AccessToken } from './entities/access-token.entity';
import { OAuthApplication } from './entities/oauth-application.entity';
import { OAuthApplicationRepository } from './oauth-application.repository';
import { OAuthErrorWriter } from './oauth-error-writer';
import { TokenResolverService } from './token-resolver.service';
import { TokenController } from './token.controller';
import { TokenService } from './token.service';

@Module({
  imports: [TypeOrmModule.forFeature([OAuthApplication, AccessToken]), PassportModule, UsersModule, TenancyModule],
  controllers: [TokenController, ApplicationsController],
  providers: [
    OAuthApplicationRepository,
    OAuthErrorWriter,
    TokenResolverService,
    ApplicationUsage,
    TokenService,
    RateLimits,
    ApplicationsService,
    BearerStrategy,
    // Order matters: authenticate first, then check scopes.
    { provide: APP_GUARD, useClass: BearerAuthGuard },
    { provide: APP_GUARD, useClass: ScopesGuard },
    { provide: APP_GUARD, useClass: RequestRateGuard },
  ],
  exports: [ApplicationsService, OAuthApplicationRepository],
})
export class OAuth2Module {}
