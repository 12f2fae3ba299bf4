import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** The JSON every admin route answers an error with. */
export class AdminErrorView {
  @ApiProperty({ example: 404 }) statusCode: number;
  @ApiProperty({ example: 'not_found', description: 'A stable code (the SCIM scimType where one applies), else the status name' })
  error: string;
  @ApiProperty({ example: 'Subscription 0f8fad5b-d9cb-469f-a165-70867728950e not found' }) message: string;
  @ApiPropertyOptional({ type: [String], description: 'Each validation message, when the body or query failed validation' })
  details?: string[];
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The body or query is not valid; `message` says which field and why',
  401: 'No bearer token, or one that is unknown, expired or revoked (WWW-Authenticate says which)',
  403: 'The token lacks scope `api`, or its user does not hold the admin permission',
  404: "Not found in the caller's company (another company's objects answer the same)",
  409: 'The change conflicts with what is there (a name already used, the last company owner)',
  413: 'The body is larger than the service accepts',
  429: 'Too many requests from this application; Retry-After says when to try again',
  503: 'The database is not answering; Retry-After says when to try again',
};

/** Every admin route's error answers; `extra` adds the statuses only some routes give (409). */
export function ApiAdminErrors(...extra: number[]): MethodDecorator & ClassDecorator {
  const statuses = extra.length > 0 ? extra : [400, 401, 403, 404, 429, 503];
  return applyDecorators(
    ApiExtraModels(AdminErrorView),
    ...statuses.map((status) => ApiResponse({ status, description: ERROR_DESCRIPTIONS[status], type: AdminErrorView })),
  );
}

/** `200` with a page of `model`: `{ total, offset, limit, items: model[] }`. */
export function ApiPage(model: Type<unknown>): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status: 200,
      description: 'One page, newest or first by id; `total` counts every match',
      schema: {
        type: 'object',
        required: ['total', 'offset', 'limit', 'items'],
        properties: {
          total: { type: 'integer', minimum: 0 },
          offset: { type: 'integer', minimum: 0 },
          limit: { type: 'integer', minimum: 1 },
          items: { type: 'array', items: { $ref: getSchemaPath(model) } },
        },
      },
    }),
  );
}
