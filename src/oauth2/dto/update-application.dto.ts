import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { SubscriptionScopeDto } from '../../tenancy/dto/subscription-scope.dto';
import { OptionalNotNull } from '../../common/dto/optional-not-null';
import { PATCH_RESPONSES, PatchResponse, Scope, SCOPES } from '../../auth/entities/oauth-application.entity';
import { MAX_TOKEN_LIFETIME_SECONDS, PATCH_RESPONSE_DESCRIPTION } from './create-application.dto';

export class UpdateApplicationDto extends SubscriptionScopeDto {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: SCOPES, isArray: true, description: 'Narrowing the scopes narrows tokens already issued at once' })
  @OptionalNotNull()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(SCOPES, { each: true })
  allowedScopes?: Scope[];

  @ApiPropertyOptional({ description: 'Applies to tokens issued from now on (and to a bearer_token secret at its next rotation)' })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_TOKEN_LIFETIME_SECONDS)
  tokenLifetimeSeconds?: number;

  @ApiPropertyOptional({ enum: PATCH_RESPONSES, description: PATCH_RESPONSE_DESCRIPTION })
  @OptionalNotNull()
  @IsIn(PATCH_RESPONSES)
  patchResponse?: PatchResponse;
}
