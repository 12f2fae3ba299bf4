import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ScopedPageQueryDto, SubscriptionScopeDto } from '../../tenancy/dto/subscription-scope.dto';

export class CreateResourceDto extends SubscriptionScopeDto {
  @ApiProperty({ example: 'process' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  kind: string;

  @ApiProperty({ example: 'Invoice approval' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  name: string;

  @ApiProperty({ description: 'SCIM id of the owner (an active user of the subscription)' })
  @IsUUID()
  ownerUserId: string;
}

export class ResourceQueryDto extends ScopedPageQueryDto {
  @ApiPropertyOptional({ description: 'Only resources of this owner (SCIM id)' })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string;
}

export class GrantPermissionDto extends SubscriptionScopeDto {
  @ApiProperty({ description: 'SCIM id of the user' })
  @IsUUID()
  userId: string;

  @ApiProperty({ example: 'admin' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_.:-]{0,63}$/, { message: 'permission must be a lower-case name of at most 64 characters' })
  permission: string;
}

export class UserQueryDto extends SubscriptionScopeDto {
  @ApiProperty({ description: 'SCIM id of the user' })
  @IsUUID()
  userId: string;
}

export class TransferQueryDto extends ScopedPageQueryDto {
  @ApiPropertyOptional({ description: 'Only transfers from or to this user (SCIM id)' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class ResourceView {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty() name: string;
  @ApiProperty() ownerUserId: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class TransferView {
  @ApiProperty() id: string;
  @ApiProperty() fromUserId: string;
  @ApiProperty() toUserId: string;
  @ApiProperty({ enum: ['boss', 'subscription_owner', 'company_owner'] }) rule: string;
  @ApiProperty() resourcesMoved: number;
  @ApiProperty({ isArray: true }) permissionsMoved: string[];
  @ApiProperty({ nullable: true }) newSubscriptionOwnerId: string | null;
  @ApiProperty() companyOwnershipEnded: boolean;
  @ApiProperty() trigger: string;
  @ApiProperty({ nullable: true }) requestId: string | null;
  @ApiProperty() createdAt: string;
}

export class PermissionsView {
  @ApiProperty({ format: 'uuid', description: 'SCIM id of the user' }) userId: string;
  @ApiProperty({ type: [String], example: ['admin'] }) permissions: string[];
}
