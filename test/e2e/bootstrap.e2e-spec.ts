import { BootstrapRefusedError, BootstrapService } from '../../src/cli/bootstrap.service';
import { OAuthApplication } from '../../src/auth/entities/oauth-application.entity';
import { ADMIN_PERMISSION, PermissionGrant } from '../../src/users/entities/permission-grant.entity';
import { CompanyOwner } from '../../src/tenancy/entities/company-owner.entity';
import { Subscription } from '../../src/tenancy/entities/subscription.entity';
import { WFUser } from '../../src/users/entities/wf-user.entity';
import request from 'supertest';
import { WFUserRepository } from '../../src/users/wf-user.repository';
import { makeUserAttributes } from '../support/factories';
import { SCIM, scimClient } from '../support/scim-client';
import { createTestApp, TestApp } from '../support/test-app';

const PATCH_OP = SCIM.PATCH_OP;
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

  it('creates the admin as a SCIM POST would: work email, display name, and a user every SCIM write accepts', async () => {
    const result = await t.app
      .get(BootstrapService)
      .bootstrap({ company: 'Fabrikam', subscription: 'Prod', admin: 'admon', email: 'admon@fabrikam.example', displayName: 'Admon' });
    const user = await t.dataSource.getRepository(WFUser).findOneByOrFail({ guidUser: result.adminUserId });
    expect(user).toMatchObject({ userName: 'admon', fullName: 'Admon', userEmail: 'admon@fabrikam.example', enabled: true });
    const token = await clientCredentialsToken(t, result.clientId, result.clientSecret);
    const got = await request(t.http).get(`/scim/v2/Users/${result.adminUserId}`).auth(token, { type: 'bearer' }).expect(200);
    expect(got.body.emails).toEqual([{ value: 'admon@fabrikam.example', type: 'work', primary: true }]);
    // the only company owner: disabling is the documented 409, not a validation error
    const disable = await request(t.http)
      .patch(`/scim/v2/Users/${result.adminUserId}`)
      .auth(token, { type: 'bearer' })
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] })
      .expect(409);
    expect(disable.body).toMatchObject({ status: '409' });
    expect((await t.dataSource.getRepository(WFUser).findOneByOrFail({ guidUser: result.adminUserId })).enabled).toBe(true);
  });

  it('refuses an admin without an email, creating nothing', async () => {
    const companies = await t.dataSource.getRepository(Subscription).count();
    await expect(
      t.app.get(BootstrapService).bootstrap({ company: 'Northwind', subscription: 'Prod', admin: 'admon' }),
    ).rejects.toMatchObject({
      code: 'invalid_value',
      message: expect.stringContaining('emails'),
    });
    expect(await t.dataSource.getRepository(Subscription).count()).toBe(companies);
    expect(await t.dataSource.getRepository(WFUser).countBy({ userName: 'admon' })).toBe(1);
  });

  it('judges a PATCH on what it changes: a stored user without email can be changed and disabled, its last email not removed', async () => {
    const result = await t.app
      .get(BootstrapService)
      .bootstrap({ company: 'Litware', subscription: 'Prod', admin: 'owner@litware.example' });
    const token = await clientCredentialsToken(t, result.clientId, result.clientSecret);
    const scim = scimClient(t, token);
    // a user the platform created itself, without the email SCIM requires
    const subscription = await t.dataSource.getRepository(Subscription).findOneByOrFail({ guidSubscription: result.subscriptionId });
    const legacy = await t.app.get(WFUserRepository).create(subscription.idSubscription, makeUserAttributes({ userEmail: null }));
    await scim
      .patch(`/Users/${legacy.guidUser}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Clerk' }] })
      .expect(200);
    await scim
      .patch(`/Users/${legacy.guidUser}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] })
      .expect(200);
    expect(await t.dataSource.getRepository(WFUser).findOneByOrFail({ guidUser: legacy.guidUser })).toMatchObject({
      title: 'Clerk',
      enabled: false,
    });
    // a user with its one email: removing it is refused and nothing changes
    const removed = await scim
      .patch(`/Users/${result.adminUserId}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'emails' }] })
      .expect(400);
    expect(removed.body).toMatchObject({ scimType: 'invalidValue', detail: 'emails is required and cannot be removed' });
    const blank = await scim
      .patch(`/Users/${result.adminUserId}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: ' ' }] })
      .expect(400);
    expect(blank.body.detail).toBe('displayName is required and cannot be removed');
    expect((await t.dataSource.getRepository(WFUser).findOneByOrFail({ guidUser: result.adminUserId })).userEmail).toBe(
      'owner@litware.example',
    );
  });

  it('adds a subscription to an existing company', async () => {
    const result = await t.app.get(BootstrapService).bootstrap({ company: 'Contoso', subscription: 'Staging', admin: 'admin@contoso.com' });
    expect(result.subscription).toBe('Staging');
  });
});
