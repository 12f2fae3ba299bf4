import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { OptionalNotNull } from '../../common/dto/optional-not-null';
import { PROPERTY_TYPES, PropertyType } from '../entities/user-property-definition.entity';

/** Longest string value WFUserProperty holds. */
export const MAX_PROPERTY_LENGTH = 2000;
export const DEFAULT_PROPERTY_LENGTH = 256;
/** SCIM's ATTRNAME rule (RFC 7643 §2.1): a letter, then letters, digits, "-" or "_". */
export const ATTRNAME = /^[A-Za-z][A-Za-z0-9_-]{0,127}$/;

export class CreateUserPropertyDto {
  @ApiProperty({
    example: 'costCenter',
    description: "SCIM attribute name: a letter, then letters, digits, '-' or '_' (at most 128); unique without letter case",
  })
  @IsString()
  @Matches(ATTRNAME, { message: "name must start with a letter and hold only letters, digits, '-' and '_' (at most 128 characters)" })
  name: string;

  @ApiProperty({ enum: PROPERTY_TYPES })
  @IsIn(PROPERTY_TYPES)
  type: PropertyType;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_PROPERTY_LENGTH,
    default: DEFAULT_PROPERTY_LENGTH,
    description: 'Longest value (string properties)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PROPERTY_LENGTH)
  maxLength?: number;

  @ApiPropertyOptional({ default: false, description: 'Every user must have a value (checked like the core required attributes)' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Filters compare string values with letter case' })
  @IsOptional()
  @IsBoolean()
  caseExact?: boolean;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  description?: string;
}

export class UpdateUserPropertyDto {
  @ApiPropertyOptional({ enum: PROPERTY_TYPES, description: 'Only while no user has a value' })
  @OptionalNotNull()
  @IsIn(PROPERTY_TYPES)
  type?: PropertyType;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_PROPERTY_LENGTH,
    description: 'Raised at any time; lowered only while no user has a value',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(MAX_PROPERTY_LENGTH)
  maxLength?: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  caseExact?: boolean;

  @ApiPropertyOptional({ maxLength: 1000 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(1000)
  description?: string;
}

export class DeleteUserPropertyQueryDto {
  @ApiPropertyOptional({ description: 'true: also delete every value of the property (in the same transaction)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  force?: 'true' | 'false';
}

export class UserPropertyView {
  @ApiProperty() name: string;
  @ApiProperty({ enum: PROPERTY_TYPES }) type: PropertyType;
  @ApiProperty({ type: Number, nullable: true }) maxLength: number | null;
  @ApiProperty() required: boolean;
  @ApiProperty() caseExact: boolean;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({
    example: 'urn:usersync:params:scim:schemas:extension:properties:2.0:User:costCenter',
    description: 'The target attribute to type in Entra ID',
  })
  scimPath: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
