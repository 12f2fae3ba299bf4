import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiAdminErrors } from '../common/openapi/admin-responses';
import { Principal, RequireAdmin } from '../auth/auth.decorators';
import type { Principal as PrincipalType } from '../auth/principal';
import { SubscriptionOverviewService } from './subscription-overview.service';
import { SubscriptionDetailView } from './subscription-overview.view';

/** `GET /api/tenancy/subscriptions/{id}`: beside the tenancy routes, drawn from every module. */
@ApiTags('tenancy')
@RequireAdmin()
@ApiAdminErrors()
@Controller('api/tenancy/subscriptions')
export class SubscriptionOverviewController {
  constructor(private readonly overview: SubscriptionOverviewService) {}

  @Get(':id')
  @ApiOperation({ summary: 'A subscription: owner, counts, applications, last activity' })
  @ApiOkResponse({ type: SubscriptionDetailView, description: 'Owner, counts, applications and the last provisioning activity' })
  describe(@Principal() principal: PrincipalType, @Param('id', ParseUUIDPipe) id: string): Promise<SubscriptionDetailView> {
    return this.overview.describe(principal, id);
  }
}
