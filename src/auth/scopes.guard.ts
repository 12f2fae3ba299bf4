import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { IS_PUBLIC, REQUIRED_SCOPES, REQUIRES_ADMIN } from './auth.decorators';
import { InsufficientScopeError } from './auth.errors';
import { Principal } from './principal';

/**
 * Global, after the bearer guard. Deny by default: an authenticated route that declares no
 * scope is refused, so a route cannot be exposed by forgetting a decorator.
 */
@Injectable()
export class ScopesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, targets);
    if (!required?.length) throw new AppError(ErrorCode.Forbidden, 'This route is not open to any scope');
    const principal = context.switchToHttp().getRequest<{ user: Principal }>().user;
    if (!required.every((scope) => (principal.scopes as string[]).includes(scope))) throw new InsufficientScopeError(required);
    if (this.reflector.getAllAndOverride<boolean>(REQUIRES_ADMIN, targets) && !principal.isAdmin) {
      throw new AppError(ErrorCode.Forbidden, "The application's user does not hold the admin permission");
    }
    return true;
  }
}
