import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { SCIM_ERROR_SCHEMA } from './scim-error';

/**
 * The SCIM routes in the OpenAPI document. SCIM describes its resources itself (/Schemas,
 * RFC 7643 §7), so the document gives their envelope and refers to /Schemas for every attribute;
 * answers are `application/scim+json`, errors RFC 7644 §3.12 error JSON.
 */
const MEDIA = 'application/scim+json';
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const scimContent = (name: string) => ({ [MEDIA]: { schema: ref(name) } });

const resourceSchema = (kind: 'User' | 'Group', required: string[]) => ({
  type: 'object',
  description: `A SCIM ${kind}: every attribute, its type, mutability and case rules are in GET /scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:${kind}${kind === 'User' ? ' (and the enterprise and wfuser extensions)' : ''}.`,
  required: ['schemas', ...required],
  additionalProperties: true,
  properties: {
    schemas: { type: 'array', items: { type: 'string' }, example: [`urn:ietf:params:scim:schemas:core:2.0:${kind}`] },
    id: { type: 'string', readOnly: true, description: 'Assigned by the service' },
    externalId: { type: 'string', description: "The identity provider's id" },
    ...(kind === 'User'
      ? { userName: { type: 'string', maxLength: 256 }, active: { type: 'boolean' } }
      : {
          displayName: { type: 'string' },
          members: { type: 'array', items: { type: 'object', properties: { value: { type: 'string' } } } },
        }),
    meta: { type: 'object', readOnly: true, additionalProperties: true },
  },
});

const SCHEMAS: Record<string, object> = {
  ScimError: {
    type: 'object',
    required: ['schemas', 'status', 'detail'],
    properties: {
      schemas: { type: 'array', items: { type: 'string' }, example: [SCIM_ERROR_SCHEMA] },
      status: { type: 'string', example: '400', description: 'The HTTP status, as a string (RFC 7644 §3.12)' },
      scimType: {
        type: 'string',
        enum: ['invalidFilter', 'tooMany', 'uniqueness', 'mutability', 'invalidSyntax', 'invalidPath', 'noTarget', 'invalidValue'],
      },
      detail: { type: 'string' },
    },
  },
  ScimUser: resourceSchema('User', ['userName']),
  ScimGroup: resourceSchema('Group', ['displayName']),
  ScimListResponse: {
    type: 'object',
    required: ['schemas', 'totalResults', 'Resources'],
    properties: {
      schemas: { type: 'array', items: { type: 'string' }, example: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'] },
      totalResults: { type: 'integer', minimum: 0 },
      startIndex: { type: 'integer', minimum: 1, description: 'Index paging only' },
      itemsPerPage: { type: 'integer', minimum: 0 },
      nextCursor: { type: 'string', description: 'Cursor paging (RFC 9865): the next page; absent on the last' },
      previousCursor: { type: 'string', description: 'Cursor paging (RFC 9865): the previous page; absent on the first' },
      Resources: { type: 'array', items: { type: 'object', additionalProperties: true, description: 'ScimUser or ScimGroup' } },
    },
  },
  ScimPatchOp: {
    type: 'object',
    required: ['schemas', 'Operations'],
    properties: {
      schemas: { type: 'array', items: { type: 'string' }, example: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] },
      Operations: {
        type: 'array',
        items: {
          type: 'object',
          required: ['op'],
          properties: {
            op: { type: 'string', description: 'add, remove or replace (any letter case, as Entra ID sends)' },
            path: { type: 'string', description: 'An attribute path, with a value filter where needed: members[value eq "…"]' },
            value: { description: 'Any JSON value the path takes' },
          },
        },
      },
    },
  },
  ScimSearchRequest: {
    type: 'object',
    required: ['schemas'],
    properties: {
      schemas: { type: 'array', items: { type: 'string' }, example: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'] },
      filter: { type: 'string', example: 'userName eq "ada@contoso.com"' },
      startIndex: { type: 'integer', minimum: 1 },
      cursor: { type: 'string', description: 'Cursor paging (RFC 9865): empty for the first page, then a nextCursor or previousCursor' },
      count: { type: 'integer', minimum: 0 },
      sortBy: { type: 'string' },
      sortOrder: { type: 'string', enum: ['ascending', 'descending'] },
      attributes: { type: 'array', items: { type: 'string' } },
      excludedAttributes: { type: 'array', items: { type: 'string' } },
    },
  },
  ScimDiscovery: {
    type: 'object',
    additionalProperties: true,
    description: 'A discovery document of RFC 7643 §5–7 (ServiceProviderConfig, a Schema, a ResourceType, or a ListResponse of them)',
  },
};

/** Adds the SCIM component schemas the SCIM routes refer to. */
export function addScimComponents(document: OpenAPIObject): void {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...SCHEMAS } };
}

const ERRORS: Record<number, string> = {
  400: 'Invalid request: scimType says which rule (invalidFilter, invalidValue, invalidSyntax, invalidPath, noTarget, mutability, tooMany)',
  401: 'No bearer token, or an unknown, expired or revoked one',
  403: 'The token lacks scope usersync',
  404: 'No such resource in this subscription',
  409: 'uniqueness (userName taken), or a deactivation that would leave nobody to inherit',
  412: 'If-Match names a version that is no longer current',
  413: 'The body is larger than the service accepts',
  429: 'Too many requests for this subscription; Retry-After says when to try again',
  503: 'The database is not answering; Retry-After says when to try again',
};

function errors(...statuses: number[]) {
  return statuses.map((status) => ApiResponse({ status, description: ERRORS[status], content: scimContent('ScimError') }));
}

/** Every SCIM controller: its tag, and the errors every SCIM request can get. */
export const ApiScim = (tag: string) => applyDecorators(ApiTags(tag), ...errors(400, 401, 403, 429, 503));

const PAGING_QUERY = [
  ApiQuery({
    name: 'filter',
    required: false,
    type: String,
    description: 'RFC 7644 §3.4.2.2 filter; bounded by SCIM_MAX_FILTER_LENGTH and SCIM_MAX_FILTER_TERMS',
  }),
  ApiQuery({ name: 'startIndex', required: false, type: Number, description: '1-based index paging' }),
  ApiQuery({
    name: 'cursor',
    required: false,
    type: String,
    description: 'Cursor paging (RFC 9865): empty for the first page, then the nextCursor or previousCursor of a page',
  }),
  ApiQuery({ name: 'count', required: false, type: Number, description: 'Page size, at most SCIM_MAX_PAGE_SIZE' }),
  ApiQuery({ name: 'sortBy', required: false, type: String }),
  ApiQuery({ name: 'sortOrder', required: false, enum: ['ascending', 'descending'] }),
];
const PROJECTION_QUERY = [
  ApiQuery({ name: 'attributes', required: false, type: String, description: 'Comma-separated attributes to return' }),
  ApiQuery({ name: 'excludedAttributes', required: false, type: String, description: 'Comma-separated attributes to leave out' }),
];
const ID = ApiParam({ name: 'id', type: String, description: 'SCIM id (a userName is accepted too for Users)' });
const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'ETag of the version the change is meant for (412 when it moved)',
});
const BODY = (schema: string) => applyDecorators(ApiConsumes(MEDIA, 'application/json'), ApiBody({ schema: ref(schema) }));

/** Decorators of each SCIM operation on a resource endpoint. */
export const ScimApi = {
  list: (kind: 'User' | 'Group') =>
    applyDecorators(
      ApiOperation({ summary: `List or filter ${kind}s` }),
      ...PAGING_QUERY,
      ...PROJECTION_QUERY,
      ApiResponse({ status: 200, description: `A page of ${kind}s`, content: scimContent('ScimListResponse') }),
    ),
  search: (what: string) =>
    applyDecorators(
      ApiOperation({ summary: `Search ${what} with a POSTed SearchRequest (RFC 7644 §3.4.3)` }),
      BODY('ScimSearchRequest'),
      ApiResponse({ status: 200, description: 'A page of matches', content: scimContent('ScimListResponse') }),
    ),
  create: (kind: 'User' | 'Group') =>
    applyDecorators(
      ApiOperation({ summary: `Create a ${kind}` }),
      BODY(`Scim${kind}`),
      ...PROJECTION_QUERY,
      ApiResponse({ status: 201, description: `The ${kind}, with Location and ETag`, content: scimContent(`Scim${kind}`) }),
      ...errors(409, 413),
    ),
  read: (kind: 'User' | 'Group') =>
    applyDecorators(
      ApiOperation({ summary: `Read a ${kind}` }),
      ID,
      ...PROJECTION_QUERY,
      ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag; 304 when the resource still has it' }),
      ApiResponse({ status: 200, description: `The ${kind}`, content: scimContent(`Scim${kind}`) }),
      ApiResponse({ status: 304, description: 'Not modified since the ETag given' }),
      ...errors(404),
    ),
  replace: (kind: 'User' | 'Group') =>
    applyDecorators(
      ApiOperation({
        summary: `Replace a ${kind} (PUT)${kind === 'User' ? '; active false deactivates, with the ownership transfer' : ''}`,
      }),
      ID,
      IF_MATCH,
      BODY(`Scim${kind}`),
      ...PROJECTION_QUERY,
      ApiResponse({ status: 200, description: `The ${kind} as written`, content: scimContent(`Scim${kind}`) }),
      ...errors(404, 409, 412, 413),
    ),
  patch: (kind: 'User' | 'Group') =>
    applyDecorators(
      ApiOperation({
        summary: `Change a ${kind} with PatchOp operations (RFC 7644 §3.5.2)`,
        description:
          kind === 'User'
            ? "200 with the user, or 204 when the application's patchResponse is noContent and no attributes are asked for"
            : '204, or 200 with the group when attributes/excludedAttributes are given',
      }),
      ID,
      IF_MATCH,
      BODY('ScimPatchOp'),
      ...PROJECTION_QUERY,
      ApiResponse({
        status: kind === 'User' ? 200 : 204,
        description: kind === 'User' ? 'The patched user' : 'Patched',
        ...(kind === 'User' ? { content: scimContent('ScimUser') } : {}),
      }),
      ...(kind === 'User'
        ? [ApiResponse({ status: 204, description: 'Patched (patchResponse noContent)' })]
        : [
            ApiResponse({
              status: 200,
              description: 'The patched group, when attributes are asked for',
              content: scimContent('ScimGroup'),
            }),
          ]),
      ...errors(404, 409, 412, 413),
    ),
  remove: (kind: 'User' | 'Group') =>
    applyDecorators(
      ApiOperation({
        summary: kind === 'User' ? 'Delete a User (deactivates it, with the ownership transfer; GET then answers 404)' : 'Delete a Group',
      }),
      ID,
      IF_MATCH,
      ApiResponse({ status: 204, description: 'Deleted' }),
      ...errors(404, 409, 412),
    ),
  discovery: (summary: string, withId = false) =>
    applyDecorators(
      ApiOperation({ summary }),
      ...(withId ? [ApiParam({ name: 'id', type: String }), ...errors(404)] : []),
      ApiResponse({ status: 200, description: summary, content: scimContent('ScimDiscovery') }),
    ),
};
