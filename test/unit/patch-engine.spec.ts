import { ErrorCode } from '../../src/common/errors/app-error';
import { applyPatch, parsePatchRequest } from '../../src/scim/patch/patch.engine';
import { ENTERPRISE_SCHEMA, ENTERPRISE_USER, PATCH_OP_SCHEMA, userSchema, WFUSER_EXTENSION } from '../../src/scim/schema/scim-schemas';

const schemas = { core: userSchema({ requireDisplayName: true, requireEmail: true }), extensions: [ENTERPRISE_USER, WFUSER_EXTENSION] };
const patch = (resource: Record<string, unknown>, ...operations: unknown[]) =>
  applyPatch(resource, parsePatchRequest({ schemas: [PATCH_OP_SCHEMA], Operations: operations }), schemas);

const user = () => ({
  userName: 'a',
  displayName: 'A',
  active: true,
  name: { givenName: 'G', familyName: 'F' },
  emails: [{ value: 'a@work', type: 'work', primary: true }],
});

describe(applyPatch.name, () => {
  it("takes Entra ID's capitalised ops and string booleans", () => {
    expect(patch(user(), { op: 'Replace', path: 'active', value: 'False' })).toMatchObject({ active: false });
  });

  it('replaces a filtered sub-attribute, creating the element when none matches', () => {
    expect(patch(user(), { op: 'replace', path: 'emails[type eq "work"].value', value: 'b@work' }).emails).toEqual([
      { value: 'b@work', type: 'work', primary: true },
    ]);
    expect(patch({ userName: 'a' }, { op: 'Replace', path: 'emails[type eq "work"].value', value: 'c@work' }).emails).toEqual([
      { type: 'work', value: 'c@work' },
    ]);
  });

  it('applies path-less values with dotted keys and extension URNs', () => {
    const out = patch(user(), {
      op: 'replace',
      value: { 'name.givenName': 'New', displayName: 'D', [ENTERPRISE_SCHEMA]: { department: 'R&D' } },
    });
    expect(out).toMatchObject({
      name: { givenName: 'New', familyName: 'F' },
      displayName: 'D',
      [ENTERPRISE_SCHEMA]: { department: 'R&D' },
    });
  });

  it('accepts the manager as a bare id, {value} or [{value,$ref}]', () => {
    for (const value of ['m1', { value: 'm1' }, [{ value: 'm1', $ref: '../Users/m1' }]]) {
      expect(patch(user(), { op: 'Add', path: `${ENTERPRISE_SCHEMA}:manager`, value })[ENTERPRISE_SCHEMA]).toMatchObject({
        manager: { value: 'm1' },
      });
    }
    expect(patch(user(), { op: 'add', path: 'manager', value: 'm2' })[ENTERPRISE_SCHEMA]).toMatchObject({ manager: { value: 'm2' } });
  });

  it('adds to and removes from multi-valued attributes', () => {
    const added = patch(user(), { op: 'add', path: 'emails', value: [{ value: 'h@home', type: 'home' }] });
    expect(added.emails).toHaveLength(2);
    expect(patch(added, { op: 'remove', path: 'emails[type eq "home"]' }).emails).toEqual(user().emails);
    expect(patch(user(), { op: 'remove', path: 'name.givenName' }).name).toEqual({ familyName: 'F' });
  });

  it('leaves the input untouched and applies all or nothing', () => {
    const original = user();
    expect(() =>
      patch(original, { op: 'replace', path: 'displayName', value: 'X' }, { op: 'replace', path: 'nosuch', value: 1 }),
    ).toThrow();
    expect(original.displayName).toBe('A');
    // nested members too, after operations that succeed
    patch(original, { op: 'replace', path: 'emails[type eq "work"].value', value: 'b@work' }, { op: 'remove', path: 'name.givenName' });
    expect(original).toEqual(user());
  });

  it('applies a value under an extension URN path within that extension, and removes the extension by its URN', () => {
    const touched = new Set<string>();
    const out = applyPatch(
      { ...user(), [ENTERPRISE_SCHEMA]: { costCenter: 'C1' } },
      parsePatchRequest({
        schemas: [PATCH_OP_SCHEMA],
        Operations: [{ op: 'add', path: ENTERPRISE_SCHEMA, value: { department: 'Sales', employeeNumber: '42' } }],
      }),
      schemas,
      touched,
    );
    expect(out[ENTERPRISE_SCHEMA]).toEqual({ costCenter: 'C1', department: 'Sales', employeeNumber: '42' });
    expect([...touched]).toEqual([`${ENTERPRISE_SCHEMA}:department`, `${ENTERPRISE_SCHEMA}:employeeNumber`]);
    expect(patch(out, { op: 'remove', path: ENTERPRISE_SCHEMA })[ENTERPRISE_SCHEMA]).toBeUndefined();
  });

  it('ignores a read-only attribute sent with its current value, and reports what the operations touched', () => {
    const touched = new Set<string>();
    const out = applyPatch(
      { ...user(), id: 'abc' },
      parsePatchRequest({ schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', value: { id: 'abc', displayName: 'New' } }] }),
      schemas,
      touched,
    );
    expect(out).toMatchObject({ id: 'abc', displayName: 'New' });
    expect([...touched]).toEqual(['displayName']);
  });

  it('checks a password and discards it, with or without a path', () => {
    const touched = new Set<string>();
    const out = applyPatch(
      user(),
      parsePatchRequest({
        schemas: [PATCH_OP_SCHEMA],
        Operations: [
          { op: 'replace', value: { password: 't1meMa$heen' } },
          { op: 'replace', path: 'password', value: 'other' },
        ],
      }),
      schemas,
      touched,
    );
    expect(out).toEqual(user());
    expect(touched.size).toBe(0);
  });

  it('keeps primary false as sent', () => {
    const out = patch(user(), { op: 'add', path: 'emails', value: [{ value: 'h@home', type: 'home', primary: false }] });
    expect(out.emails).toEqual([...user().emails, { value: 'h@home', type: 'home', primary: false }]);
  });

  it.each([
    [{ op: 'remove' }, ErrorCode.NoTarget],
    [{ op: 'replace', path: 'id', value: 'y' }, ErrorCode.Mutability],
    [{ op: 'remove', path: 'id' }, ErrorCode.Mutability],
    [{ op: 'replace', path: 'password', value: { not: 'a string' } }, ErrorCode.InvalidValue],
    [{ op: 'add', path: 'urn:example:params:scim:schemas:extension:other:2.0:User', value: { a: 1 } }, ErrorCode.InvalidPath],
    [{ op: 'add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', value: 'Sales' }, ErrorCode.InvalidValue],
    [{ op: 'replace', path: 'nosuch', value: 'x' }, ErrorCode.InvalidPath],
    [{ op: 'replace', path: 'active', value: 'maybe' }, ErrorCode.InvalidValue],
    [{ op: 'jump', path: 'active', value: true }, ErrorCode.InvalidSyntax],
  ])('refuses %j', (operation, code) => {
    expect(() => patch({ ...user(), id: 'x' }, operation)).toThrow(expect.objectContaining({ code }));
  });

  it('refuses a body that is not a PatchOp', () => {
    expect(() => parsePatchRequest({ Operations: [] })).toThrow(expect.objectContaining({ code: ErrorCode.InvalidSyntax }));
  });
});
