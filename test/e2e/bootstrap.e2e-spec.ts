import { BootstrapRefusedError, BootstrapService } from '../../src/cli/bootstrap.service';
import { OAuthApplication } from '../../src/oauth2/entities/oauth-application.entity';
import { ADMIN_PERMISSION, PermissionGrant } from '../../src/ownership/entities/permission-grant.entity';
import { CompanyOwner } from '../../src/tenancy/entities/company-owner.entity';
import { Subscription } from '../../src/tenancy/entities/subscription.entity';
import { WFUser } from '../../src/users/entities/wf-user.entity';
import { createTestApp, TestApp } from '../support/test-app';
import { clientCredentialsToken } from '../support/tenant';

describe(BootstrapService.name, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates company, subscription, admin user (owner of both, admin permission) and an admin application', async () => {
    const result = await t.app.get(BootstrapService).bootstrap({ company: 'Contoso', subscription: 'Prod', admin: 'admin@contoso.com' });
    const user = await t.dataSource.getRepository(WFUser).findOneByOrFail({ guidUser: result.adminUserId });
    const subscription = await t.dataSource.getRepository(Subscription).findOneByOrFail({ guidSubscription: result.subscriptionId });
    expect(subscription.idOwnerUser).toBe(user.idUser);
    expect(await t.dataSource.getRepository(CompanyOwner).existsBy({ idCompany: subscription.idCompany, idUser: user.idUser })).toBe(true);
    expect(await t.dataSource.getRepository(PermissionGrant).existsBy({ idUser: user.idUser, permission: ADMIN_PERMISSION })).toBe(true);
    const app = await t.dataSource.getRepository(OAuthApplication).findOneByOrFail({ clientId: result.clientId });
    expect(app).toMatchObject({ grantType: 'client_credentials', allowedScopes: 'api usersync', idUser: user.idUser });
    expect(await clientCredentialsToken(t, result.clientId, result.clientSecret)).toEqual(expect.any(String));
  });

  it('refuses an existing subscription and changes nothing', async () => {
    const users = await t.dataSource.getRepository(WFUser).count();
    await expect(
      t.app.get(BootstrapService).bootstrap({ company: 'Contoso', subscription: 'Prod', admin: 'other@contoso.com' }),
    ).rejects.toBeInstanceOf(BootstrapRefusedError);
    expect(await t.dataSource.getRepository(WFUser).count()).toBe(users);
  });

  it('adds a subscription to an existing company', async () => {
    const result = await t.app.get(BootstrapService).bootstrap({ company: 'Contoso', subscription: 'Staging', admin: 'admin@contoso.com' });
    expect(result.subscription).toBe('Staging');
  });
});
