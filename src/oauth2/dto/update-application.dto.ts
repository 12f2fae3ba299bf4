import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PATCH_RESPONSES, PatchResponse, Scope, SCOPES } from '../entities/oauth-application.entity';
import { MAX_TOKEN_LIFETIME_SECONDS, PATCH_RESPONSE_DESCRIPTION } from './create-application.dto';

export class UpdateApplicationDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: SCOPES, isArray: true, description: 'Narrowing the scopes narrows tokens already issued at once' })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(SCOPES, { each: true })
  allowedScopes?: Scope[];

  @ApiPropertyOptional({ description: 'Applies to tokens issued from now on (and to a bearer_token secret at its next rotation)' })
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
