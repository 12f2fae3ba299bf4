import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'Contoso production' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

/** Names a user by SCIM id. */
export class UserRefDto {
  @ApiProperty({ description: 'SCIM id of the user' })
  @IsUUID()
  userId: string;
}

export class SubscriptionView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, description: 'SCIM id of the subscription owner' }) ownerUserId: string | null;
  @ApiProperty() createdAt: string;
}

export class CompanyOwnerView {
  @ApiProperty() userId: string;
  @ApiProperty() userName: string;
  @ApiProperty() since: string;
}
