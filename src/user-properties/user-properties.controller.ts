import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAdminErrors } from '../common/openapi/admin-responses';
import { Principal, RequireAdmin } from '../auth/auth.decorators';
import type { Principal as PrincipalType } from '../auth/principal';
import { CreateUserPropertyDto, DeleteUserPropertyQueryDto, UpdateUserPropertyDto, UserPropertyView } from './dto/user-property.dto';
import { UserPropertiesService } from './user-properties.service';

/** A subscription's custom user properties: the attributes of its SCIM properties extension. */
@ApiTags('user properties')
@RequireAdmin()
@ApiAdminErrors()
@Controller('api/tenancy/subscriptions/:subscriptionId/user-properties')
export class UserPropertiesController {
  constructor(private readonly properties: UserPropertiesService) {}

  @Post()
  @ApiOperation({ summary: "Define a user property: it becomes an attribute of the subscription's SCIM properties extension" })
  @ApiCreatedResponse({ type: UserPropertyView })
  @ApiAdminErrors(409)
  create(
    @Principal() principal: PrincipalType,
    @Param('subscriptionId', ParseUUIDPipe) subscriptionId: string,
    @Body() dto: CreateUserPropertyDto,
  ): Promise<UserPropertyView> {
    return this.properties.create(principal, subscriptionId, dto);
  }

  @Get()
  @ApiOperation({ summary: "The subscription's user properties, by name" })
  @ApiOkResponse({ type: [UserPropertyView] })
  list(@Principal() principal: PrincipalType, @Param('subscriptionId', ParseUUIDPipe) subscriptionId: string): Promise<UserPropertyView[]> {
    return this.properties.list(principal, subscriptionId);
  }

  @Get(':name')
  @ApiOperation({ summary: 'One user property' })
  @ApiOkResponse({ type: UserPropertyView })
  get(
    @Principal() principal: PrincipalType,
    @Param('subscriptionId', ParseUUIDPipe) subscriptionId: string,
    @Param('name') name: string,
  ): Promise<UserPropertyView> {
    return this.properties.get(principal, subscriptionId, name);
  }

  @Patch(':name')
  @ApiOperation({ summary: 'Change a user property (type and a lower maxLength only while no user holds a value)' })
  @ApiOkResponse({ type: UserPropertyView })
  @ApiAdminErrors(409)
  update(
    @Principal() principal: PrincipalType,
    @Param('subscriptionId', ParseUUIDPipe) subscriptionId: string,
    @Param('name') name: string,
    @Body() dto: UpdateUserPropertyDto,
  ): Promise<UserPropertyView> {
    return this.properties.update(principal, subscriptionId, name, dto);
  }

  @Delete(':name')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a user property; one users hold values of needs ?force=true, which deletes the values too' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiAdminErrors(409)
  remove(
    @Principal() principal: PrincipalType,
    @Param('subscriptionId', ParseUUIDPipe) subscriptionId: string,
    @Param('name') name: string,
    @Query() query: DeleteUserPropertyQueryDto,
  ): Promise<void> {
    return this.properties.remove(principal, subscriptionId, name, query.force === 'true');
  }
}
