import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GrantType, PATCH_RESPONSES, PatchResponse, Scope } from '../entities/oauth-application.entity';

export class ApplicationView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() clientId: string;
  @ApiProperty() grantType: GrantType;
  @ApiProperty({ isArray: true }) allowedScopes: Scope[];
  @ApiProperty({ description: 'Subscription the application provisions into' }) subscriptionId: string;
  @ApiProperty({ description: 'userName of the user the application acts as' }) userName: string;
  @ApiProperty() tokenLifetimeSeconds: number;
  @ApiProperty({ enum: PATCH_RESPONSES, description: 'How a SCIM Users PATCH is answered (200 with the user, or 204)' })
  patchResponse: PatchResponse;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

/** Returned by create and rotate only: the secret is never shown again. */
export class ApplicationWithSecretView extends ApplicationView {
  @ApiProperty({ description: 'Shown once. For bearer_token applications this is the bearer token (Entra ID "Secret Token").' })
  clientSecret: string;

  @ApiPropertyOptional({ description: 'When a bearer_token secret stops working (absent = never)' })
  secretExpiresAt?: string;
}
