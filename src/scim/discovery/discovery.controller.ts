import { Controller, Get, Param } from '@nestjs/common';
import { Json } from '../schema/canonicalize';
import { ScimContext } from '../scim-context';
import { Scim, ScimController } from '../scim.decorators';
import { DiscoveryService } from './discovery.service';

@ScimController()
@Controller('scim/v2')
export class DiscoveryController {
  constructor(private readonly discovery: DiscoveryService) {}

  @Get('ServiceProviderConfig')
  serviceProviderConfig(@Scim() ctx: ScimContext): Json {
    return this.discovery.serviceProviderConfig(ctx.baseUrl);
  }

  @Get('Schemas')
  schemas(@Scim() ctx: ScimContext): Json {
    return this.discovery.listSchemas(ctx.baseUrl);
  }

  @Get('Schemas/:id')
  schema(@Scim() ctx: ScimContext, @Param('id') id: string): Json {
    return this.discovery.getSchema(id, ctx.baseUrl);
  }

  @Get('ResourceTypes')
  resourceTypes(@Scim() ctx: ScimContext): Json {
    return this.discovery.listResourceTypes(ctx.baseUrl);
  }

  @Get('ResourceTypes/:id')
  resourceType(@Scim() ctx: ScimContext, @Param('id') id: string): Json {
    return this.discovery.getResourceType(id, ctx.baseUrl);
  }
}
