import fc from 'fast-check';
import { AppError } from '../../src/common/errors/app-error';
import { HTTP_STATUS } from '../../src/common/errors/http-status';
import { applyPatch, parsePatchRequest } from '../../src/scim/patch/patch.engine';
import { canonicalizeResource, cloneJson } from '../../src/scim/schema/canonicalize';
import { DEFAULT_REQUEST_LIMITS } from '../../src/config/app-config';
import { ENTERPRISE_SCHEMA, ENTERPRISE_USER, groupSchema, userSchema, WFUSER_EXTENSION } from '../../src/scim/schema/scim-schemas';

const users = { core: userSchema({ requireDisplayName: true, requireEmail: true }), extensions: [ENTERPRISE_USER, WFUSER_EXTENSION] };
const groups = { core: groupSchema(DEFAULT_REQUEST_LIMITS.membersPerRequest), extensions: [] };

const isClientError = (error: unknown) => error instanceof AppError && HTTP_STATUS[error.code] >= 400 && HTTP_STATUS[error.code] < 500;

const user = () => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'b0c1d2e3-0000-4000-8000-000000000001',
  userName: 'alice@contoso.com',
  displayName: 'Alice',
  active: true,
  name: { givenName: 'Alice', familyName: 'Smith' },
  emails: [{ value: 'alice@contoso.com', type: 'work', primary: true }],
  [ENTERPRISE_SCHEMA]: { department: 'R&D', manager: { value: 'b0c1d2e3-0000-4000-8000-000000000002' } },
});

const path = fc.oneof(
  fc.constantFrom(
    'displayName',
    'active',
    'id',
    'password',
    'name.givenName',
    'emails',
    'emails[type eq "work"].value',
    'emails[type eq "home"]',
    'emails[value co "@"].primary',
    'phoneNumbers[type eq "mobile"].value',
    'members',
    'manager',
    `${ENTERPRISE_SCHEMA}:department`,
    ENTERPRISE_SCHEMA,
    'urn:example:unknown:2.0:User',
    'nosuch',
    'emails[',
    'a.b.c',
  ),
  fc.string({ maxLength: 30 }),
);
const json = fc.jsonValue({ maxDepth: 3 });
const operation = fc.record(
  { op: fc.constantFrom('add', 'replace', 'remove', 'Add', 'Replace', 'Remove', 'jump'), path, value: json },
  { requiredKeys: ['op'] },
);

describe('PATCH engine, for any operations (property-based)', () => {
  it.each([
    ['User', users, user()],
    ['Group', groups, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id: 'g1', displayName: 'G' }],
  ])('%s: applies or refuses with a 4xx error, never anything else, and never changes its input', (_type, schemas, resource) => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 8 }), (operations) => {
        const before = cloneJson(resource);
        try {
          const parsed = parsePatchRequest({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: operations });
          const patched = applyPatch(resource, parsed, schemas);
          canonicalizeResource(patched, schemas);
        } catch (error) {
          if (!isClientError(error)) throw error;
        }
        expect(resource).toEqual(before);
      }),
      { numRuns: 3000 },
    );
  });
});
