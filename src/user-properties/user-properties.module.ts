import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenancyModule } from '../tenancy/tenancy.module';
import { UserPropertyDefinition } from './entities/user-property-definition.entity';
import { UserPropertiesController } from './user-properties.controller';
import { UserPropertiesService } from './user-properties.service';
import { UserPropertyDefinitions } from './user-property-definitions';
import { UserPropertyRepository } from './user-property.repository';

/** Custom user properties each subscription defines; SCIM serves them as its properties extension. */
@Module({
  imports: [TypeOrmModule.forFeature([UserPropertyDefinition]), TenancyModule],
  controllers: [UserPropertiesController],
  providers: [UserPropertyRepository, UserPropertiesService, UserPropertyDefinitions],
  exports: [UserPropertyDefinitions],
})
export class UserPropertiesModule {}
