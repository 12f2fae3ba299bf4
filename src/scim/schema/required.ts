import { AppError, ErrorCode } from '../../common/errors/app-error';
import { isObject, Json, ResourceSchemas } from './canonicalize';
import { AttributeDef } from './scim-schemas';

/** No value: absent, null, blank, an empty list or an empty object. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

/**
 * The attributes /Schemas marks `required` (sub-attributes included) must hold a value — one
 * definition drives both what is advertised and what is refused. POST and PUT check the whole
 * resource; a PATCH passes the attributes its operations touched (`touched`, keys as
 * `name` or `urn:…:name`), so a stored user that predates a rule can still be changed
 * elsewhere, while removing the last value of a required attribute is refused.
 */
export function checkRequired(resource: Json, schemas: ResourceSchemas, touched?: ReadonlySet<string>): void {
  const check = (attributes: AttributeDef[], container: unknown, urn?: string) => {
    for (const def of attributes) {
      if (def.mutability === 'readOnly') continue;
      const key = urn ? `${urn}:${def.name}` : def.name;
      if (touched && !touched.has(key)) continue;
      const value = isObject(container) ? container[def.name] : undefined;
      if (isEmpty(value)) {
        if (def.required)
          throw new AppError(ErrorCode.InvalidValue, touched ? `${key} is required and cannot be removed` : `${key} is required`);
        continue;
      }
      const required = def.subAttributes?.filter((s) => s.required && s.mutability !== 'readOnly') ?? [];
      if (required.length === 0) continue;
      const items = def.multiValued && Array.isArray(value) ? value : [value];
      items.forEach((item, i) => {
        for (const sub of required) {
          if (isEmpty(isObject(item) ? item[sub.name] : undefined)) {
            throw new AppError(ErrorCode.InvalidValue, `${key}${def.multiValued ? `[${i}]` : ''}.${sub.name} is required`);
          }
        }
      });
    }
  };
  check(schemas.core.attributes, resource);
  for (const extension of schemas.extensions) check(extension.attributes, resource[extension.id], extension.id);
}
