import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { buildDataSourceOptions } from './data-source-options';
import { DatabaseHealthService } from './database-health.service';
import { runPendingMigrations } from './migrate';
import { warmPool } from './warm-pool';
import { bindDateTime2 } from './mssql-parameters';
import { bindNumericParameters } from './sqlite-parameters';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        if (config.database.migrationsRun) await runPendingMigrations(config.database);
        return { ...buildDataSourceOptions(config.database), autoLoadEntities: true, retryAttempts: 3, retryDelay: 2000 };
      },
      dataSourceFactory: async (options) => {
        const dataSource = new DataSource(options!);
        bindNumericParameters(dataSource);
        bindDateTime2(dataSource);
        await dataSource.initialize();
        await warmPool(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [DatabaseHealthService],
  exports: [DatabaseHealthService],
})
export class DatabaseModule {}
