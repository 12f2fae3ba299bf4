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
import { ScimGroupsService } from './scim-groups.service';

@ScimController()
@ApiScim('SCIM Groups')
@Controller('scim/v2/Groups')
export class ScimGroupsController {
  constructor(
    private readonly groups: ScimGroupsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ScimApi.list('Group')
  list(@Scim() ctx: ScimContext, @Query() query: Record<string, unknown>): Promise<Json> {
    return this.groups.list(ctx, parseListQuery(query, this.groups.schemas, this.config.scim));
  }

  @Post('.search')
  @HttpCode(200)
  @ScimApi.search('Groups')
  search(@Scim() ctx: ScimContext, @Body() body: unknown): Promise<Json> {
    return this.groups.list(ctx, parseSearchRequest(body, this.groups.schemas, this.config.scim));
  }

  @Post()
  @HttpCode(201)
  @ScimApi.create('Group')
  async create(
    @Scim() ctx: ScimContext,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const projection = Projection.of(query, this.groups.schemas);
    return answer.created(res, await this.groups.create(ctx, body), projection);
  }

  @Get(':id')
  @ScimApi.read('Group')
  async get(
    @Scim() ctx: ScimContext,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const projection = Projection.of(query, this.groups.schemas);
    return answer.read(res, await this.groups.get(ctx, id, projection.showsMembers), projection, ifNoneMatch);
  }

  @Put(':id')
  @ScimApi.replace('Group')
  async replace(
    @Scim() ctx: ScimContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const projection = Projection.of(query, this.groups.schemas);
    return answer.written(res, await this.groups.replace(ctx, id, body, ifMatch), projection);
  }

  /** 204 No Content, as Entra ID and Okta expect; 200 with the group when `attributes`/`excludedAttributes` ask for it. */
  @Patch(':id')
  @ScimApi.patch('Group')
  async patch(
    @Scim() ctx: ScimContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const projection = Projection.of(query, this.groups.schemas);
    const result = await this.groups.patch(ctx, id, body, ifMatch, projection.asked ? { withMembers: projection.showsMembers } : undefined);
    return answer.patched(res, result, projection);
  }

  @Delete(':id')
  @ScimApi.remove('Group')
  @HttpCode(204)
  async delete(@Scim() ctx: ScimContext, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.groups.delete(ctx, id, ifMatch);
  }
}
