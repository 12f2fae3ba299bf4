import { Inject, Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../../common/errors/app-error';
import { LIMITS } from '../../common/input/limits';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { listResponse } from '../scim-list';
import { Json } from '../schema/canonicalize';
import { AttributeDef, ENTERPRISE_USER, GROUP_SCHEMA, groupSchema, SchemaDef, userSchema, WFUSER_EXTENSION } from '../schema/scim-schemas';

/** ServiceProviderConfig, Schemas and ResourceTypes: advertise exactly what works. */
@Injectable()
export class DiscoveryService {
  private readonly schemas: SchemaDef[];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.schemas = [userSchema(config.scim), ENTERPRISE_USER, WFUSER_EXTENSION, groupSchema(config.scim.limits.membersPerRequest)];
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

  listSchemas(baseUrl: string): Json {
    const resources = this.schemas.map((s) => this.renderSchema(s, baseUrl));
    return listResponse(resources.length, 1, resources, {});
  }

  getSchema(id: string, baseUrl: string): Json {
    const schema = this.schemas.find((s) => s.id.toLowerCase() === id.toLowerCase());
    if (!schema) throw new AppError(ErrorCode.NotFound, `Schema ${id} not found`);
    return this.renderSchema(schema, baseUrl);
  }

  listResourceTypes(baseUrl: string): Json {
    const resources = this.resourceTypes(baseUrl);
    return listResponse(resources.length, 1, resources, {});
  }

  getResourceType(id: string, baseUrl: string): Json {
    const type = this.resourceTypes(baseUrl).find((t) => String(t.id).toLowerCase() === id.toLowerCase());
    if (!type) throw new AppError(ErrorCode.NotFound, `ResourceType ${id} not found`);
    return type;
  }

  private resourceTypes(baseUrl: string): Json[] {
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
      type('User', '/Users', this.schemas[0].id, [ENTERPRISE_USER.id, WFUSER_EXTENSION.id]),
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
