import { SqlDialect } from '../../src/database/sql-dialect';
import { escapeLike, filterToSql } from '../../src/scim/filter/filter-sql';
import { parseFilter } from '../../src/scim/filter/filter.parser';
import { USER_MAPPING } from '../../src/scim/users/user-attribute-map';

const dialect: SqlDialect = {
  escape: (n) => `"${n}"`,
  table: (entity) => `"${(entity as { name: string }).name}"`,
  numeric: (e) => `NUMBER(${e})`,
};
const sql = (filter: string) => filterToSql(parseFilter(filter), USER_MAPPING, dialect);

describe(filterToSql.name, () => {
  it('compares userName through the case-folded, indexed key', () => {
    expect(sql('UserName eq "Alice@Example.com"')).toEqual({ sql: '"u"."userNameKey" = :f0', params: { f0: 'alice@example.com' } });
  });

  it('names where in the filter an attribute it cannot apply stands', () => {
    expect(() => sql('userName eq "a" and nickNameX eq "b"')).toThrow('Unsupported attribute "nickNameX" in filter at position 21');
    expect(() => sql('active eq "maybe"')).toThrow('active: a boolean attribute takes eq or ne with true or false at position 1');
    expect(() => sql('emails[type eq "work" and kind eq "x"]')).toThrow('Unsupported attribute "kind" at position 27');
  });

  it('never puts client text into the SQL', () => {
    const { sql: text, params } = sql('displayName eq "x\' OR 1=1 --"');
    expect(text).not.toContain('OR 1=1');
    expect(Object.values(params)).toContain("x' or 1=1 --");
  });

  it('escapes LIKE wildcards and brackets', () => {
    expect(escapeLike('50%_[a]\\')).toBe('50\\%\\_\\[a]\\\\');
    expect(sql('title co "50%"')).toEqual({ sql: `LOWER("u"."title") LIKE :f0 ESCAPE '\\'`, params: { f0: '%50\\%%' } });
  });

  it('answers multi-valued attributes with EXISTS over their rows', () => {
    const { sql: text, params } = sql('emails[type eq "work" and value co "@contoso.com"]');
    expect(text).toMatch(/^EXISTS \(SELECT 1 FROM "WFUserValue" "c0" WHERE "c0"."idUser" = "u"."idUser" AND "c0"."attribute" = :f0 AND/);
    expect(params).toMatchObject({ f0: 'emails', f1: 'work', f2: '%@contoso.com%' });
  });

  it('treats externalId as case-exact and dates as dates', () => {
    expect(sql('externalId eq "AbC"')).toEqual({ sql: '"u"."externalId" = :f0', params: { f0: 'AbC' } });
    const { params } = sql('meta.lastModified gt "2020-01-01T00:00:00Z"');
    expect(params.f0).toEqual(new Date('2020-01-01T00:00:00Z'));
  });

  it('reaches the manager through the boss row', () => {
    expect(sql('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "abc"').sql).toContain(
      '"c0"."idUser" = "u"."idBossUser"',
    );
  });

  it.each(['nosuch eq "x"', 'active co "t"', 'meta.created eq "yesterday"', 'emails[nosuch eq "x"]'])(
    'refuses %s with invalidFilter',
    (f) => {
      expect(() => sql(f)).toThrow(expect.objectContaining({ code: 'invalid_filter' }));
    },
  );
});
