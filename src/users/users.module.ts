import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PermissionGrant } from './entities/permission-grant.entity';
import { ResourceCount } from './entities/resource-count.entity';
import { WFGroupMember } from './entities/wf-group-member.entity';
import { WFGroup } from './entities/wf-group.entity';
import { WFUserProperty } from './entities/wf-user-property.entity';
import { WFUserValue } from './entities/wf-user-value.entity';
import { WFUser } from './entities/wf-user.entity';
import { AccessChanges } from './access-changes';
import { PermissionGrantRepository } from './permission-grant.repository';
import { ResourceCounts } from './resource-counts';
import { UserDetailsRepository } from './user-details.repository';
import { WFGroupRepository } from './wf-group.repository';
import { WFUserRepository } from './wf-user.repository';

@Module({
  imports: [TypeOrmModule.forFeature([WFUser, WFUserProperty, WFUserValue, WFGroup, WFGroupMember, PermissionGrant, ResourceCount])],
  providers: [ResourceCounts, WFUserRepository, UserDetailsRepository, WFGroupRepository, PermissionGrantRepository, AccessChanges],
  exports: [WFUserRepository, UserDetailsRepository, WFGroupRepository, PermissionGrantRepository, AccessChanges],
})
export class UsersModule {}
