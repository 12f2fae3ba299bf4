import { Controller, Get, Param } from '@nestjs/common';
import { Json } from '../schema/canonicalize';
import { ScimContext } from '../scim-context';
import { Scim, ScimController } from '../scim.decorators';
import { ApiScim, ScimApi } from '../scim-openapi';
import { DiscoveryService } from './discovery.service';

@ScimController()
@ApiScim('SCIM discovery')
@Controller('scim/v2')
export class DiscoveryController {
  constructor(private readonly discovery: DiscoveryService) {}

  @Get('ServiceProviderConfig')
  @ScimApi.discovery('What this service supports (RFC 7643 §5)')
  serviceProviderConfig(@Scim() ctx: ScimContext): Json {
    return this.discovery.serviceProviderConfig(ctx.baseUrl);
  }

  @Get('Schemas')
  @ScimApi.discovery('Every schema: attributes, types, mutability, case rules (RFC 7643 §7)')
  schemas(@Scim() ctx: ScimContext): Promise<Json> {
    return this.discovery.listSchemas(ctx.principal.idSubscription, ctx.baseUrl);
  }

  @Get('Schemas/:id')
  @ScimApi.discovery('One schema, by its URN', true)
  schema(@Scim() ctx: ScimContext, @Param('id') id: string): Promise<Json> {
    return this.discovery.getSchema(ctx.principal.idSubscription, id, ctx.baseUrl);
  }

  @Get('ResourceTypes')
  @ScimApi.discovery('The resource types: User and Group (RFC 7643 §6)')
  resourceTypes(@Scim() ctx: ScimContext): Promise<Json> {
    return this.discovery.listResourceTypes(ctx.principal.idSubscription, ctx.baseUrl);
  }

  @Get('ResourceTypes/:id')
  @ScimApi.discovery('One resource type', true)
  resourceType(@Scim() ctx: ScimContext, @Param('id') id: string): Promise<Json> {
    return this.discovery.getResourceType(ctx.principal.idSubscription, id, ctx.baseUrl);
  }
}
