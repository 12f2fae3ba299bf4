import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { answer, Projection } from '../scim-answer';
import { ScimContext } from '../scim-context';
import { parseListQuery, parseSearchRequest } from '../scim-list';
import { Scim, ScimController } from '../scim.decorators';
import { ApiScim, ScimApi } from '../scim-openapi';
import { Json } from '../schema/canonicalize';
import { ScimUsersService } from './scim-users.service';

@ScimController()
@ApiScim('SCIM Users')
@Controller('scim/v2/Users')
export class ScimUsersController {
  constructor(
    private readonly users: ScimUsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ScimApi.list('User')
  async list(@Scim() ctx: ScimContext, @Query() query: Record<string, unknown>): Promise<Json> {
    return this.users.list(ctx, parseListQuery(query, await this.schemas(ctx), this.config.scim));
  }

  @Post('.search')
  @HttpCode(200)
  @ScimApi.search('Users')
  async search(@Scim() ctx: ScimContext, @Body() body: unknown): Promise<Json> {
    return this.users.list(ctx, parseSearchRequest(body, await this.schemas(ctx), this.config.scim));
  }

  @Post()
  @HttpCode(201)
  @ScimApi.create('User')
  async create(
    @Scim() ctx: ScimContext,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const projection = Projection.of(query, await this.schemas(ctx));
    return answer.created(res, await this.users.create(ctx, body), projection);
  }

  @Get(':id')
  @ScimApi.read('User')
  async get(
    @Scim() ctx: ScimContext,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const projection = Projection.of(query, await this.schemas(ctx));
    return answer.read(res, await this.users.get(ctx, id), projection, ifNoneMatch);
  }

  @Put(':id')
  @ScimApi.replace('User')
  async replace(
    @Scim() ctx: ScimContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const projection = Projection.of(query, await this.schemas(ctx));
    return answer.written(res, await this.users.replace(ctx, id, body, ifMatch), projection);
  }

  /**
   * 200 with the user, as Microsoft's and Okta's documented examples answer (projection
   * honoured); 204 when the application is set to `patchResponse: noContent` and the request
   * names no `attributes`/`excludedAttributes`.
   */
  @Patch(':id')
  @ScimApi.patch('User')
  async patch(
    @Scim() ctx: ScimContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const projection = Projection.of(query, await this.schemas(ctx));
    const withResource = projection.asked || ctx.principal.patchResponse === 'resource';
    return answer.patched(res, await this.users.patch(ctx, id, body, ifMatch, withResource), projection);
  }

  /** The User schemas of the caller's subscription (its custom properties are an extension of its own). */
  private schemas(ctx: ScimContext) {
    return this.users.schemasFor(ctx.principal.idSubscription);
  }

  @Delete(':id')
  @HttpCode(204)
  @ScimApi.remove('User')
  async delete(@Scim() ctx: ScimContext, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.users.delete(ctx, id, ifMatch);
  }
}
