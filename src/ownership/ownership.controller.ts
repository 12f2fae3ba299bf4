import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PageOf } from '../common/dto/page-query.dto';
import { Principal, RequireAdmin } from '../oauth2/auth/auth.decorators';
import type { Principal as PrincipalType } from '../oauth2/auth/principal';
import {
  CreateResourceDto,
  GrantPermissionDto,
  ResourceQueryDto,
  ResourceView,
  TransferQueryDto,
  TransferView,
  UserQueryDto,
} from './dto/ownership.dto';
import { OwnershipService } from './ownership.service';

@ApiTags('ownership')
@RequireAdmin()
@Controller('api/ownership')
export class OwnershipController {
  constructor(private readonly ownership: OwnershipService) {}

  @Post('resources')
  createResource(@Principal() principal: PrincipalType, @Body() dto: CreateResourceDto): Promise<ResourceView> {
    return this.ownership.createResource(principal, dto);
  }

  @Get('resources')
  listResources(@Principal() principal: PrincipalType, @Query() query: ResourceQueryDto): Promise<PageOf<ResourceView>> {
    return this.ownership.listResources(principal, query.ownerUserId, query.offset, query.limit);
  }

  @Get('resources/:id')
  getResource(@Principal() principal: PrincipalType, @Param('id', ParseUUIDPipe) id: string): Promise<ResourceView> {
    return this.ownership.getResource(principal, id);
  }

  @Get('permissions')
  listPermissions(@Principal() principal: PrincipalType, @Query() query: UserQueryDto) {
    return this.ownership.listPermissions(principal, query.userId);
  }

  @Post('permissions')
  grant(@Principal() principal: PrincipalType, @Body() dto: GrantPermissionDto) {
    return this.ownership.grant(principal, dto.userId, dto.permission);
  }

  @Delete('permissions/:userId/:permission')
  @HttpCode(204)
  revoke(
    @Principal() principal: PrincipalType,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Param('permission') permission: string,
  ): Promise<void> {
    return this.ownership.revoke(principal, userId, permission);
  }

  @Get('transfers')
  listTransfers(@Principal() principal: PrincipalType, @Query() query: TransferQueryDto): Promise<PageOf<TransferView>> {
    return this.ownership.listTransfers(principal, query.userId, query.offset, query.limit);
  }
}
