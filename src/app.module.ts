import { DynamicModule, MiddlewareConsumer, Module, NestModule, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { ActivityModule } from './activity/activity.module';
import { AdminConsoleModule } from './admin-console/admin-console.module';
import { AuthModule } from './auth/auth.module';
import { MetricsPort } from './metrics/metrics-port';
import { MetricsModule } from './metrics/metrics.module';
import { OverviewModule } from './overview/overview.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { ErrorsModule } from './common/errors/error-writers';
import { LoggingModule } from './common/logging/logging.module';
import { InputGuardMiddleware } from './common/input/input-guard.middleware';
import { RequestLoggingMiddleware } from './common/logging/request-logging.middleware';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { OAuth2Module } from './oauth2/oauth2.module';
import { ScimModule } from './scim/scim.module';
import { OwnershipModule } from './ownership/ownership.module';
import { TenancyModule } from './tenancy/tenancy.module';
import { UserPropertiesModule } from './user-properties/user-properties.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule implements NestModule {
  /** `config` replaces the environment (tests); the service passes nothing and reads process.env. */
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        ErrorsModule,
        DatabaseModule,
        AuthModule,
        MetricsModule,
        ScheduleModule.forRoot(),
        // Routes are registered, and tried for each request, in module order: SCIM first.
        ScimModule,
        TenancyModule,
        UsersModule,
        OwnershipModule,
        UserPropertiesModule,
        OAuth2Module,
        ActivityModule,
        OverviewModule,
        HealthModule,
        AdminConsoleModule,
      ],
      providers: [
        MetricsPort,
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
        },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggingMiddleware, InputGuardMiddleware).forRoutes('*path');
  }
}
