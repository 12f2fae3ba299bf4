import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { LIMITS } from '../input/limits';

/** `?offset=&limit=` of the admin API's lists. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0, maximum: LIMITS.maxOffset })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(LIMITS.maxOffset)
  offset: number = 0;

  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;
}

export interface PageOf<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}
