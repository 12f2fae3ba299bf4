import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageOf, PageQueryDto } from '../common/dto/page-query.dto';
import { ApiAdminErrors, ApiPage } from '../common/openapi/admin-responses';
import { Principal, RequireAdmin } from '../auth/auth.decorators';
import type { Principal as PrincipalType } from '../auth/principal';
import {
  CompanyOwnerView,
  CreateSubscriptionDto,
  SubscriptionView,
  UserRefDto,
  UserSearchQueryDto,
  UserSummaryView,
} from './dto/tenancy.dto';
import { TenancyService } from './tenancy.service';

/** The caller's company: its subscriptions and owners. */
@ApiTags('tenancy')
@RequireAdmin()
@ApiAdminErrors()
@Controller('api/tenancy')
export class TenancyController {
  constructor(private readonly tenancy: TenancyService) {}

  @Post('subscriptions')
  @ApiOperation({ summary: 'Create a subscription, optionally with its owner' })
  @ApiCreatedResponse({ type: SubscriptionView })
  @ApiAdminErrors(409)
  createSubscription(@Principal() principal: PrincipalType, @Body() dto: CreateSubscriptionDto): Promise<SubscriptionView> {
    return this.tenancy.createSubscription(principal, dto.name, dto.ownerUserId);
  }

  @Get('subscriptions')
  @ApiOperation({ summary: "List the company's subscriptions" })
  @ApiPage(SubscriptionView)
  listSubscriptions(@Principal() principal: PrincipalType, @Query() page: PageQueryDto): Promise<PageOf<SubscriptionView>> {
    return this.tenancy.listSubscriptions(principal, page.offset, page.limit);
  }

  @Get('subscriptions/:id/users')
  @ApiOperation({ summary: "A subscription's users, by userName: to pick an owner or a resource's owner" })
  @ApiPage(UserSummaryView)
  listUsers(
    @Principal() principal: PrincipalType,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: UserSearchQueryDto,
  ): Promise<PageOf<UserSummaryView>> {
    return this.tenancy.listUsers(principal, id, query.search, query.offset, query.limit);
  }

  @Put('subscriptions/:id/owner')
  @ApiOperation({ summary: 'Name the subscription owner (an active user of the company)' })
  @ApiOkResponse({ type: SubscriptionView, description: 'The subscription with its new owner' })
  setSubscriptionOwner(
    @Principal() principal: PrincipalType,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UserRefDto,
  ): Promise<SubscriptionView> {
    return this.tenancy.setSubscriptionOwner(principal, id, dto.userId);
  }

  @Get('company/owners')
  @ApiOperation({ summary: 'List the company owners' })
  @ApiOkResponse({ type: [CompanyOwnerView] })
  listCompanyOwners(@Principal() principal: PrincipalType): Promise<CompanyOwnerView[]> {
    return this.tenancy.listCompanyOwners(principal);
  }

  @Post('company/owners')
  @ApiOperation({ summary: 'Add a company owner' })
  @ApiCreatedResponse({ type: [CompanyOwnerView], description: 'Every company owner after the change' })
  addCompanyOwner(@Principal() principal: PrincipalType, @Body() dto: UserRefDto): Promise<CompanyOwnerView[]> {
    return this.tenancy.addCompanyOwner(principal, dto.userId);
  }

  @Delete('company/owners/:userId')
  @ApiOperation({ summary: 'Remove a company owner (never the last active one)' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiAdminErrors(409)
  removeCompanyOwner(@Principal() principal: PrincipalType, @Param('userId', ParseUUIDPipe) userId: string): Promise<void> {
    return this.tenancy.removeCompanyOwner(principal, userId);
  }
}
