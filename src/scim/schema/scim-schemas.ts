/**
 * The SCIM schemas usersync serves, as data: `/Schemas` renders them, and the filter
 * translator, the PATCH engine and input validation resolve attribute names through them,
 * so what is advertised is exactly what works.
 */

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const WFUSER_SCHEMA = 'urn:usersync:params:scim:schemas:extension:wfuser:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SEARCH_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

export type AttributeType = 'string' | 'boolean' | 'integer' | 'decimal' | 'dateTime' | 'reference' | 'complex';

export interface AttributeDef {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'default' | 'never' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  subAttributes?: AttributeDef[];
  canonicalValues?: string[];
  referenceTypes?: string[];
  /** Longest value the store holds; longer input is refused, never truncated. */
  maxLength?: number;
  /** Most values of a multi-valued attribute one resource holds (default: LIMITS.valuesPerAttribute). */
  maxValues?: number;
}

export interface SchemaDef {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDef[];
}

type Options = Partial<Omit<AttributeDef, 'name' | 'type'>>;

function attr(name: string, type: AttributeType, description: string, options: Options = {}): AttributeDef {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...(type === 'string' && options.maxLength === undefined ? { maxLength: 256 } : {}),
    ...options,
  };
}

const TYPE = (values: string[]) =>
  attr('type', 'string', 'A label indicating the function of the value', { canonicalValues: values, maxLength: 64 });
const PRIMARY = attr('primary', 'boolean', 'Whether this value is the primary one');
const DISPLAY = attr('display', 'string', 'A human-readable name, primarily used for display purposes');

/** A multi-valued attribute whose elements each need a `value` (RFC 7643 §2.4). */
function multiValued(name: string, description: string, types: string[], valueLength = 256): AttributeDef {
  return attr(name, 'complex', description, {
    multiValued: true,
    subAttributes: [
      attr('value', 'string', `The ${name} value`, { required: true, maxLength: valueLength }),
      DISPLAY,
      TYPE(types),
      PRIMARY,
    ],
  });
}

const ID = attr('id', 'string', 'Unique identifier for the resource, assigned by the service provider', {
  caseExact: true,
  mutability: 'readOnly',
  returned: 'always',
  uniqueness: 'server',
  maxLength: 36,
});
const EXTERNAL_ID = attr('externalId', 'string', 'Identifier of the resource as defined by the provisioning client', { caseExact: true });

export interface ScimSettings {
  requireDisplayName: boolean;
  requireEmail: boolean;
}

export function userSchema(settings: ScimSettings): SchemaDef {
  return {
    id: USER_SCHEMA,
    name: 'User',
    description: 'User Account',
    attributes: [
      ID,
      EXTERNAL_ID,
      attr('userName', 'string', 'Unique identifier for the User, typically used to sign in (userPrincipalName)', {
        required: true,
        uniqueness: 'server',
      }),
      attr('name', 'complex', "The components of the user's real name", {
        subAttributes: [
          attr('formatted', 'string', 'The full name, formatted for display', { maxLength: 512 }),
          attr('familyName', 'string', 'The family name'),
          attr('givenName', 'string', 'The given name'),
          attr('middleName', 'string', 'The middle name(s)'),
          attr('honorificPrefix', 'string', 'The honorific prefix(es)', { maxLength: 64 }),
          attr('honorificSuffix', 'string', 'The honorific suffix(es)', { maxLength: 64 }),
        ],
      }),
      attr('displayName', 'string', 'The name of the User, suitable for display (stored as the platform full name)', {
        required: settings.requireDisplayName,
      }),
      attr('nickName', 'string', 'The casual way to address the user'),
      attr('profileUrl', 'reference', "A fully qualified URL to the User's online profile", {
        referenceTypes: ['external'],
        maxLength: 512,
      }),
      attr('title', 'string', "The user's title"),
      attr('userType', 'string', 'The relationship between the organization and the user', { maxLength: 128 }),
      attr('preferredLanguage', 'string', "The User's preferred written or spoken language", { maxLength: 64 }),
      attr('locale', 'string', "The User's default location", { maxLength: 64 }),
      attr('timezone', 'string', "The User's time zone in IANA format", { maxLength: 64 }),
      attr('active', 'boolean', "The User's administrative status (the platform's enabled flag)"),
      attr(
        'password',
        'string',
        'Accepted and discarded: usersync stores no passwords and cannot change one (changePassword is not supported); users sign in through their identity provider',
        { mutability: 'writeOnly', returned: 'never', caseExact: true, maxLength: 1024 },
      ),
      {
        ...multiValued('emails', 'Email addresses; the work one (else the primary, else the first) is the platform address', [
          'work',
          'home',
          'other',
        ]),
        required: settings.requireEmail,
      },
      multiValued(
        'phoneNumbers',
        'Phone numbers; the mobile one is the platform mobile number',
        ['work', 'home', 'mobile', 'fax', 'pager', 'other'],
        64,
      ),
      multiValued('ims', 'Instant messaging addresses', ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']),
      multiValued('photos', 'URLs of photos of the User', ['photo', 'thumbnail'], 1024),
      attr('addresses', 'complex', 'Physical mailing addresses', {
        multiValued: true,
        subAttributes: [
          attr('formatted', 'string', 'The full mailing address', { maxLength: 1024 }),
          attr('streetAddress', 'string', 'The full street address', { maxLength: 512 }),
          attr('locality', 'string', 'The city or locality'),
          attr('region', 'string', 'The state or region'),
          attr('postalCode', 'string', 'The zip code or postal code', { maxLength: 64 }),
          attr('country', 'string', 'The country name component', { maxLength: 128 }),
          TYPE(['work', 'home', 'other']),
          PRIMARY,
        ],
      }),
      attr('groups', 'complex', 'The groups the user belongs to', {
        multiValued: true,
        mutability: 'readOnly',
        subAttributes: [
          attr('value', 'string', 'The id of the group', { mutability: 'readOnly', caseExact: true }),
          attr('$ref', 'reference', 'The URI of the group', { mutability: 'readOnly', referenceTypes: ['Group'] }),
          attr('display', 'string', 'The displayName of the group', { mutability: 'readOnly' }),
          attr('type', 'string', 'direct', { mutability: 'readOnly', canonicalValues: ['direct'] }),
        ],
      }),
      multiValued('entitlements', 'Entitlements of the User', []),
      multiValued('roles', 'Roles of the User', []),
      multiValued('x509Certificates', 'X.509 certificates (base64 DER)', [], 8000),
    ],
  };
}

export const ENTERPRISE_USER: SchemaDef = {
  id: ENTERPRISE_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    attr('employeeNumber', 'string', 'Numeric or alphanumeric identifier assigned to a person', { maxLength: 128 }),
    attr('costCenter', 'string', 'Identifies the name of a cost center', { maxLength: 128 }),
    attr('organization', 'string', 'Identifies the name of an organization'),
    attr('division', 'string', 'Identifies the name of a division'),
    attr('department', 'string', 'Identifies the name of a department'),
    attr('manager', 'complex', "The User's manager (the platform boss)", {
      subAttributes: [
        attr('value', 'string', 'The id of the manager', { caseExact: true, maxLength: 36 }),
        attr('$ref', 'reference', 'The URI of the manager', { referenceTypes: ['User'] }),
        attr('displayName', 'string', 'The displayName of the manager', { mutability: 'readOnly' }),
      ],
    }),
  ],
};

export const WFUSER_EXTENSION: SchemaDef = {
  id: WFUSER_SCHEMA,
  name: 'WFUser',
  description: 'Workflow platform user attributes',
  attributes: [
    attr('domain', 'string', 'The platform domain of the user', { maxLength: 25 }),
    attr('properties', 'complex', 'Custom user properties of the platform', {
      multiValued: true,
      subAttributes: [
        attr('name', 'string', 'Property name', { required: true, caseExact: true, maxLength: 128 }),
        attr('value', 'string', 'Property value', { caseExact: true, maxLength: 2000 }),
      ],
    }),
  ],
};

/** The Group schema; `membersPerRequest` bounds the members one request names. */
export function groupSchema(membersPerRequest: number): SchemaDef {
  return {
    id: GROUP_SCHEMA,
    name: 'Group',
    description: 'Group',
    attributes: [
      ID,
      EXTERNAL_ID,
      attr('displayName', 'string', 'A human-readable name for the Group', { required: true }),
      attr('members', 'complex', 'A list of members of the Group (users of the same subscription)', {
        multiValued: true,
        maxValues: membersPerRequest,
        subAttributes: [
          attr('value', 'string', 'The id of the member', { required: true, caseExact: true, mutability: 'immutable', maxLength: 36 }),
          attr('$ref', 'reference', 'The URI of the member', { mutability: 'immutable', referenceTypes: ['User'] }),
          attr('display', 'string', "Display text of the member (as sent; else the user's displayName)"),
          attr('type', 'string', 'The type of member', { mutability: 'immutable', canonicalValues: ['User'] }),
        ],
      }),
    ],
  };
}

/** Finds an attribute definition by name, case-insensitively (RFC 7643 §2.1). */
export function findAttribute(attributes: AttributeDef[] | undefined, name: string): AttributeDef | undefined {
  const lower = name.toLowerCase();
  return attributes?.find((a) => a.name.toLowerCase() === lower);
}
