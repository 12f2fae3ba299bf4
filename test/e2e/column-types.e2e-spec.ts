import { randomUUID } from 'node:crypto';
import { ObjectLiteral, Repository } from 'typeorm';
import { AccessToken } from '../../src/auth/entities/access-token.entity';
import { OAuthApplication } from '../../src/auth/entities/oauth-application.entity';
import { OwnershipTransfer } from '../../src/ownership/entities/ownership-transfer.entity';
import { PermissionGrant } from '../../src/users/entities/permission-grant.entity';
import { Resource } from '../../src/ownership/entities/resource.entity';
import { Company } from '../../src/tenancy/entities/company.entity';
import { CompanyOwner } from '../../src/tenancy/entities/company-owner.entity';
import { Subscription } from '../../src/tenancy/entities/subscription.entity';
import { WFGroup } from '../../src/users/entities/wf-group.entity';
import { WFUserValue } from '../../src/users/entities/wf-user-value.entity';
import { WFUser } from '../../src/users/entities/wf-user.entity';
import { WFUserRepository } from '../../src/users/wf-user.repository';
import { createTestApp, TestApp } from '../support/test-app';
import { makeTenant } from '../support/tenant';

/** Every column type comes back as it was written, on each database: dates to the millisecond, booleans, nulls, Unicode. */
describe('column types round-trip', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  // Getters: a fresh Date each time, so a driver that modifies the Date it is given cannot hide a loss.
  const at = {
    get when() {
      return new Date('2026-03-04T05:06:07.001Z');
    },
    get later() {
      return new Date('2026-03-04T05:06:08.125Z');
    },
  };

  /**
   * Writes the row, reads it back by the given key, and checks each named column against what
   * was sent (a copy: an insert writes the values the database returned back into its entity).
   */
  async function roundTrip<T extends ObjectLiteral>(repo: Repository<T>, row: Partial<T>, key: Partial<T>, columns: (keyof T)[]) {
    const sentRow = { ...row };
    // the ISO text of each Date as sent, taken before the insert could touch it
    for (const [k, v] of Object.entries(sentRow)) if (v instanceof Date) (sentRow as Record<string, unknown>)[k] = v.toISOString();
    await repo.insert(row as never);
    const read = await repo.findOneByOrFail(key as never);
    for (const column of columns) {
      const [sent, got]: unknown[] = [sentRow[column], read[column]];
      expect([column, sent instanceof Date ? sent.toISOString() : sent]).toEqual([column, got instanceof Date ? got.toISOString() : got]);
    }
    return read;
  }

  it('dates keep their milliseconds, nullable columns their nulls, text its characters', async () => {
    const tenant = await makeTenant(t);
    const ds = t.dataSource;
    const subscription = await ds.getRepository(Subscription).findOneByOrFail({ guidSubscription: tenant.subscriptionId });
    const admin = await ds.getRepository(WFUser).findOneByOrFail({ guidUser: tenant.adminUserId });
    const guidUser = randomUUID();
    const user = await roundTrip(
      ds.getRepository(WFUser),
      {
        ...admin,
        idUser: undefined,
        guidUser,
        userName: 'zoë.ångström@example.com',
        userNameKey: 'zoë.ångström@example.com',
        fullName: 'Zoë Ångström 山田',
        deletedAt: at.later,
        createdAt: at.when,
        updatedAt: at.later,
        enabled: false,
        version: 7,
      },
      { guidUser },
      ['userName', 'fullName', 'deletedAt', 'createdAt', 'updatedAt', 'enabled', 'version', 'idBossUser'],
    );
    // the compiled read the SCIM API uses hydrates the same values
    const [compiled] = await t.app.get(WFUserRepository).findByIdsInAnySubscription([user.idUser]);
    expect([compiled.createdAt.toISOString(), compiled.updatedAt.toISOString(), compiled.enabled]).toEqual([
      at.when.toISOString(),
      at.later.toISOString(),
      false,
    ]);
    await roundTrip(
      ds.getRepository(WFUserValue),
      {
        idUser: user.idUser,
        attribute: 'emails',
        type: null,
        value: 'x'.repeat(5000),
        valueKey: null,
        display: null,
        isPrimary: false,
        position: 3,
      },
      { idUser: user.idUser, position: 3 },
      ['value', 'isPrimary', 'type', 'position'],
    );
    await roundTrip(
      ds.getRepository(WFUserValue),
      { idUser: user.idUser, attribute: 'emails', type: 'work', value: 'y', valueKey: 'y', display: null, isPrimary: null, position: 4 },
      { idUser: user.idUser, position: 4 },
      ['isPrimary'],
    );
    const guidGroup = randomUUID();
    await roundTrip(
      ds.getRepository(WFGroup),
      {
        guidGroup,
        idSubscription: subscription.idSubscription,
        displayName: 'Ünïcode',
        displayNameKey: 'ünïcode',
        externalId: null,
        createdAt: at.when,
        updatedAt: at.later,
        version: 1,
      },
      { guidGroup },
      ['displayName', 'externalId', 'createdAt', 'updatedAt'],
    );
    const application = await ds.getRepository(OAuthApplication).findOneByOrFail({ clientId: tenant.clientId });
    await ds
      .getRepository(OAuthApplication)
      .update({ idApplication: application.idApplication }, { revokedAt: at.when, updatedAt: at.later });
    expect(await ds.getRepository(OAuthApplication).findOneByOrFail({ idApplication: application.idApplication })).toMatchObject({
      revokedAt: at.when,
      updatedAt: at.later,
    });
    const tokenHash = 'f'.repeat(64);
    await roundTrip(
      ds.getRepository(AccessToken),
      {
        tokenHash,
        idApplication: application.idApplication,
        scopes: 'usersync',
        isClientSecret: true,
        expiresAt: at.later,
        createdAt: at.when,
      },
      { tokenHash },
      ['isClientSecret', 'expiresAt', 'createdAt'],
    );
    await roundTrip(ds.getRepository(Company), { name: 'ÄÖÜ company', createdAt: at.when }, { name: 'ÄÖÜ company' }, ['createdAt']);
    const owner = await ds.getRepository(CompanyOwner).findOneByOrFail({ idUser: admin.idUser });
    expect(owner.createdAt).toBeInstanceOf(Date);
    await roundTrip(
      ds.getRepository(Resource),
      {
        guidResource: randomUUID(),
        idSubscription: subscription.idSubscription,
        kind: 'process',
        name: 'Prozeß',
        idOwnerUser: admin.idUser,
        createdAt: at.when,
        updatedAt: at.later,
      },
      { name: 'Prozeß' },
      ['name', 'createdAt', 'updatedAt'],
    );
    await roundTrip(
      ds.getRepository(PermissionGrant),
      { idUser: user.idUser, permission: 'reports', createdAt: at.when },
      { idUser: user.idUser, permission: 'reports' },
      ['createdAt'],
    );
    expect(ds.getRepository(OwnershipTransfer).metadata.columns.find((c) => c.propertyName === 'createdAt')).toBeDefined();
  });
});
