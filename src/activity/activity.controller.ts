import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageOf } from '../common/dto/page-query.dto';
import { ApiAdminErrors, ApiPage } from '../common/openapi/admin-responses';
import { Principal, RequireAdmin } from '../auth/auth.decorators';
import type { Principal as PrincipalType } from '../auth/principal';
import { AdminScopes } from '../tenancy/admin-scope';
import { ActivityService } from './activity.service';
import { ActivityQueryDto, ActivityView } from './dto/activity.dto';

@ApiTags('activity')
@RequireAdmin()
@ApiAdminErrors()
@Controller('api/activity')
export class ActivityController {
  constructor(
    private readonly activity: ActivityService,
    private readonly scopes: AdminScopes,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Provisioning activity of a subscription, newest first',
    description:
      'Every SCIM write (create, replace, update, disable, delete, membership) and every refused SCIM request (4xx, with its scimType and detail), kept ACTIVITY_RETENTION_DAYS days.',
  })
  @ApiPage(ActivityView)
  async list(@Principal() principal: PrincipalType, @Query() query: ActivityQueryDto): Promise<PageOf<ActivityView>> {
    return this.activity.list(await this.scopes.resolve(principal, query.subscriptionId), query);
  }
}
