import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GRANT_TYPES, GrantType, PATCH_RESPONSES, PatchResponse, Scope, SCOPES } from '../../auth/entities/oauth-application.entity';

export class ApplicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() clientId: string;
  @ApiProperty({ enum: GRANT_TYPES }) grantType: GrantType;
  @ApiProperty({ enum: SCOPES, isArray: true }) allowedScopes: Scope[];
  @ApiProperty({ description: 'Subscription the application provisions into' }) subscriptionId: string;
  @ApiProperty({ description: 'userName of the user the application acts as' }) userName: string;
  @ApiProperty() tokenLifetimeSeconds: number;
  @ApiProperty({ enum: PATCH_RESPONSES, description: 'How a SCIM Users PATCH is answered (200 with the user, or 204)' })
  patchResponse: PatchResponse;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When a token or secret of the application last authenticated a request, to the minute; null: never used',
  })
  lastUsedAt: string | null;
}

/** Returned by create and rotate only: the secret is never shown again. */
export class ApplicationWithSecretView extends ApplicationView {
  @ApiProperty({ description: 'Shown once. For bearer_token applications this is the bearer token (Entra ID "Secret Token").' })
  clientSecret: string;

  @ApiPropertyOptional({ description: 'When a bearer_token secret stops working (absent = never)' })
  secretExpiresAt?: string;
}
