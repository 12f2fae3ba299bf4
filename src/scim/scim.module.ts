import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { OwnershipModule } from '../ownership/ownership.module';
import { UserPropertiesModule } from '../user-properties/user-properties.module';
import { UsersModule } from '../users/users.module';
import { DiscoveryController } from './discovery/discovery.controller';
import { DiscoveryService } from './discovery/discovery.service';
import { ScimGroupsController } from './groups/scim-groups.controller';
import { ScimGroupsService } from './groups/scim-groups.service';
import { RootSearchService } from './root/root-search.service';
import { ScimRootController } from './root/root.controller';
import { ScimErrorWriter } from './scim-error-writer';
import { ScimWrites } from './scim-writes';
import { SCIM_BASE_PATH, ScimMiddleware } from './scim.middleware';
import { ScimUsersController } from './users/scim-users.controller';
import { ScimUsersService } from './users/scim-users.service';

@Module({
  imports: [UsersModule, OwnershipModule, ActivityModule, UserPropertiesModule],
  // Users first: Express tries routes in the order they were registered, and user lookups are
  // most of what an identity provider sends.
  controllers: [ScimUsersController, ScimGroupsController, DiscoveryController, ScimRootController],
  providers: [ScimErrorWriter, ScimWrites, ScimUsersService, ScimGroupsService, DiscoveryService, RootSearchService],
  exports: [ScimUsersService],
})
export class ScimModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ScimMiddleware).forRoutes(`${SCIM_BASE_PATH}/*path`);
  }
}
