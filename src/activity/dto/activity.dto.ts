import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, IsUUID, MaxDate, MaxLength, MinDate } from 'class-validator';

/** Times every database stores. */
const EARLIEST = new Date('1970-01-01T00:00:00Z');
const LATEST = new Date('9999-12-31T23:59:59Z');
import { ScopedPageQueryDto } from '../../tenancy/dto/subscription-scope.dto';
import { ACTIVITY_OPERATIONS, ACTIVITY_OUTCOMES, ActivityOperation, ActivityOutcome } from '../entities/provisioning-activity.entity';

export class ActivityQueryDto extends ScopedPageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only requests made with this application' })
  @IsOptional()
  @IsUUID()
  applicationId?: string;

  @ApiPropertyOptional({ enum: ACTIVITY_OPERATIONS })
  @IsOptional()
  @IsIn(ACTIVITY_OPERATIONS)
  operation?: ActivityOperation;

  @ApiPropertyOptional({ enum: ACTIVITY_OUTCOMES, description: 'success: a write that was made; refused: a request answered 4xx' })
  @IsOptional()
  @IsIn(ACTIVITY_OUTCOMES)
  outcome?: ActivityOutcome;

  @ApiPropertyOptional({ description: 'Only requests about this SCIM resource id' })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  resourceId?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'From this time (inclusive), ISO 8601' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO 8601 date-time' })
  @MinDate(EARLIEST, { message: 'from must be 1970 or later' })
  @MaxDate(LATEST, { message: 'from must be before the year 10000' })
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Up to this time (inclusive), ISO 8601' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO 8601 date-time' })
  @MinDate(EARLIEST, { message: 'to must be 1970 or later' })
  @MaxDate(LATEST, { message: 'to must be before the year 10000' })
  to?: Date;
}

export class ActivityView {
  @ApiProperty({ description: 'Increasing: a later request has a larger id' }) id: string;
  @ApiProperty({ format: 'uuid' }) subscriptionId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The application whose token made the request' })
  applicationId: string | null;
  @ApiProperty({ type: String, nullable: true }) applicationName: string | null;
  @ApiProperty({ enum: ACTIVITY_OPERATIONS }) operation: ActivityOperation;
  @ApiProperty({ example: 'User', description: 'User, Group, or the endpoint a refused request named' }) resourceType: string;
  @ApiProperty({ type: String, nullable: true, description: 'SCIM id of the resource' }) resourceId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'userName or displayName' }) resourceName: string | null;
  @ApiProperty({ enum: ACTIVITY_OUTCOMES }) outcome: ActivityOutcome;
  @ApiProperty({ example: 201, description: 'HTTP status answered' }) status: number;
  @ApiProperty({ type: String, nullable: true, example: 'uniqueness', description: 'SCIM scimType of a refusal' }) scimType: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'What was wrong (refusals), or what changed (membership)' })
  detail: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'X-Request-Id of the request, as in the service log' }) requestId:
    string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
