import { Injectable } from '@nestjs/common';
import { PageOf } from '../common/dto/page-query.dto';
import { OAuthApplicationRepository } from '../oauth2/oauth-application.repository';
import { AdminScope } from '../tenancy/admin-scope';
import { ActivityRepository } from './activity.repository';
import { ActivityQueryDto, ActivityView } from './dto/activity.dto';
import { ProvisioningActivity } from './entities/provisioning-activity.entity';

/** The provisioning activity of one subscription, as the admin API shows it. */
@Injectable()
export class ActivityService {
  constructor(
    private readonly activities: ActivityRepository,
    private readonly applications: OAuthApplicationRepository,
  ) {}

  async list(scope: AdminScope, query: ActivityQueryDto): Promise<PageOf<ActivityView>> {
    let idApplication: number | undefined;
    if (query.applicationId) {
      const application = await this.applications.findByGuidIncludingRevoked(scope.idSubscription, query.applicationId.toLowerCase());
      // An application that is not of this subscription made none of its requests.
      idApplication = application?.idApplication ?? -1;
    }
    const [rows, total] = await this.activities.list(
      {
        idSubscription: scope.idSubscription,
        idApplication,
        operation: query.operation,
        outcome: query.outcome,
        resourceId: query.resourceId?.toLowerCase(),
        from: query.from,
        to: query.to,
      },
      query.offset,
      query.limit,
    );
    return { total, offset: query.offset, limit: query.limit, items: await this.views(scope, rows) };
  }

  /** The newest row of the subscription, or null when nothing has been provisioned yet. */
  async latest(scope: AdminScope): Promise<ActivityView | null> {
    const row = await this.activities.latest(scope.idSubscription);
    return row ? (await this.views(scope, [row]))[0] : null;
  }

  private async views(scope: AdminScope, rows: ProvisioningActivity[]): Promise<ActivityView[]> {
    const ids = [...new Set(rows.flatMap((r) => (r.idApplication === null ? [] : [r.idApplication])))];
    const applications = new Map((await this.applications.findByIdsIncludingRevoked(ids)).map((a) => [a.idApplication, a]));
    return rows.map((r) => {
      const application = r.idApplication === null ? undefined : applications.get(r.idApplication);
      return {
        id: String(r.idActivity),
        subscriptionId: scope.subscriptionId,
        applicationId: application?.guidApplication ?? null,
        applicationName: application?.name ?? null,
        operation: r.operation,
        resourceType: r.resourceType,
        resourceId: r.resourceId,
        resourceName: r.resourceName,
        outcome: r.outcome,
        status: r.status,
        scimType: r.scimType,
        detail: r.detail,
        requestId: r.requestId,
        createdAt: r.createdAt.toISOString(),
      };
    });
  }
}
