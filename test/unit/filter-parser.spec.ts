import { ErrorCode } from '../../src/common/errors/app-error';
import { parseFilter, parsePatchPath } from '../../src/scim/filter/filter.parser';

describe(parseFilter.name, () => {
  it.each([
    ['userName eq "bjensen"', { kind: 'compare', path: { attribute: 'userName' }, op: 'eq', value: 'bjensen' }],
    [
      'name.FamilyName eq Employee',
      { kind: 'compare', path: { attribute: 'name', subAttribute: 'FamilyName' }, op: 'eq', value: 'Employee' },
    ],
    [
      'meta.Created gt 2015-10-10T14:38:21.8617979-07:00',
      { kind: 'compare', path: { attribute: 'meta', subAttribute: 'Created' }, op: 'gt', value: '2015-10-10T14:38:21.8617979-07:00' },
    ],
    ['title pr', { kind: 'present', path: { attribute: 'title' } }],
    ['active EQ True', { kind: 'compare', path: { attribute: 'active' }, op: 'eq', value: true }],
    ['x eq null', { kind: 'compare', path: { attribute: 'x' }, op: 'eq', value: null }],
    ['x eq 42', { kind: 'compare', path: { attribute: 'x' }, op: 'eq', value: 42 }],
    ['displayName eq "a \\"quoted\\" name"', { kind: 'compare', path: { attribute: 'displayName' }, op: 'eq', value: 'a "quoted" name' }],
    [
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "x"',
      {
        kind: 'compare',
        path: { schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', attribute: 'manager', subAttribute: 'value' },
        op: 'eq',
        value: 'x',
      },
    ],
  ])('%s', (input, expected) => {
    expect(parseFilter(input)).toMatchObject(expected);
  });

  it('binds not tighter than and, and tighter than or', () => {
    const f = parseFilter('a eq "1" or b eq "2" and not (c pr)');
    expect(f).toMatchObject({
      kind: 'or',
      left: { kind: 'compare' },
      right: { kind: 'and', right: { kind: 'not', filter: { kind: 'present' } } },
    });
  });

  it("parses complex attribute filters and Entra ID's sub-attribute form", () => {
    expect(parseFilter('emails[type eq "work" and value co "@contoso.com"]')).toMatchObject({
      kind: 'valuePath',
      path: { attribute: 'emails' },
      filter: { kind: 'and' },
    });
    expect(parseFilter('emails[type eq "work"].value eq "a@b.c"')).toMatchObject({
      kind: 'valuePath',
      then: { subAttribute: 'value', op: 'eq', value: 'a@b.c' },
    });
  });

  it.each([
    ['', 'Empty filter'],
    ['userName', 'Expected an operator'],
    ['userName xx "a"', 'Expected an operator'],
    ['userName eq "a', 'Unterminated string'],
    ['(userName eq "a"', 'Expected ")"'],
    ['userName eq "a" extra', 'Unexpected text'],
    ['emails[type eq "work"', 'Expected "]"'],
  ])('refuses %j with invalidFilter naming the position', (input, message) => {
    expect(() => parseFilter(input)).toThrow(
      expect.objectContaining({
        code: ErrorCode.InvalidFilter,
        message: expect.stringMatching(new RegExp(`${message.replace(/[()[\]"]/g, '\\$&')}.*at position \\d+`)),
      }),
    );
  });
});

describe(parsePatchPath.name, () => {
  it.each([
    ['userName', { path: { attribute: 'userName' } }],
    ['name.givenName', { path: { attribute: 'name', subAttribute: 'givenName' } }],
    ['emails[type eq "work"].value', { path: { attribute: 'emails' }, filter: { kind: 'compare' }, subAttribute: 'value' }],
    ['members[value eq "2819c223"]', { path: { attribute: 'members' }, filter: { kind: 'compare', value: '2819c223' } }],
    [
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
      { path: { schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', attribute: 'manager' } },
    ],
  ])('%s', (input, expected) => expect(parsePatchPath(input)).toMatchObject(expected));

  it('refuses a malformed path with invalidPath', () => {
    expect(() => parsePatchPath('emails[type eq "work"')).toThrow(expect.objectContaining({ code: ErrorCode.InvalidPath }));
    expect(() => parsePatchPath('a.b.c')).toThrow(expect.objectContaining({ code: ErrorCode.InvalidPath }));
  });
});
