import { Inject, Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../../common/errors/app-error';
import { LIMITS } from '../../common/input/limits';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { listResponse } from '../scim-list';
import { CURSOR_TIMEOUT_SECONDS } from '../scim-paging';
import { Json } from '../schema/canonicalize';
import { AttributeDef, GROUP_SCHEMA, groupSchema, SchemaDef } from '../schema/scim-schemas';
import { ScimUsersService } from '../users/scim-users.service';

/**
 * ServiceProviderConfig, Schemas and ResourceTypes: advertise exactly what works — for the
 * caller's subscription, whose custom user properties are an extension schema of its own.
 */
@Injectable()
export class DiscoveryService {
  private readonly group: SchemaDef;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: ScimUsersService,
  ) {
    this.group = groupSchema(config.scim.limits.membersPerRequest);
  }

  private async schemas(idSubscription: number): Promise<{ all: SchemaDef[]; user: SchemaDef; userExtensions: SchemaDef[] }> {
    const user = await this.users.schemasFor(idSubscription);
    return { all: [user.core, ...user.extensions, this.group], user: user.core, userExtensions: user.extensions };
  }

  serviceProviderConfig(baseUrl: string): Json {
    return {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      documentationUri: `${baseUrl.replace(/\/scim\/v2$/, '')}/api/docs`,
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: this.config.scim.maxPageSize },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      // RFC 9865 §4: both kinds of paging; without `cursor` a list pages by index.
      pagination: {
        cursor: true,
        index: true,
        defaultPaginationMethod: 'index',
        defaultPageSize: this.config.scim.maxPageSize,
        maxPageSize: this.config.scim.maxPageSize,
        cursorTimeout: CURSOR_TIMEOUT_SECONDS,
      },
      authenticationSchemes: [
        {
          type: 'oauthbearertoken',
          name: 'OAuth Bearer Token',
          description: 'Authentication with an OAuth 2.0 bearer token of scope usersync (RFC 6750)',
          specUri: 'https://www.rfc-editor.org/rfc/rfc6750',
          primary: true,
        },
      ],
      meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
    };
  }

  async listSchemas(idSubscription: number, baseUrl: string): Promise<Json> {
    const resources = (await this.schemas(idSubscription)).all.map((s) => this.renderSchema(s, baseUrl));
    return listResponse(resources.length, 1, resources, {});
  }

  async getSchema(idSubscription: number, id: string, baseUrl: string): Promise<Json> {
    const schema = (await this.schemas(idSubscription)).all.find((s) => s.id.toLowerCase() === id.toLowerCase());
    if (!schema) throw new AppError(ErrorCode.NotFound, `Schema ${id} not found`);
    return this.renderSchema(schema, baseUrl);
  }

  async listResourceTypes(idSubscription: number, baseUrl: string): Promise<Json> {
    const resources = await this.resourceTypes(idSubscription, baseUrl);
    return listResponse(resources.length, 1, resources, {});
  }

  async getResourceType(idSubscription: number, id: string, baseUrl: string): Promise<Json> {
    const type = (await this.resourceTypes(idSubscription, baseUrl)).find((t) => String(t.id).toLowerCase() === id.toLowerCase());
    if (!type) throw new AppError(ErrorCode.NotFound, `ResourceType ${id} not found`);
    return type;
  }

  private async resourceTypes(idSubscription: number, baseUrl: string): Promise<Json[]> {
    const { user, userExtensions } = await this.schemas(idSubscription);
    const type = (id: string, endpoint: string, schema: string, extensions: string[]) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id,
      name: id,
      endpoint,
      description: id,
      schema,
      schemaExtensions: extensions.map((e) => ({ schema: e, required: false })),
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${id}` },
    });
    return [
      type(
        'User',
        '/Users',
        user.id,
        userExtensions.map((e) => e.id),
      ),
      type('Group', '/Groups', GROUP_SCHEMA, []),
    ];
  }

  private renderSchema(schema: SchemaDef, baseUrl: string): Json {
    return {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: schema.id,
      name: schema.name,
      description: schema.description,
      attributes: schema.attributes.map(renderAttribute),
      meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${schema.id}` },
    };
  }
}

function renderAttribute(attribute: AttributeDef): Json {
  // maxLength and maxValues are the store's limits, not SCIM schema fields: the description states them.
  const { maxLength, maxValues, subAttributes, ...rest } = attribute;
  const limits = [
    ...(maxLength !== undefined && attribute.type === 'string' ? [`at most ${maxLength} characters`] : []),
    ...(attribute.multiValued ? [`at most ${maxValues ?? LIMITS.valuesPerAttribute} values`] : []),
  ];
  return {
    ...rest,
    ...(limits.length ? { description: `${attribute.description} (${limits.join('; ')})` } : {}),
    ...(subAttributes ? { subAttributes: subAttributes.map(renderAttribute) } : {}),
  };
}
