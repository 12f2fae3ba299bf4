import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Metrics } from '../metrics/metrics.service';
import { Public } from './auth/auth.decorators';
import { OAuthError } from './oauth.error';
import { parseTokenRequest } from './token-request.parser';
import { TokenResponse, TokenService } from './token.service';

@ApiTags('oauth2')
@Controller('oauth2/server')
export class TokenController {
  constructor(
    private readonly tokens: TokenService,
    private readonly metrics: Metrics,
  ) {}

  @Post('token')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Client-credentials token (RFC 6749 §4.4)',
    description:
      'Form-encoded `grant_type=client_credentials[&scope=api usersync]`; client authentication by HTTP Basic base64(client_id:client_secret) or client_secret_post.',
  })
  async token(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<TokenResponse> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    try {
      const request = parseTokenRequest({
        contentType: req.header('content-type'),
        authorization: req.header('authorization'),
        body: req.body,
      });
      const issued = await this.tokens.issue({ ...request, source: req.ip ?? '' });
      this.metrics.tokenRequest('issued');
      return issued;
    } catch (error) {
      this.metrics.tokenRequest(error instanceof OAuthError ? error.error : 'other');
      throw error;
    }
  }
}
