import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
import { CompanyOwner } from './entities/company-owner.entity';
import { Company } from './entities/company.entity';
import { Subscription } from './entities/subscription.entity';
import { AdminScopes } from './admin-scope';
import { TenancyController } from './tenancy.controller';
import { TenancyRepository } from './tenancy.repository';
import { TenancyService } from './tenancy.service';

@Module({
  imports: [TypeOrmModule.forFeature([Company, CompanyOwner, Subscription]), UsersModule],
  controllers: [TenancyController],
  providers: [TenancyRepository, TenancyService, AdminScopes],
  exports: [TenancyRepository, AdminScopes],
})
export class TenancyModule {}
