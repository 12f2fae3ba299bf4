import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageOf } from '../common/dto/page-query.dto';
import { ApiAdminErrors, ApiPage } from '../common/openapi/admin-responses';
import { AdminScopes } from '../tenancy/admin-scope';
import { ScopedPageQueryDto, SubscriptionScopeDto } from '../tenancy/dto/subscription-scope.dto';
import { Principal, RequireAdmin } from '../auth/auth.decorators';
import type { Principal as PrincipalType } from '../auth/principal';
import { ApplicationsService } from './applications.service';
import { ApplicationView, ApplicationWithSecretView } from './dto/application.view';
import { CreateApplicationDto } from './dto/create-application.dto';
import { UpdateApplicationDto } from './dto/update-application.dto';

/** OAuth applications of one subscription of the caller's company (`subscriptionId`, default the caller's). */
@ApiTags('oauth2 applications')
@RequireAdmin()
@ApiAdminErrors()
@Controller('api/oauth2/applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly scopes: AdminScopes,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register an application; its secret is shown once' })
  @ApiCreatedResponse({ type: ApplicationWithSecretView, description: 'The client secret is in this response only' })
  async create(@Principal() principal: PrincipalType, @Body() dto: CreateApplicationDto): Promise<ApplicationWithSecretView> {
    return this.applications.create(principal, await this.scopes.resolve(principal, dto.subscriptionId), dto);
  }

  @Get()
  @ApiOperation({ summary: 'List the applications of a subscription' })
  @ApiPage(ApplicationView)
  async list(@Principal() principal: PrincipalType, @Query() query: ScopedPageQueryDto): Promise<PageOf<ApplicationView>> {
    return this.applications.list(await this.scopes.resolve(principal, query.subscriptionId), query.offset, query.limit);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read an application' })
  @ApiOkResponse({ type: ApplicationView })
  async get(
    @Principal() principal: PrincipalType,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: SubscriptionScopeDto,
  ): Promise<ApplicationView> {
    return this.applications.get(await this.scopes.resolve(principal, query.subscriptionId), id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, scopes, token lifetime or PATCH answer' })
  @ApiOkResponse({ type: ApplicationView })
  async update(
    @Principal() principal: PrincipalType,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateApplicationDto,
  ): Promise<ApplicationView> {
    return this.applications.update(await this.scopes.resolve(principal, dto.subscriptionId), id, dto);
  }

  @Post(':id/secret')
  @ApiOperation({ summary: 'Rotate the secret; the old one stops at once' })
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationWithSecretView, description: 'The old secret and every token issued with it stop working at once' })
  async rotateSecret(
    @Principal() principal: PrincipalType,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SubscriptionScopeDto,
  ): Promise<ApplicationWithSecretView> {
    return this.applications.rotateSecret(await this.scopes.resolve(principal, dto.subscriptionId), id);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete an application; its tokens stop at once' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; every token of the application stops working at once' })
  async remove(
    @Principal() principal: PrincipalType,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: SubscriptionScopeDto,
  ): Promise<void> {
    return this.applications.remove(await this.scopes.resolve(principal, query.subscriptionId), id);
  }
}
