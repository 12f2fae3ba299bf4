import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DatabaseHealthService } from '../database/database-health.service';
import { Public } from '../oauth2/auth/auth.decorators';

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly database: DatabaseHealthService) {}

  /** 200 when the database answers, 503 otherwise; load balancers take the instance out on 503. */
  @Get()
  async check(@Res({ passthrough: true }) res: Response): Promise<{ status: string; database?: string }> {
    if (await this.database.isReachable()) return { status: 'ok' };
    res.status(503);
    return { status: 'unavailable', database: 'unreachable' };
  }
}
