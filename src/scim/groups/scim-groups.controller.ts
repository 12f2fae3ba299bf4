import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { notModified, patchAnswersBody, patchWantsResource } from '../etag';
import { ScimContext } from '../scim-context';
import { parseListQuery, parseSearchRequest } from '../scim-list';
import { Scim, ScimController } from '../scim.decorators';
import { Json } from '../schema/canonicalize';
import { parseAttributeList, project } from '../schema/projection';
import { membersRequested, ScimGroupsService } from './scim-groups.service';

@ScimController()
@Controller('scim/v2/Groups')
export class ScimGroupsController {
  constructor(
    private readonly groups: ScimGroupsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  list(@Scim() ctx: ScimContext, @Query() query: Record<string, unknown>): Promise<Json> {
    return this.groups.list(ctx, parseListQuery(query, this.groups.schemas, this.config.scim.maxPageSize));
  }

  @Post('.search')
  @HttpCode(200)
  search(@Scim() ctx: ScimContext, @Body() body: unknown): Promise<Json> {
    return this.groups.list(ctx, parseSearchRequest(body, this.groups.schemas, this.config.scim.maxPageSize));
  }

  @Post()
  @HttpCode(201)
  async create(@Scim() ctx: ScimContext, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const { resource, etag } = await this.groups.create(ctx, body);
    res.setHeader('Location', String((resource.meta as Json).location));
    res.setHeader('ETag', etag);
    return resource;
  }

  @Get(':id')
  async get(
    @Scim() ctx: ScimContext,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const include = parseAttributeList(query.attributes, this.groups.schemas);
    const exclude = parseAttributeList(query.excludedAttributes, this.groups.schemas);
    const { resource, etag } = await this.groups.get(ctx, id, membersRequested({ attributes: include, excludedAttributes: exclude }));
    if (notModified(res, etag, ifNoneMatch)) return undefined;
    return project(resource, include, exclude);
  }

  @Put(':id')
  async replace(
    @Scim() ctx: ScimContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { resource, etag } = await this.groups.replace(ctx, id, body, ifMatch);
    res.setHeader('ETag', etag);
    return resource;
  }

  /** 204 No Content, as Entra ID and Okta expect; 200 with the group when `attributes`/`excludedAttributes` ask for it. */
  @Patch(':id')
  async patch(
    @Scim() ctx: ScimContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const include = parseAttributeList(query.attributes, this.groups.schemas);
    const exclude = parseAttributeList(query.excludedAttributes, this.groups.schemas);
    const withResource = patchWantsResource(query);
    const answer = withResource ? { withMembers: membersRequested({ attributes: include, excludedAttributes: exclude }) } : undefined;
    const { resource, etag } = await this.groups.patch(ctx, id, body, ifMatch, answer);
    if (!patchAnswersBody(res, etag, withResource) || !resource) return undefined;
    return project(resource, include, exclude);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Scim() ctx: ScimContext, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.groups.delete(ctx, id, ifMatch);
  }
}
