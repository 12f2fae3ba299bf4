import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationsService } from '../oauth2/applications.service';
import { ADMIN_PERMISSION } from '../users/entities/permission-grant.entity';
import { PermissionGrantRepository } from '../users/permission-grant.repository';
import { TenancyRepository } from '../tenancy/tenancy.repository';
import { USER_SCHEMA } from '../scim/schema/scim-schemas';
import { ScimUsersService } from '../scim/users/scim-users.service';

export interface BootstrapInput {
  company: string;
  subscription: string;
  /** userName of the admin user. */
  admin: string;
  /** Work email of the admin user; default: `admin` when it is an address. */
  email?: string;
  /** Display name of the admin user; default: `admin`. */
  displayName?: string;
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
 * (client_credentials, scopes api + usersync) — all in one transaction. A user the SCIM API
 * would refuse (no email, an over-long value) is refused here too, and nothing is created.
 */
@Injectable()
export class BootstrapService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenancy: TenancyRepository,
    private readonly scimUsers: ScimUsersService,
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
      const subscription = await this.tenancy.createSubscription(company.idCompany, input.subscription, null, manager);
      // The first admin is created as a SCIM POST would create it, so it passes the same rules.
      const email = input.email ?? (input.admin.includes('@') ? input.admin : undefined);
      const { user: admin } = await this.scimUsers.createIn(
        subscription.idSubscription,
        {
          schemas: [USER_SCHEMA],
          userName: input.admin,
          displayName: input.displayName ?? input.admin,
          ...(email ? { emails: [{ value: email, type: 'work', primary: true }] } : {}),
        },
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
