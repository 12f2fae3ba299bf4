import { All, Body, Controller, HttpCode, Post } from '@nestjs/common';
import { AppError, ErrorCode } from '../../common/errors/app-error';
import { ScimContext } from '../scim-context';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { Scim, ScimController } from '../scim.decorators';
import { ApiScim, ScimApi } from '../scim-openapi';
import { Json } from '../schema/canonicalize';
import { RootSearchService } from './root-search.service';

/** The service provider's root: search across resource types; /Bulk and /Me are not offered. */
@ScimController()
@ApiScim('SCIM discovery')
@Controller('scim/v2')
export class ScimRootController {
  constructor(private readonly root: RootSearchService) {}

  @Post('.search')
  @HttpCode(200)
  @ScimApi.search('Users and Groups together')
  search(@Scim() ctx: ScimContext, @Body() body: unknown): Promise<Json> {
    return this.root.search(ctx, body);
  }

  /** ServiceProviderConfig advertises bulk as unsupported. */
  @All(['Bulk', 'Bulk/*path'])
  @ApiExcludeEndpoint()
  bulk(): never {
    throw new AppError(ErrorCode.NotImplemented, 'Bulk operations are not supported (see /ServiceProviderConfig)');
  }

  /** /Me needs a user behind the token; provisioning clients authenticate as applications. */
  @All(['Me', 'Me/*path'])
  @ApiExcludeEndpoint()
  me(): never {
    throw new AppError(ErrorCode.NotImplemented, '/Me is not supported: tokens here belong to provisioning applications, not to users');
  }
}
