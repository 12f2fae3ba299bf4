import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageOf } from '../common/dto/page-query.dto';
import { ApiAdminErrors, ApiPage } from '../common/openapi/admin-responses';
import { Principal, RequireAdmin } from '../auth/auth.decorators';
import type { Principal as PrincipalType } from '../auth/principal';
import { AdminScopes } from '../tenancy/admin-scope';
import { SubscriptionScopeDto } from '../tenancy/dto/subscription-scope.dto';
import {
  CreateResourceDto,
  GrantPermissionDto,
  PermissionsView,
  ResourceQueryDto,
  ResourceView,
  TransferQueryDto,
  TransferView,
  UserQueryDto,
} from './dto/ownership.dto';
import { OwnershipService } from './ownership.service';

/** Resources, permissions and the transfer audit of one subscription of the caller's company (`subscriptionId`). */
@ApiTags('ownership')
@RequireAdmin()
@ApiAdminErrors()
@Controller('api/ownership')
export class OwnershipController {
  constructor(
    private readonly ownership: OwnershipService,
    private readonly scopes: AdminScopes,
  ) {}

  @Post('resources')
  @ApiOperation({ summary: 'Register a resource owned by a user of the subscription' })
  @ApiCreatedResponse({ type: ResourceView, description: 'The resource, owned by an active user of the subscription' })
  async createResource(@Principal() principal: PrincipalType, @Body() dto: CreateResourceDto): Promise<ResourceView> {
    return this.ownership.createResource(await this.scopes.resolve(principal, dto.subscriptionId), dto);
  }

  @Get('resources')
  @ApiOperation({ summary: 'List resources, optionally of one owner' })
  @ApiPage(ResourceView)
  async listResources(@Principal() principal: PrincipalType, @Query() query: ResourceQueryDto): Promise<PageOf<ResourceView>> {
    return this.ownership.listResources(
      await this.scopes.resolve(principal, query.subscriptionId),
      query.ownerUserId,
      query.offset,
      query.limit,
    );
  }

  @Get('resources/:id')
  @ApiOperation({ summary: 'Read a resource' })
  @ApiOkResponse({ type: ResourceView })
  async getResource(
    @Principal() principal: PrincipalType,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: SubscriptionScopeDto,
  ): Promise<ResourceView> {
    return this.ownership.getResource(await this.scopes.resolve(principal, query.subscriptionId), id);
  }

  @Get('permissions')
  @ApiOperation({ summary: 'List the permissions of a user' })
  @ApiOkResponse({ type: PermissionsView })
  async listPermissions(@Principal() principal: PrincipalType, @Query() query: UserQueryDto): Promise<PermissionsView> {
    return this.ownership.listPermissions(await this.scopes.resolve(principal, query.subscriptionId), query.userId);
  }

  @Post('permissions')
  @ApiOperation({ summary: 'Grant a permission to a user' })
  @ApiCreatedResponse({ type: PermissionsView, description: 'Every permission the user now holds' })
  async grant(@Principal() principal: PrincipalType, @Body() dto: GrantPermissionDto): Promise<PermissionsView> {
    return this.ownership.grant(await this.scopes.resolve(principal, dto.subscriptionId), dto.userId, dto.permission);
  }

  @Delete('permissions/:userId/:permission')
  @ApiOperation({ summary: 'Revoke a permission' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked' })
  async revoke(
    @Principal() principal: PrincipalType,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Param('permission') permission: string,
    @Query() query: SubscriptionScopeDto,
  ): Promise<void> {
    return this.ownership.revoke(await this.scopes.resolve(principal, query.subscriptionId), userId, permission);
  }

  @Get('transfers')
  @ApiOperation({ summary: 'The ownership-transfer audit, newest first' })
  @ApiPage(TransferView)
  async listTransfers(@Principal() principal: PrincipalType, @Query() query: TransferQueryDto): Promise<PageOf<TransferView>> {
    return this.ownership.listTransfers(
      await this.scopes.resolve(principal, query.subscriptionId),
      query.userId,
      query.offset,
      query.limit,
    );
  }
}
