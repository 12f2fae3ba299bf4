import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'Contoso production' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'SCIM id of an active user of the company who owns the new subscription (inherits from its users who have no active boss); default: none, and transfers fall to a company owner',
  })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string;
}

/** Names a user by SCIM id. */
export class UserRefDto {
  @ApiProperty({ format: 'uuid', description: 'SCIM id of the user' })
  @IsUUID()
  userId: string;
}

export class SubscriptionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'SCIM id of the subscription owner; null: none yet, and transfers fall to a company owner',
  })
  ownerUserId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CompanyOwnerView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() userName: string;
  @ApiProperty({ format: 'date-time' }) since: string;
}

export class UserSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only users whose userName starts with this text (any letter case)' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  search?: string;
}

/** A user of a subscription, as an administrator picks one (an owner, a resource's owner). */
export class UserSummaryView {
  @ApiProperty({ format: 'uuid', description: 'SCIM id' }) userId: string;
  @ApiProperty() userName: string;
  @ApiProperty({ type: String, nullable: true }) displayName: string | null;
  @ApiProperty() active: boolean;
}
