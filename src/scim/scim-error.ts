import { ErrorCode } from '../common/errors/app-error';

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** RFC 7644 §3.12 (and RFC 9865 §2.3) `scimType` for the codes that have one. */
const SCIM_TYPES: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.InvalidFilter]: 'invalidFilter',
  [ErrorCode.InvalidSyntax]: 'invalidSyntax',
  [ErrorCode.InvalidValue]: 'invalidValue',
  [ErrorCode.InvalidPath]: 'invalidPath',
  [ErrorCode.NoTarget]: 'noTarget',
  [ErrorCode.Mutability]: 'mutability',
  [ErrorCode.Uniqueness]: 'uniqueness',
  [ErrorCode.TooMany]: 'tooMany',
  [ErrorCode.InvalidCursor]: 'invalidCursor',
  [ErrorCode.ExpiredCursor]: 'expiredCursor',
};

export interface ScimErrorBody {
  schemas: string[];
  status: string;
  scimType?: string;
  detail: string;
}

export function scimErrorBody(status: number, detail: string, code?: ErrorCode): ScimErrorBody {
  const scimType = code ? SCIM_TYPES[code] : undefined;
  return { schemas: [SCIM_ERROR_SCHEMA], ...(scimType ? { scimType } : {}), detail, status: String(status) };
}
