import { ErrorCode } from './app-error';

/** HTTP status of each error code; the same on every protocol. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.Uniqueness]: 409,
  [ErrorCode.OnlyCompanyOwner]: 409,
  [ErrorCode.VersionMismatch]: 412,
  [ErrorCode.InvalidFilter]: 400,
  [ErrorCode.InvalidSyntax]: 400,
  [ErrorCode.InvalidValue]: 400,
  [ErrorCode.InvalidPath]: 400,
  [ErrorCode.NoTarget]: 400,
  [ErrorCode.Mutability]: 400,
  [ErrorCode.TooMany]: 400,
  [ErrorCode.InvalidCursor]: 400,
  [ErrorCode.ExpiredCursor]: 400,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.InvalidToken]: 401,
  [ErrorCode.InsufficientScope]: 403,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotImplemented]: 501,
  [ErrorCode.Unavailable]: 503,
  [ErrorCode.RateLimited]: 429,
};
