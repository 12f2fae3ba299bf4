import { SqlDialect } from '../../src/database/sql-dialect';
import { filterToSql } from '../../src/scim/filter/filter-sql';
import { parseFilter } from '../../src/scim/filter/filter.parser';
import { userMapping, userSort } from '../../src/scim/users/user-attribute-map';
import { propertiesExtension, propertyText, propertyValue } from '../../src/scim/users/user-properties-schema';
import { UserPropertyDefinition } from '../../src/user-properties/entities/user-property-definition.entity';

const PROPERTIES = 'urn:usersync:params:scim:schemas:extension:properties:2.0:User';
const dialect: SqlDialect = {
  escape: (n) => `"${n}"`,
  table: (entity) => `"${(entity as { name: string }).name}"`,
  numeric: (e) => `NUMBER(${e})`,
};

const definition = (name: string, type: UserPropertyDefinition['type'], extra: Partial<UserPropertyDefinition> = {}) =>
  Object.assign(new UserPropertyDefinition(), {
    name,
    nameKey: name.toLowerCase(),
    type,
    maxLength: type === 'string' ? 40 : null,
    required: false,
    caseExact: false,
    description: null,
    ...extra,
  });
const definitions = [
  definition('costCenter', 'string'),
  definition('code', 'string', { caseExact: true }),
  definition('badge', 'integer'),
  definition('fte', 'decimal'),
  definition('contractor', 'boolean'),
  definition('hired', 'dateTime'),
];
const sql = (filter: string) => filterToSql(parseFilter(filter), userMapping(definitions), dialect);
const exists = (inner: string) =>
  `EXISTS (SELECT 1 FROM "WFUserProperty" "c0" WHERE "c0"."idUser" = "u"."idUser" AND "c0"."name" = :f0 AND ${inner})`;

describe('custom user properties in SQL', () => {
  it('compares strings on the case-folded key, and the exact value for case-exact ones', () => {
    expect(sql(`${PROPERTIES}:COSTCENTER eq "CC-1"`)).toEqual({
      sql: exists('("c0"."valueKey" = :f1 AND LOWER("c0"."value") = :f2)'),
      params: { f0: 'costCenter', f1: 'cc-1', f2: 'cc-1' },
    });
    expect(sql(`${PROPERTIES}:code eq "Ab"`)).toEqual({
      sql: exists('("c0"."valueKey" = :f1 AND "c0"."value" = :f2)'),
      params: { f0: 'code', f1: 'ab', f2: 'Ab' },
    });
  });

  it('compares numbers as numbers, and equality on their one spelling', () => {
    expect(sql(`${PROPERTIES}:badge gt "10"`)).toEqual({ sql: exists('NUMBER("c0"."value") > :f1'), params: { f0: 'badge', f1: 10 } });
    expect(sql(`${PROPERTIES}:badge eq 42`).params).toEqual({ f0: 'badge', f1: '42' });
    expect(sql(`${PROPERTIES}:fte le 1e-7`).params).toEqual({ f0: 'fte', f1: 1e-7 });
    expect(sql(`${PROPERTIES}:fte eq 1e-7`).params).toEqual({ f0: 'fte', f1: '0.0000001' });
  });

  it('compares date-times as UTC ISO text and booleans as true/false', () => {
    expect(sql(`${PROPERTIES}:hired lt "2024-03-01T08:00:00+01:00"`).params).toEqual({ f0: 'hired', f1: '2024-03-01T07:00:00.000Z' });
    expect(sql(`${PROPERTIES}:contractor eq "True"`).params).toEqual({ f0: 'contractor', f1: 'true' });
  });

  it('refuses what a type cannot take, and names it', () => {
    for (const filter of [
      `${PROPERTIES}:badge gt "x"`,
      `${PROPERTIES}:contractor gt true`,
      `${PROPERTIES}:hired eq "never"`,
      `${PROPERTIES}:badge co "1"`,
    ]) {
      expect(() => sql(filter)).toThrow(/badge|contractor|hired|number/);
    }
    expect(() => sql(`${PROPERTIES}:undefined eq "x"`)).toThrow(/Unsupported attribute/);
  });

  it('sorts by a property through a subquery, numbers through the numeric read', () => {
    const sort = userSort({ schema: PROPERTIES, attribute: 'badge' }, definitions);
    expect(sort && 'expression' in sort && sort.expression('u', dialect)).toBe(
      '(SELECT NUMBER(p."value") FROM "WFUserProperty" p WHERE p."idUser" = "u"."idUser" AND p."name" = :sortProperty)',
    );
    expect(
      userSort({ schema: 'urn:usersync:params:scim:schemas:extension:wfuser:2.0:User', attribute: 'properties' }, definitions),
    ).toBeUndefined();
  });

  it('stores each value in one spelling and reads it back typed', () => {
    const [, , badge, fte, contractor, hired] = definitions;
    expect([
      propertyText(badge, 42),
      propertyText(fte, 1e-7),
      propertyText(contractor, false),
      propertyText(hired, '2024-03-01T08:00:00+01:00'),
    ]).toEqual(['42', '0.0000001', 'false', '2024-03-01T07:00:00.000Z']);
    expect([propertyValue(badge, '42'), propertyValue(fte, '0.5'), propertyValue(contractor, 'true'), propertyValue(badge, 'x')]).toEqual([
      42,
      0.5,
      true,
      null,
    ]);
    expect(propertiesExtension(definitions).attributes.map((a) => [a.name, a.type, a.mutability])).toContainEqual([
      'fte',
      'decimal',
      'readWrite',
    ]);
  });
});
