import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Company } from '../../src/tenancy/entities/company.entity';
import { Subscription } from '../../src/tenancy/entities/subscription.entity';
import { WFUserAttributes } from '../../src/users/wf-user.repository';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A company with one subscription, written straight to the database. */
export async function makeSubscription(ds: DataSource, name = `sub-${unique()}`): Promise<Subscription> {
  const company = await ds.getRepository(Company).save({ name: `company-${unique()}`, createdAt: new Date() });
  return ds.getRepository(Subscription).save({
    guidSubscription: randomUUID(),
    idCompany: company.idCompany,
    name,
    idOwnerUser: null,
    createdAt: new Date(),
  });
}

export function makeUserAttributes(overrides: Partial<WFUserAttributes> = {}): WFUserAttributes {
  const id = unique();
  return {
    userName: `user-${id}@example.com`,
    domain: null,
    fullName: `User ${id}`,
    givenName: 'Given',
    familyName: 'Family',
    middleName: null,
    honorificPrefix: null,
    honorificSuffix: null,
    formattedName: null,
    nickName: null,
    profileUrl: null,
    title: null,
    userType: null,
    preferredLanguage: null,
    locale: null,
    timezone: null,
    userEmail: `user-${id}@example.com`,
    mobile: null,
    externalId: null,
    employeeNumber: null,
    costCenter: null,
    organization: null,
    division: null,
    department: null,
    enabled: true,
    idBossUser: null,
    ...overrides,
  };
}
