import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { buildDataSourceOptions } from './data-source-options';
import { DatabaseHealthService } from './database-health.service';
import { withConnectRetry } from './connect-retry';
import { runPendingMigrations } from './migrate';
import { warmPool } from './warm-pool';
import { bindDateTime2 } from './mssql-parameters';
import { bindNumericParameters } from './sqlite-parameters';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const { database } = config;
        if (database.migrationsRun) await withConnectRetry(database.connectTimeoutSeconds, () => runPendingMigrations(database));
        return {
          ...buildDataSourceOptions(database),
          autoLoadEntities: true,
          retryAttempts: 0,
          connectTimeoutSeconds: database.connectTimeoutSeconds,
        };
      },
      dataSourceFactory: async (options) => {
        const { connectTimeoutSeconds, ...dataSourceOptions } = options as typeof options & { connectTimeoutSeconds: number };
        const dataSource = new DataSource(dataSourceOptions as DataSourceOptions);
        bindNumericParameters(dataSource);
        bindDateTime2(dataSource);
        await withConnectRetry(connectTimeoutSeconds, () => dataSource.initialize());
        await warmPool(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [DatabaseHealthService],
  exports: [DatabaseHealthService],
})
export class DatabaseModule {}
