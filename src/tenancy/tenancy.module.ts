import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompanyOwner } from './entities/company-owner.entity';
import { Company } from './entities/company.entity';
import { Subscription } from './entities/subscription.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Company, CompanyOwner, Subscription])],
  exports: [TypeOrmModule],
})
export class TenancyModule {}
