import { Module } from '@nestjs/common';
import { OAuth2Module } from '../oauth2/oauth2.module';
import { ScimModule } from '../scim/scim.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { UsersModule } from '../users/users.module';
import { BootstrapService } from './bootstrap.service';

/** The first credential of a company (see BootstrapService): the CLI's, and the test harness's beside the service. */
@Module({
  imports: [TenancyModule, UsersModule, OAuth2Module, ScimModule],
  providers: [BootstrapService],
  exports: [BootstrapService],
})
export class BootstrapModule {}
