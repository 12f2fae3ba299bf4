import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Company } from '../../src/tenancy/entities/company.entity';
import { Subscription } from '../../src/tenancy/entities/subscription.entity';
import { newUserAttributes, WFUserAttributes } from '../../src/users/entities/wf-user.entity';

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
  return newUserAttributes(overrides.userName ?? `user-${id}@example.com`, {
    fullName: `User ${id}`,
    givenName: 'Given',
    familyName: 'Family',
    userEmail: `user-${id}@example.com`,
    ...overrides,
  });
}
