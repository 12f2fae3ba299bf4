import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { SubscriptionScopeDto } from '../../tenancy/dto/subscription-scope.dto';
import { GRANT_TYPES, GrantType, PATCH_RESPONSES, PatchResponse, Scope, SCOPES } from '../../auth/entities/oauth-application.entity';

export const MAX_TOKEN_LIFETIME_SECONDS = 366 * 24 * 3600;

export const PATCH_RESPONSE_DESCRIPTION =
  'How a SCIM Users PATCH is answered: resource = 200 with the user (default), noContent = 204. Groups PATCH answers 204 either way; attributes/excludedAttributes always get 200 with the resource.';

/** `subscriptionId`: the subscription the application provisions into. */
export class CreateApplicationDto extends SubscriptionScopeDto {
  @ApiProperty({ example: 'Entra ID provisioning' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: GRANT_TYPES, description: 'bearer_token: the client secret is itself the bearer token (Entra ID "Secret Token")' })
  @IsIn(GRANT_TYPES)
  grantType: GrantType;

  @ApiProperty({ enum: SCOPES, isArray: true, example: ['usersync'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(SCOPES, { each: true })
  allowedScopes: Scope[];

  @ApiPropertyOptional({ description: "userName of a user of that subscription the application acts as; default: the caller's own user" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  userName?: string;

  @ApiPropertyOptional({
    description: 'Lifetime of tokens (and of a bearer_token secret) in seconds; 0 = never expires. Default 3600, or 0 for bearer_token.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_TOKEN_LIFETIME_SECONDS)
  tokenLifetimeSeconds?: number;

  @ApiPropertyOptional({ enum: PATCH_RESPONSES, description: PATCH_RESPONSE_DESCRIPTION })
  @IsOptional()
  @IsIn(PATCH_RESPONSES)
  patchResponse?: PatchResponse;
}
