import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PermissionGrant } from './entities/permission-grant.entity';
import { PermissionGrantRepository } from './permission-grant.repository';

@Module({
  imports: [TypeOrmModule.forFeature([PermissionGrant])],
  providers: [PermissionGrantRepository],
  exports: [PermissionGrantRepository],
})
export class OwnershipModule {}
