import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { MetricsModule } from '../metrics/metrics.module';
import { ErrorsModule } from '../common/errors/error-writers';
import { LoggingModule } from '../common/logging/logging.module';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { OAuth2Module } from '../oauth2/oauth2.module';
import { OwnershipModule } from '../ownership/ownership.module';
import { ScimModule } from '../scim/scim.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { UsersModule } from '../users/users.module';
import { BootstrapService } from './bootstrap.service';

@Module({})
export class CliModule {
  static forRoot(config: AppConfig) {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        ErrorsModule,
        DatabaseModule,
        MetricsModule,
        ScheduleModule.forRoot(),
        TenancyModule,
        UsersModule,
        OwnershipModule,
        OAuth2Module,
        ScimModule,
      ],
      providers: [BootstrapService],
    };
  }
}
