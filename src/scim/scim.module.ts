import { Module } from '@nestjs/common';
import { OwnershipModule } from '../ownership/ownership.module';
import { UsersModule } from '../users/users.module';
import { DiscoveryController } from './discovery/discovery.controller';
import { DiscoveryService } from './discovery/discovery.service';
import { ScimGroupsController } from './groups/scim-groups.controller';
import { ScimGroupsService } from './groups/scim-groups.service';
import { ScimInterceptor } from './scim.interceptor';
import { ScimUsersController } from './users/scim-users.controller';
import { ScimUsersService } from './users/scim-users.service';

@Module({
  imports: [UsersModule, OwnershipModule],
  controllers: [DiscoveryController, ScimUsersController, ScimGroupsController],
  providers: [ScimUsersService, ScimGroupsService, DiscoveryService, ScimInterceptor],
})
export class ScimModule {}
