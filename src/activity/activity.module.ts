import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OAuth2Module } from '../oauth2/oauth2.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { ActivityController } from './activity.controller';
import { ActivityPurge } from './activity-purge';
import { ActivityRecorder } from './activity-recorder';
import { ActivityRepository } from './activity.repository';
import { ActivityService } from './activity.service';
import { ProvisioningActivity } from './entities/provisioning-activity.entity';

/** What identity providers did and were refused, per subscription: recorded by SCIM, read by admins. */
@Module({
  imports: [TypeOrmModule.forFeature([ProvisioningActivity]), OAuth2Module, TenancyModule],
  controllers: [ActivityController],
  providers: [ActivityRepository, ActivityRecorder, ActivityService, ActivityPurge],
  exports: [ActivityRecorder, ActivityService],
})
export class ActivityModule {}
