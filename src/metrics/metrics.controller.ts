import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Public } from '../auth/auth.decorators';
import { secretMatches, hashSecret } from '../auth/secrets';
import { Metrics } from './metrics.service';

/**
 * `/metrics` on the service's own port, for a scraper that sends `Authorization: Bearer
 * <METRICS_TOKEN>`. Without METRICS_TOKEN the route does not exist here (404): the metrics are
 * then only on METRICS_PORT, or nowhere.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  private readonly tokenHash?: string;

  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.tokenHash = config.metrics.token ? hashSecret(config.metrics.token) : undefined;
  }

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.tokenHash) {
      res.status(404).json({ statusCode: 404, error: 'not_found', message: 'Cannot GET /metrics' });
      return;
    }
    const match = /^Bearer ([\x21-\x7e]{1,512})$/i.exec(req.header('authorization') ?? '');
    if (!match || !secretMatches(match[1], this.tokenHash)) {
      res
        .status(401)
        .setHeader('WWW-Authenticate', 'Bearer realm="usersync-metrics"')
        .json({ statusCode: 401, error: 'unauthorized', message: 'Send Authorization: Bearer <METRICS_TOKEN>' });
      return;
    }
    const { contentType, body } = await this.metrics.render();
    res.status(200).type(contentType).send(body);
  }
}
