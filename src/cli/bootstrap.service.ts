import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationsService } from '../oauth2/applications.service';
import { ADMIN_PERMISSION } from '../ownership/entities/permission-grant.entity';
import { PermissionGrantRepository } from '../ownership/permission-grant.repository';
import { TenancyRepository } from '../tenancy/tenancy.repository';
import { newUserAttributes, WFUserRepository } from '../users/wf-user.repository';

export interface BootstrapInput {
  company: string;
  subscription: string;
  admin: string;
}

export interface BootstrapResult {
  clientId: string;
  clientSecret: string;
  subscription: string;
  subscriptionId: string;
  adminUser: string;
  adminUserId: string;
}

/** Raised when bootstrap would change an existing tenant. */
export class BootstrapRefusedError extends Error {}

/**
 * The first credential of a tenant: company (reused when it exists), subscription, its admin
 * user (company owner, subscription owner, admin permission) and an admin application
 * (client_credentials, scopes api + usersync) — all in one transaction.
 */
@Injectable()
export class BootstrapService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenancy: TenancyRepository,
    private readonly users: WFUserRepository,
    private readonly permissions: PermissionGrantRepository,
    private readonly applications: ApplicationsService,
  ) {}

  bootstrap(input: BootstrapInput): Promise<BootstrapResult> {
    return this.dataSource.transaction(async (manager) => {
      const company =
        (await this.tenancy.findCompanyByName(input.company, manager)) ?? (await this.tenancy.createCompany(input.company, manager));
      if (await this.tenancy.findSubscriptionByName(company.idCompany, input.subscription, manager)) {
        throw new BootstrapRefusedError(
          `Subscription "${input.subscription}" already exists in company "${input.company}"; nothing was changed`,
        );
      }
      const subscription = await this.tenancy.createSubscription(company.idCompany, input.subscription, manager);
      const admin = await this.users.create(
        subscription.idSubscription,
        newUserAttributes(input.admin, { fullName: input.admin, userEmail: input.admin.includes('@') ? input.admin : null }),
        manager,
      );
      await this.tenancy.setSubscriptionOwner(subscription.idSubscription, admin.idUser, manager);
      await this.tenancy.addCompanyOwner(company.idCompany, admin.idUser, manager);
      await this.permissions.grant(admin.idUser, ADMIN_PERMISSION, manager);
      const { application, clientSecret } = await this.applications.register(
        {
          idSubscription: subscription.idSubscription,
          idUser: admin.idUser,
          name: `${input.subscription} administration`,
          grantType: 'client_credentials',
          allowedScopes: ['api', 'usersync'],
          tokenLifetimeSeconds: 3600,
        },
        manager,
      );
      return {
        clientId: application.clientId,
        clientSecret,
        subscription: subscription.name,
        subscriptionId: subscription.guidSubscription,
        adminUser: admin.userName,
        adminUserId: admin.guidUser,
      };
    });
  }
}
