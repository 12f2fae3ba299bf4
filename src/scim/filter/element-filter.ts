import { AppError, ErrorCode } from '../../common/errors/app-error';
import { toBoolean } from '../scim-boolean';
import { Filter, FilterValue } from './filter.ast';
import { AttributeDef, findAttribute } from '../schema/scim-schemas';
import { Json } from '../schema/canonicalize';

/**
 * Evaluates a value filter (`type eq "work"`) against one element of a multi-valued
 * attribute of the one resource a PATCH is changing. Never used to filter resources: those
 * filters run in SQL.
 */
export function elementMatches(filter: Filter, element: Json, def: AttributeDef): boolean {
  switch (filter.kind) {
    case 'and':
      return elementMatches(filter.left, element, def) && elementMatches(filter.right, element, def);
    case 'or':
      return elementMatches(filter.left, element, def) || elementMatches(filter.right, element, def);
    case 'not':
      return !elementMatches(filter.filter, element, def);
    case 'present': {
      const v = element[subName(filter.path.attribute, def)];
      return v !== undefined && v !== null && v !== '';
    }
    case 'compare': {
      const sub = findAttribute(def.subAttributes, filter.path.attribute);
      if (!sub || filter.path.subAttribute)
        throw new AppError(ErrorCode.InvalidPath, `Unknown sub-attribute "${filter.path.attribute}" of ${def.name}`);
      return compareValue(element[sub.name], filter.op, filter.value, sub);
    }
    default:
      throw new AppError(ErrorCode.InvalidPath, 'Value filters cannot be nested');
  }
}

function subName(name: string, def: AttributeDef): string {
  const sub = findAttribute(def.subAttributes, name);
  if (!sub) throw new AppError(ErrorCode.InvalidPath, `Unknown sub-attribute "${name}" of ${def.name}`);
  return sub.name;
}

function compareValue(actual: unknown, op: string, expected: FilterValue, def: AttributeDef): boolean {
  if (expected === null) return op === 'eq' ? actual === undefined || actual === null : actual !== undefined && actual !== null;
  if (def.type === 'boolean') {
    const a = toBoolean(actual) ?? false;
    const b = toBoolean(expected);
    return op === 'eq' ? a === b : op === 'ne' ? a !== b : false;
  }
  if (actual === undefined || actual === null) return op === 'ne';
  const fold = (v: unknown) => (def.caseExact ? String(v) : String(v).toLowerCase());
  const a = fold(actual);
  const b = fold(expected);
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'co':
      return a.includes(b);
    case 'sw':
      return a.startsWith(b);
    case 'ew':
      return a.endsWith(b);
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
  }
  return false;
}
