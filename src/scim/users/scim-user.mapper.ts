import { AppError, ErrorCode } from '../../common/errors/app-error';
import { WFUserProperty } from '../../users/entities/wf-user-property.entity';
import { WFUser } from '../../users/entities/wf-user.entity';
import { userNameKey } from '../../users/user-name-key';
import { UserValueInput } from '../../users/entities/wf-user-value.entity';
import { WFUserAttributes } from '../../users/entities/wf-user.entity';
import { versionETag } from '../etag';
import { isObject, Json } from '../schema/canonicalize';
import { ENTERPRISE_SCHEMA, USER_SCHEMA, WFUSER_SCHEMA } from '../schema/scim-schemas';
import { UserPropertyDefinition } from '../../user-properties/entities/user-property-definition.entity';
import { PROPERTIES_SCHEMA } from '../../user-properties/user-property-definitions';
import { propertyText, propertyValue } from './user-properties-schema';
import { MULTI_VALUED_USER_ATTRIBUTES } from './user-attribute-map';

export interface UserRecord {
  user: WFUser;
  values: UserValueInput[];
  properties: Pick<WFUserProperty, 'name' | 'value'>[];
  manager: { guidUser: string; fullName: string | null } | null;
  groups: { guidGroup: string; displayName: string }[];
}

/** What a SCIM User body asks to store. */
export interface UserInput {
  attributes: Omit<WFUserAttributes, 'idBossUser'>;
  values: UserValueInput[];
  properties: { name: string; value: string | null }[];
  /** SCIM id of the manager; null clears it. */
  managerId: string | null;
}

const NO_DEFINITIONS: readonly UserPropertyDefinition[] = [];
const byName = new WeakMap<readonly UserPropertyDefinition[], Map<string, UserPropertyDefinition>>();

/** The definitions by lower-cased name, built once per list (a subscription's list is shared until it changes). */
function definitionsByName(definitions: readonly UserPropertyDefinition[]): Map<string, UserPropertyDefinition> {
  let map = byName.get(definitions);
  if (!map) {
    map = new Map(definitions.map((d) => [d.nameKey, d]));
    byName.set(definitions, map);
  }
  return map;
}

const ADDRESS_FIELDS = ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country'] as const;

/** The object without its empty members (null, undefined, '', [] and {}). Runs for every value of every user answered. */
function compact(obj: Json): Json {
  const out: Json = {};
  for (const key in obj) {
    const v = obj[key];
    if (v === null || v === undefined || v === '') continue;
    if (Array.isArray(v) ? v.length === 0 : isObject(v) && isEmptyObject(v)) continue;
    out[key] = v;
  }
  return out;
}

function isEmptyObject(obj: Json): boolean {
  for (const key in obj) if (Object.prototype.hasOwnProperty.call(obj, key)) return false;
  return true;
}

export function toScimUser(record: UserRecord, baseUrl: string, definitions: readonly UserPropertyDefinition[] = NO_DEFINITIONS): Json {
  const { user } = record;
  // Defined properties are attributes of the properties extension; the others stay in the (deprecated) list.
  const defined = definitionsByName(definitions);
  const typed: Json = {};
  const listed: Pick<WFUserProperty, 'name' | 'value'>[] = [];
  for (const property of record.properties) {
    const definition = defined.get(property.name.toLowerCase());
    if (!definition) listed.push(property);
    else typed[definition.name] = propertyValue(definition, property.value);
  }
  const custom = compact(typed);
  const multi: Json = {};
  for (const attribute of MULTI_VALUED_USER_ATTRIBUTES) {
    const rows = record.values.filter((v) => v.attribute === attribute).sort((a, b) => a.position - b.position);
    multi[attribute] = rows.map((row) =>
      compact({
        ...(attribute === 'addresses'
          ? Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, row[f]]))
          : { value: row.value, display: row.display }),
        type: row.type,
        primary: row.isPrimary ?? undefined,
      }),
    );
  }
  // Users the platform created itself have the mapped columns but no SCIM value rows yet.
  if (!(multi.emails as Json[]).length && user.userEmail) multi.emails = [{ value: user.userEmail, type: 'work', primary: true }];
  if (!(multi.phoneNumbers as Json[]).length && user.mobile) multi.phoneNumbers = [{ value: user.mobile, type: 'mobile' }];
  const enterprise = compact({
    employeeNumber: user.employeeNumber,
    costCenter: user.costCenter,
    organization: user.organization,
    division: user.division,
    department: user.department,
    manager: record.manager
      ? compact({
          value: record.manager.guidUser,
          $ref: `${baseUrl}/Users/${record.manager.guidUser}`,
          displayName: record.manager.fullName,
        })
      : undefined,
  });
  const wfuser = compact({
    domain: user.domain,
    properties: listed.sort((a, b) => a.name.localeCompare(b.name)).map((p) => compact({ name: p.name, value: p.value })),
  });
  const schemas = [
    USER_SCHEMA,
    ...(Object.keys(enterprise).length ? [ENTERPRISE_SCHEMA] : []),
    ...(Object.keys(wfuser).length ? [WFUSER_SCHEMA] : []),
    ...(Object.keys(custom).length ? [PROPERTIES_SCHEMA] : []),
  ];
  return {
    schemas,
    id: user.guidUser,
    ...compact({
      externalId: user.externalId,
      userName: user.userName,
      name: compact({
        formatted: user.formattedName,
        familyName: user.familyName,
        givenName: user.givenName,
        middleName: user.middleName,
        honorificPrefix: user.honorificPrefix,
        honorificSuffix: user.honorificSuffix,
      }),
      displayName: user.fullName,
      nickName: user.nickName,
      profileUrl: user.profileUrl,
      title: user.title,
      userType: user.userType,
      preferredLanguage: user.preferredLanguage,
      locale: user.locale,
      timezone: user.timezone,
    }),
    active: user.enabled,
    ...compact({
      ...multi,
      groups: record.groups.map((g) => ({
        value: g.guidGroup,
        $ref: `${baseUrl}/Groups/${g.guidGroup}`,
        display: g.displayName,
        type: 'direct',
      })),
      [ENTERPRISE_SCHEMA]: enterprise,
      [WFUSER_SCHEMA]: wfuser,
      [PROPERTIES_SCHEMA]: custom,
    }),
    meta: {
      resourceType: 'User',
      created: user.createdAt.toISOString(),
      lastModified: user.updatedAt.toISOString(),
      version: versionETag(user),
      location: `${baseUrl}/Users/${user.guidUser}`,
    },
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Turns a canonical User body into what the store keeps. Required attributes are checked
 * beforehand against the schema (checkRequired), so this only maps.
 */
export function fromScimUser(body: Json, definitions: readonly UserPropertyDefinition[] = NO_DEFINITIONS): UserInput {
  const userName = str(body.userName)?.trim() ?? '';
  // The unique key is the case-folded userName, which can be longer ("İ" folds to two code units).
  if (userNameKey(userName).length > 256) {
    throw new AppError(ErrorCode.InvalidValue, 'userName is longer than 256 characters once its letter case is folded for the unique key');
  }
  const displayName = str(body.displayName);

  const values: UserValueInput[] = [];
  for (const attribute of MULTI_VALUED_USER_ATTRIBUTES) {
    const list = Array.isArray(body[attribute]) ? (body[attribute] as Json[]) : [];
    list.forEach((item, position) => {
      values.push({
        attribute,
        type: str(item.type),
        value: attribute === 'addresses' ? null : str(item.value),
        display: str(item.display),
        // What the client sent comes back: true, false, or nothing.
        isPrimary: typeof item.primary === 'boolean' ? item.primary : null,
        formatted: str(item.formatted),
        streetAddress: str(item.streetAddress),
        locality: str(item.locality),
        region: str(item.region),
        postalCode: str(item.postalCode),
        country: str(item.country),
        position,
      });
    });
  }
  const emails = values.filter((v) => v.attribute === 'emails');
  const userEmail = (
    emails.find((e) => e.type?.toLowerCase() === 'work' && e.isPrimary) ??
    emails.find((e) => e.type?.toLowerCase() === 'work') ??
    emails.find((e) => e.isPrimary) ??
    emails[0]
  )?.value;
  if (userEmail && userEmail.length > 256) throw new AppError(ErrorCode.InvalidValue, 'the work email is longer than 256 characters');
  const mobile = values.find((v) => v.attribute === 'phoneNumbers' && v.type?.toLowerCase() === 'mobile')?.value ?? null;
  if (mobile && mobile.length > 64) throw new AppError(ErrorCode.InvalidValue, 'the mobile phone number is longer than 64 characters');

  const name = isObject(body.name) ? body.name : {};
  const enterprise = isObject(body[ENTERPRISE_SCHEMA]) ? (body[ENTERPRISE_SCHEMA] as Json) : {};
  const wfuser = isObject(body[WFUSER_SCHEMA]) ? (body[WFUSER_SCHEMA] as Json) : {};
  const manager = isObject(enterprise.manager) ? str(enterprise.manager.value) : null;
  const properties = (Array.isArray(wfuser.properties) ? (wfuser.properties as Json[]) : []).map((p) => ({
    name: str(p.name) ?? '',
    value: str(p.value),
  }));
  // Compared without letter case: SQL Server's usual collations would refuse both in one key.
  if (new Set(properties.map((p) => p.name.toLowerCase())).size !== properties.length) {
    throw new AppError(
      ErrorCode.InvalidValue,
      `${WFUSER_SCHEMA}:properties has the same name twice (names are compared without letter case)`,
    );
  }
  const defined = definitionsByName(definitions);
  const taken = properties.find((p) => defined.has(p.name.toLowerCase()));
  if (taken) {
    throw new AppError(
      ErrorCode.InvalidValue,
      `"${taken.name}" is a defined user property of this subscription: set it as ${PROPERTIES_SCHEMA}:${defined.get(taken.name.toLowerCase())!.name}`,
    );
  }
  const custom = isObject(body[PROPERTIES_SCHEMA]) ? (body[PROPERTIES_SCHEMA] as Json) : {};
  for (const definition of definitions) {
    const value = propertyText(definition, custom[definition.name]);
    if (value !== null) properties.push({ name: definition.name, value });
  }
  return {
    attributes: {
      userName,
      domain: str(wfuser.domain),
      fullName: displayName,
      givenName: str(name.givenName),
      familyName: str(name.familyName),
      middleName: str(name.middleName),
      honorificPrefix: str(name.honorificPrefix),
      honorificSuffix: str(name.honorificSuffix),
      formattedName: str(name.formatted),
      nickName: str(body.nickName),
      profileUrl: str(body.profileUrl),
      title: str(body.title),
      userType: str(body.userType),
      preferredLanguage: str(body.preferredLanguage),
      locale: str(body.locale),
      timezone: str(body.timezone),
      userEmail: userEmail ?? null,
      mobile,
      externalId: str(body.externalId),
      employeeNumber: str(enterprise.employeeNumber),
      costCenter: str(enterprise.costCenter),
      organization: str(enterprise.organization),
      division: str(enterprise.division),
      department: str(enterprise.department),
      enabled: body.active === undefined || body.active === null ? true : body.active === true,
    },
    values,
    properties,
    managerId: manager,
  };
}
