import { AppError, ErrorCode } from '../common/errors/app-error';

const REALM = 'usersync';

/**
 * Missing, unknown, expired or revoked bearer token (RFC 6750 `invalid_token`), or a token sent
 * other than in the Authorization header (`invalid_request`).
 */
export class InvalidTokenError extends AppError {
  constructor(
    message = 'The access token is missing, invalid, expired or revoked',
    readonly error: 'invalid_token' | 'invalid_request' = 'invalid_token',
  ) {
    super(ErrorCode.InvalidToken, message, {
      'WWW-Authenticate': `Bearer realm="${REALM}", error="${error}", error_description="${message}"`,
    });
  }
}

/** A valid token without the scope the route needs (RFC 6750 `insufficient_scope`). */
export class InsufficientScopeError extends AppError {
  constructor(readonly requiredScopes: string[]) {
    super(ErrorCode.InsufficientScope, `This request requires scope ${requiredScopes.join(' ')}`, {
      'WWW-Authenticate': `Bearer realm="${REALM}", error="insufficient_scope", scope="${requiredScopes.join(' ')}"`,
    });
  }
}
