import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenancyModule } from '../tenancy/tenancy.module';
import { UsersModule } from '../users/users.module';
import { OwnershipTransfer } from './entities/ownership-transfer.entity';
import { Resource } from './entities/resource.entity';
import { OwnershipTransferService } from './ownership-transfer.service';
import { OwnershipController } from './ownership.controller';
import { OwnershipService } from './ownership.service';
import { ResourceRepository } from './resource.repository';

@Module({
  imports: [TypeOrmModule.forFeature([Resource, OwnershipTransfer]), UsersModule, TenancyModule],
  controllers: [OwnershipController],
  providers: [ResourceRepository, OwnershipTransferService, OwnershipService],
  exports: [OwnershipTransferService],
})
export class OwnershipModule {}
