import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DatabaseHealthService } from '../database/database-health.service';
import { Public } from '../auth/auth.decorators';

const HEALTH = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['ok', 'unavailable'] }, database: { type: 'string' } },
};

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly database: DatabaseHealthService) {}

  /** 200 when the database answers, 503 otherwise; load balancers take the instance out on 503. */
  @Get()
  @ApiOperation({ summary: 'Liveness and database reachability, for load balancers' })
  @ApiResponse({ status: 200, description: 'Serving', schema: HEALTH })
  @ApiResponse({ status: 503, description: 'The database or its schema is not there', schema: HEALTH })
  async check(@Res({ passthrough: true }) res: Response): Promise<{ status: string; database?: string }> {
    if (await this.database.isReachable()) return { status: 'ok' };
    res.status(503);
    return { status: 'unavailable', database: 'unreachable' };
  }
}
