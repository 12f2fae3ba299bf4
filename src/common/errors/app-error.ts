/**
 * What went wrong, independent of protocol. Each protocol's error writer (SCIM, OAuth 2.0,
 * admin JSON) maps a code to its own status and body, so domain code never speaks HTTP.
 */
export enum ErrorCode {
  NotFound = 'not_found',
  Conflict = 'conflict',
  Uniqueness = 'uniqueness',
  VersionMismatch = 'version_mismatch',
  InvalidFilter = 'invalid_filter',
  InvalidSyntax = 'invalid_syntax',
  InvalidValue = 'invalid_value',
  InvalidPath = 'invalid_path',
  NoTarget = 'no_target',
  Mutability = 'mutability',
  TooMany = 'too_many',
  /** A paging cursor that is not one this query can follow (RFC 9865). */
  InvalidCursor = 'invalid_cursor',
  /** A paging cursor older than the cursor timeout (RFC 9865). */
  ExpiredCursor = 'expired_cursor',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  InvalidToken = 'invalid_token',
  InsufficientScope = 'insufficient_scope',
  Forbidden = 'forbidden',
  OnlyCompanyOwner = 'only_company_owner',
  /** An endpoint of the protocol that this service does not offer (SCIM /Bulk, /Me). */
  NotImplemented = 'not_implemented',
  /** The database did not answer in time (down, or every connection busy): try again shortly. */
  Unavailable = 'unavailable',
  /** The caller is over a rate limit; it may try again after `retryAfterSeconds`. */
  RateLimited = 'rate_limited',
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Headers the answer carries whatever the protocol (WWW-Authenticate, Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Over a rate limit: answered 429 with Retry-After. */
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `Too many requests; retry in ${retryAfterSeconds} s`,
  ) {
    super(ErrorCode.RateLimited, message, { 'Retry-After': String(retryAfterSeconds) });
  }
}

export const notFound = (what: string) => new AppError(ErrorCode.NotFound, `${what} not found`);
