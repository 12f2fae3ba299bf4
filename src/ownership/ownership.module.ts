import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenancyModule } from '../tenancy/tenancy.module';
import { UsersModule } from '../users/users.module';
import { OwnershipTransfer } from './entities/ownership-transfer.entity';
import { PermissionGrant } from './entities/permission-grant.entity';
import { Resource } from './entities/resource.entity';
import { OwnershipTransferService } from './ownership-transfer.service';
import { OwnershipController } from './ownership.controller';
import { OwnershipService } from './ownership.service';
import { PermissionGrantRepository } from './permission-grant.repository';
import { ResourceRepository } from './resource.repository';

@Module({
  imports: [TypeOrmModule.forFeature([PermissionGrant, Resource, OwnershipTransfer]), UsersModule, TenancyModule],
  controllers: [OwnershipController],
  providers: [PermissionGrantRepository, ResourceRepository, OwnershipTransferService, OwnershipService],
  exports: [PermissionGrantRepository, OwnershipTransferService],
})
export class OwnershipModule {}
