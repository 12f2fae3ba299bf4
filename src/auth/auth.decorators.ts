import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { Scope } from './entities/oauth-application.entity';
import { Principal as PrincipalType } from './principal';

export const IS_PUBLIC = 'usersync:isPublic';
export const REQUIRED_SCOPES = 'usersync:requiredScopes';
export const REQUIRES_ADMIN = 'usersync:requiresAdmin';

/** Opts a route out of the global bearer guard (token endpoint, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The token must carry every listed scope. */
export const RequireScopes = (...scopes: Scope[]) => applyDecorators(SetMetadata(REQUIRED_SCOPES, scopes), ApiBearerAuth());

/** Admin API: scope `api` and an acting user who holds the admin permission. */
export const RequireAdmin = () => applyDecorators(RequireScopes('api'), SetMetadata(REQUIRES_ADMIN, true));

/** The authenticated principal; fails loudly if the bearer guard did not run for the route. */
export const Principal = createParamDecorator((_data: unknown, ctx: ExecutionContext): PrincipalType => {
  const principal = ctx.switchToHttp().getRequest<{ user?: PrincipalType }>().user;
  if (!principal) throw new Error('@Principal() used on a route the bearer guard did not authenticate');
  return principal;
});
