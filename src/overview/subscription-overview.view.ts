import { ApiProperty } from '@nestjs/swagger';
import { ActivityView } from '../activity/dto/activity.dto';
import { GRANT_TYPES, GrantType } from '../auth/entities/oauth-application.entity';

export class OwnerView {
  @ApiProperty({ format: 'uuid', description: 'SCIM id of the owner' }) userId: string;
  @ApiProperty() userName: string;
  @ApiProperty({ format: 'uuid', description: 'The subscription the owner is a user of' }) subscriptionId: string;
  @ApiProperty({ description: 'An inactive owner inherits nothing: transfers fall to a company owner' }) active: boolean;
}

export class UserCountsView {
  @ApiProperty() active: number;
  @ApiProperty({ description: 'Disabled, not deleted' }) inactive: number;
}

export class ApplicationSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() clientId: string;
  @ApiProperty({ enum: GRANT_TYPES }) grantType: GrantType;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'To the minute; null: never used' })
  lastUsedAt: string | null;
}

export class SubscriptionDetailView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: OwnerView, nullable: true }) owner: OwnerView | null;
  @ApiProperty({
    enum: ['subscription_owner', 'company_owner'],
    description:
      'Who inherits from a disabled user who has no active boss: the subscription owner, or — while the subscription has no active owner — a company owner',
  })
  heirWithoutBoss: 'subscription_owner' | 'company_owner';
  @ApiProperty({ type: UserCountsView }) users: UserCountsView;
  @ApiProperty() groups: number;
  @ApiProperty({ type: [ApplicationSummaryView], description: 'Its applications (the first 100)' }) applications: ApplicationSummaryView[];
  @ApiProperty({ type: ActivityView, nullable: true, description: 'The newest provisioning activity; null before the first request' })
  lastActivity: ActivityView | null;
}
