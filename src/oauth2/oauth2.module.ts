import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { AccessToken } from '../auth/entities/access-token.entity';
import { OAuthApplication } from '../auth/entities/oauth-application.entity';
import { TenancyModule } from '../tenancy/tenancy.module';
import { UsersModule } from '../users/users.module';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { OAuthApplicationRepository } from './oauth-application.repository';
import { OAuthErrorWriter } from './oauth-error-writer';
import { TokenController } from './token.controller';
import { TokenService } from './token.service';

/** The token endpoint and the admin API of OAuth applications (the credentials auth checks). */
@Module({
  imports: [TypeOrmModule.forFeature([OAuthApplication, AccessToken]), AuthModule, UsersModule, TenancyModule],
  controllers: [TokenController, ApplicationsController],
  providers: [OAuthApplicationRepository, OAuthErrorWriter, TokenService, ApplicationsService],
  exports: [ApplicationsService, OAuthApplicationRepository],
})
export class OAuth2Module {}
