import { ValidateIf } from 'class-validator';

/**
 * May be left out, but when given must pass the other rules: unlike `@IsOptional()`, `null`
 * is validated (and refused by `@IsString()` & co.) instead of skipping validation and
 * reaching a NOT NULL column.
 */
export const OptionalNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
