import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { RequireScopes } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { ScimContext } from './scim-context';

/** A SCIM controller: scope `usersync` (ScimMiddleware sets the media type; scim-openapi.ts describes the routes). */
export const ScimController = () => applyDecorators(RequireScopes('usersync'));

export const Scim = createParamDecorator((_data: unknown, ctx: ExecutionContext): ScimContext => {
  const req = ctx.switchToHttp().getRequest<{ user?: Principal; scimBaseUrl?: string; id?: string; method: string; path: string }>();
  if (!req.user || !req.scimBaseUrl) throw new Error('@Scim() used outside /scim/v2 or without a bearer guard');
  return { principal: req.user, baseUrl: req.scimBaseUrl, trigger: `${req.method} ${req.path}`, requestId: req.id };
});
