import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBasicAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Metrics } from '../metrics/metrics.service';
import { Public } from '../auth/auth.decorators';
import { OAuthError } from './oauth.error';
import { parseTokenRequest } from './token-request.parser';
import { TokenResponse, TokenService } from './token.service';

/** RFC 6749 §5.2 error JSON. */
const OAUTH_ERROR = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'string', example: 'invalid_client' }, error_description: { type: 'string' } },
};

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
      'Client authentication by HTTP Basic base64(client_id:client_secret), or client_id and client_secret in the form (client_secret_post). Answers RFC 6749 JSON, errors included.',
  })
  @ApiBasicAuth('client_basic')
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['grant_type'],
      properties: {
        grant_type: { type: 'string', enum: ['client_credentials'] },
        scope: { type: 'string', example: 'api usersync', description: 'Space-separated; default: every scope the application is allowed' },
        client_id: { type: 'string', description: 'Only without HTTP Basic authentication' },
        client_secret: { type: 'string', format: 'password', description: 'Only without HTTP Basic authentication' },
      },
    },
  })
  @ApiResponse({
    status: 200,
    description: 'An opaque access token',
    schema: {
      type: 'object',
      required: ['access_token', 'token_type', 'scope'],
      properties: {
        access_token: { type: 'string' },
        token_type: { type: 'string', enum: ['bearer'] },
        expires_in: { type: 'integer', description: 'Seconds; absent when the token never expires' },
        scope: { type: 'string' },
      },
    },
  })
  @ApiResponse({
    status: 400,
    description: 'invalid_request, invalid_scope, unsupported_grant_type, unauthorized_client',
    schema: OAUTH_ERROR,
  })
  @ApiResponse({ status: 401, description: 'invalid_client: unknown client or wrong secret', schema: OAUTH_ERROR })
  @ApiResponse({ status: 429, description: 'Too many failed attempts; Retry-After says when to try again', schema: OAUTH_ERROR })
  @ApiResponse({ status: 503, description: 'temporarily_unavailable: the database is not answering', schema: OAUTH_ERROR })
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
