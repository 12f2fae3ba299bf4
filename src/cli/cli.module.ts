import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { MetricsModule } from '../metrics/metrics.module';
import { ErrorsModule } from '../common/errors/error-writers';
import { LoggingModule } from '../common/logging/logging.module';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { BootstrapModule } from './bootstrap.module';

/** The operator commands' application: the infrastructure and the bootstrap, without the HTTP features. */
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
        BootstrapModule,
      ],
    };
  }
}
