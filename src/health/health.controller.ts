import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { DatabaseHealthService } from '../database/database-health.service';
import { Public } from '../oauth2/auth/auth.decorators';

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly database: DatabaseHealthService) {}

  /** 200 when the database answers, 503 otherwise; load balancers take the instance out on 503. */
  @Get()
  @HttpCode(200)
  async check(): Promise<{ status: string }> {
    if (!(await this.database.isReachable())) {
      throw new ServiceUnavailableException({ status: 'unavailable', database: 'unreachable' });
    }
    return { status: 'ok' };
  }
}
