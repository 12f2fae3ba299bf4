import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { OAuth2Module } from '../oauth2/oauth2.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { UsersModule } from '../users/users.module';
import { SubscriptionOverviewController } from './subscription-overview.controller';
import { SubscriptionOverviewService } from './subscription-overview.service';

/** Views that gather what several modules hold; nothing depends on this module. */
@Module({
  imports: [TenancyModule, UsersModule, OAuth2Module, ActivityModule],
  controllers: [SubscriptionOverviewController],
  providers: [SubscriptionOverviewService],
})
export class OverviewModule {}
