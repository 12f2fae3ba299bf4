import { applyDecorators, createParamDecorator, ExecutionContext, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { RequireScopes } from '../oauth2/auth/auth.decorators';
import { Principal } from '../oauth2/auth/principal';
import { ScimContext } from './scim-context';
import { ScimInterceptor } from './scim.interceptor';

/** A SCIM controller: scope `usersync`, SCIM media type, not part of the admin OpenAPI document. */
export const ScimController = () => applyDecorators(RequireScopes('usersync'), UseInterceptors(ScimInterceptor), ApiExcludeController());

export const Scim = createParamDecorator((_data: unknown, ctx: ExecutionContext): ScimContext => {
  const req = ctx.switchToHttp().getRequest<{ user?: Principal; scimBaseUrl?: string; id?: string; method: string; path: string }>();
  if (!req.user || !req.scimBaseUrl) throw new Error('@Scim() used outside a @ScimController()');
  return { principal: req.user, baseUrl: req.scimBaseUrl, trigger: `${req.method} ${req.path}`, requestId: req.id };
});
