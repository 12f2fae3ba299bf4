import { AttrPath } from '../filter/filter.ast';
import { SqlDialect } from '../../database/sql-dialect';
import { WFGroupMember } from '../../users/entities/wf-group-member.entity';
import { WFGroup } from '../../users/entities/wf-group.entity';
import { WFUserProperty } from '../../users/entities/wf-user-property.entity';
import { WFUserValue } from '../../users/entities/wf-user-value.entity';
import { WFUser } from '../../users/entities/wf-user.entity';
import { AttributeMapping, ColumnRef, ResourceMapping } from '../filter/filter-sql';
import { UserPropertyDefinition } from '../../user-properties/entities/user-property-definition.entity';
import { PROPERTIES_SCHEMA } from '../../user-properties/user-property-definitions';
import { propertyText } from './user-properties-schema';
import { ENTERPRISE_SCHEMA, USER_SCHEMA, WFUSER_SCHEMA } from '../schema/scim-schemas';

/**
 * Where each filterable/sortable SCIM User attribute lives. Core single-valued attributes are
 * WFUser columns; multi-valued ones are WFUserValue rows; custom properties WFUserProperty rows;
 * the manager is the boss row; groups come through WFGroupMember.
 */

const s = (column: string, caseExact = false, key?: string, keyLength?: number): ColumnRef => ({
  column,
  type: 'string',
  caseExact,
  key,
  keyLength,
});

const CORE_COLUMNS: Record<string, ColumnRef> = {
  id: s('guidUser', true),
  externalid: s('externalId', true),
  username: s('userName', false, 'userNameKey'),
  displayname: s('fullName'),
  nickname: s('nickName'),
  profileurl: s('profileUrl'),
  title: s('title'),
  usertype: s('userType'),
  preferredlanguage: s('preferredLanguage'),
  locale: s('locale'),
  timezone: s('timezone'),
  active: { column: 'enabled', type: 'boolean', caseExact: true },
  'name.formatted': s('formattedName'),
  'name.familyname': s('familyName'),
  'name.givenname': s('givenName'),
  'name.middlename': s('middleName'),
  'name.honorificprefix': s('honorificPrefix'),
  'name.honorificsuffix': s('honorificSuffix'),
  'meta.created': { column: 'createdAt', type: 'dateTime', caseExact: true },
  'meta.lastmodified': { column: 'updatedAt', type: 'dateTime', caseExact: true },
};

const ENTERPRISE_COLUMNS: Record<string, ColumnRef> = {
  employeenumber: s('employeeNumber'),
  costcenter: s('costCenter'),
  organization: s('organization'),
  division: s('division'),
  department: s('department'),
};

export const MULTI_VALUED_USER_ATTRIBUTES = [
  'emails',
  'phoneNumbers',
  'ims',
  'photos',
  'addresses',
  'entitlements',
  'roles',
  'x509Certificates',
] as const;

const VALUE_SUBATTRIBUTES: Record<string, ColumnRef> = {
  value: s('value', false, 'valueKey', 256),
  display: s('display'),
  type: s('type'),
  primary: { column: 'isPrimary', type: 'boolean', caseExact: true },
};
const ADDRESS_SUBATTRIBUTES: Record<string, ColumnRef> = {
  formatted: s('formatted'),
  streetAddress: s('streetAddress'),
  locality: s('locality'),
  region: s('region'),
  postalCode: s('postalCode'),
  country: s('country'),
  type: s('type'),
  primary: { column: 'isPrimary', type: 'boolean', caseExact: true },
};

function valuesOf(attribute: string): AttributeMapping {
  return {
    kind: 'children',
    table: WFUserValue,
    foreignKey: 'idUser',
    discriminator: { column: 'attribute', value: attribute },
    subAttributes: attribute === 'addresses' ? ADDRESS_SUBATTRIBUTES : VALUE_SUBATTRIBUTES,
  };
}

const MULTI: Record<string, AttributeMapping> = Object.fromEntries(MULTI_VALUED_USER_ATTRIBUTES.map((a) => [a.toLowerCase(), valuesOf(a)]));

const GROUPS: AttributeMapping = {
  kind: 'children',
  table: WFGroupMember,
  foreignKey: 'idUser',
  join: { table: WFGroup, on: ['idGroup', 'idGroup'] },
  subAttributes: { value: s('guidGroup', true), display: s('displayName', false, 'displayNameKey') },
};

const MANAGER: AttributeMapping = {
  kind: 'children',
  table: WFUser,
  foreignKey: 'idUser',
  parentKey: 'idBossUser',
  subAttributes: { value: s('guidUser', true), displayName: s('fullName') },
};

const PROPERTIES: AttributeMapping = {
  kind: 'children',
  table: WFUserProperty,
  foreignKey: 'idUser',
  subAttributes: { name: s('name', true), value: s('value', true) },
};

export const USER_MAPPING: ResourceMapping = {
  alias: 'u',
  primaryKey: 'idUser',
  resolve(path: AttrPath) {
    const schema = path.schema?.toLowerCase();
    const attribute = path.attribute.toLowerCase();
    const sub = path.subAttribute?.toLowerCase();
    if (!schema || schema === USER_SCHEMA.toLowerCase()) {
      const column = CORE_COLUMNS[sub ? `${attribute}.${sub}` : attribute];
      if (column) return { mapping: { kind: 'column', ref: column } };
      if (MULTI[attribute]) return { mapping: MULTI[attribute], subAttribute: path.subAttribute };
      if (attribute === 'groups') return { mapping: GROUPS, subAttribute: path.subAttribute };
    }
    if (!schema || schema === ENTERPRISE_SCHEMA.toLowerCase()) {
      if (!sub && ENTERPRISE_COLUMNS[attribute]) return { mapping: { kind: 'column', ref: ENTERPRISE_COLUMNS[attribute] } };
      if (attribute === 'manager') {
        return { mapping: MANAGER, subAttribute: path.subAttribute };
      }
    }
    if (!schema || schema === WFUSER_SCHEMA.toLowerCase()) {
      if (attribute === 'domain' && !sub) return { mapping: { kind: 'column', ref: s('domain') } };
      if (attribute === 'properties') return { mapping: PROPERTIES, subAttribute: path.subAttribute };
    }
    return undefined;
  },
};

/** Where a custom property's values live, and how they compare (see ColumnRef.text). */
function propertyMapping(definition: UserPropertyDefinition): Extract<AttributeMapping, { kind: 'children' }> {
  const value: ColumnRef =
    definition.type === 'string'
      ? { column: 'value', type: 'string', caseExact: definition.caseExact, key: 'valueKey', keyLength: 256 }
      : {
          column: 'value',
          type: definition.type === 'integer' || definition.type === 'decimal' ? 'number' : definition.type,
          caseExact: true,
          key: 'valueKey',
          text: true,
          numberText: (n) => propertyText(definition, n) ?? String(n),
        };
  return {
    kind: 'children',
    table: WFUserProperty,
    foreignKey: 'idUser',
    discriminator: { column: 'name', value: definition.name },
    subAttributes: { value },
  };
}

const mappings = new WeakMap<readonly UserPropertyDefinition[], ResourceMapping>();

/**
 * The User mapping of a subscription: its custom properties
 * (`urn:usersync:params:scim:schemas:extension:properties:2.0:User:<name>`) beside the fixed
 * attributes. Built once per list of definitions.
 */
export function userMapping(definitions: readonly UserPropertyDefinition[]): ResourceMapping {
  if (definitions.length === 0) return USER_MAPPING;
  let mapping = mappings.get(definitions);
  if (!mapping) {
    const byName = new Map(definitions.map((d) => [d.nameKey, propertyMapping(d)]));
    mapping = {
      ...USER_MAPPING,
      resolve(path: AttrPath) {
        if (path.schema?.toLowerCase() === PROPERTIES_SCHEMA.toLowerCase()) {
          const found = path.subAttribute ? undefined : byName.get(path.attribute.toLowerCase());
          return found ? { mapping: found } : undefined;
        }
        return USER_MAPPING.resolve(path);
      },
    };
    mappings.set(definitions, mapping);
  }
  return mapping;
}

/** What `sortBy` orders by: a column of WFUser, or an expression over a custom property's value. */
export type UserSort = { column: string } | { expression: (alias: string, dialect: SqlDialect) => string; params: Record<string, unknown> };

export function userSort(path: AttrPath, definitions: readonly UserPropertyDefinition[]): UserSort | undefined {
  const column = userSortColumn(path);
  if (column) return { column };
  // Only a defined property sorts this way: the deprecated properties list is multi-valued.
  if (path.schema?.toLowerCase() !== PROPERTIES_SCHEMA.toLowerCase()) return undefined;
  const found = userMapping(definitions).resolve(path);
  if (!found || found.mapping.kind !== 'children' || !found.mapping.discriminator) return undefined;
  const ref = found.mapping.subAttributes.value;
  const name = found.mapping.discriminator.value;
  return {
    params: { sortProperty: name },
    expression: (alias, dialect) => {
      const value = `p.${dialect.escape(ref.type === 'string' && !ref.caseExact ? 'valueKey' : 'value')}`;
      const sorted = ref.type === 'number' ? dialect.numeric(value) : value;
      return `(SELECT ${sorted} FROM ${dialect.table(WFUserProperty)} p WHERE p.${dialect.escape('idUser')} = ${dialect.escape(alias)}.${dialect.escape('idUser')} AND p.${dialect.escape('name')} = :sortProperty)`;
    },
  };
}

/** Columns `sortBy` accepts: single-valued attributes, and emails/phoneNumbers by the platform's own column. */
export function userSortColumn(path: AttrPath): string | undefined {
  const found = USER_MAPPING.resolve(path);
  if (found?.mapping.kind === 'column') return found.mapping.ref.key ?? found.mapping.ref.column;
  const attribute = path.attribute.toLowerCase();
  if (attribute === 'emails' && (!path.subAttribute || path.subAttribute.toLowerCase() === 'value')) return 'userEmail';
  if (attribute === 'phonenumbers' && (!path.subAttribute || path.subAttribute.toLowerCase() === 'value')) return 'mobile';
  return undefined;
}
