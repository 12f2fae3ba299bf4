import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { buildDataSourceOptions } from './data-source-options';
import { DatabaseHealthService } from './database-health.service';
import { bindDateTime2 } from './mssql-parameters';
import { bindNumericParameters } from './sqlite-parameters';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions(config.database),
        migrationsRun: config.database.migrationsRun,
        autoLoadEntities: true,
        retryAttempts: 3,
        retryDelay: 2000,
      }),
      dataSourceFactory: async (options) => {
        const dataSource = new DataSource(options!);
        bindNumericParameters(dataSource);
        bindDateTime2(dataSource);
        return dataSource.initialize();
      },
    }),
  ],
  providers: [DatabaseHealthService],
  exports: [DatabaseHealthService],
})
export class DatabaseModule {}
