import { AppError, ErrorCode } from '../../common/errors/app-error';
import { DEFAULT_REQUEST_LIMITS } from '../../config/app-config';
import { elementMatches } from '../filter/element-filter';
import { Filter, PatchPath } from '../filter/filter.ast';
import { parseAttrPath, parsePatchPath } from '../filter/filter.parser';
import { canonicalValue, cloneJson, findExtension, isObject, Json, ResourceSchemas } from '../schema/canonicalize';
import { AttributeDef, findAttribute, PATCH_OP_SCHEMA, SchemaDef } from '../schema/scim-schemas';

export type PatchOpName = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: PatchOpName;
  path?: string;
  value?: unknown;
}

/**
 * Reads a PatchOp body: `schemas` must name the PatchOp message, `Operations` a non-empty list.
 * Operation names are case-insensitive (Entra ID sends "Replace", "Add", "Remove").
 */
export function parsePatchRequest(body: unknown, maxOperations: number = DEFAULT_REQUEST_LIMITS.patchOperations): PatchOperation[] {
  if (!isObject(body)) throw new AppError(ErrorCode.InvalidSyntax, 'The request body must be a JSON object');
  const key = (name: string) => Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
  const schemas = body[key('schemas') ?? 'schemas'];
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase())) {
    throw new AppError(ErrorCode.InvalidSyntax, `"schemas" must contain ${PATCH_OP_SCHEMA}`);
  }
  const operations = body[key('Operations') ?? 'Operations'];
  if (!Array.isArray(operations) || operations.length === 0)
    throw new AppError(ErrorCode.InvalidSyntax, '"Operations" must be a non-empty array');
  if (operations.length > maxOperations) {
    throw new AppError(ErrorCode.InvalidValue, `A PATCH holds at most ${maxOperations} operations`);
  }
  return operations.map((raw, i) => {
    if (!isObject(raw)) throw new AppError(ErrorCode.InvalidSyntax, `Operations[${i}] must be an object`);
    const get = (name: string) => raw[Object.keys(raw).find((k) => k.toLowerCase() === name) ?? name];
    const op = typeof get('op') === 'string' ? (get('op') as string).toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove') {
      throw new AppError(ErrorCode.InvalidSyntax, `Operations[${i}].op must be add, replace or remove`);
    }
    const path = get('path');
    if (path !== undefined && path !== null && (typeof path !== 'string' || !path.trim())) {
      throw new AppError(ErrorCode.InvalidPath, `Operations[${i}].path must be a non-empty string`);
    }
    const value = get('value');
    if (op !== 'remove' && value === undefined) throw new AppError(ErrorCode.InvalidValue, `Operations[${i}] (${op}) needs a value`);
    return { op, path: (path as string | undefined) ?? undefined, value };
  });
}

interface Target {
  container: Json;
  def: AttributeDef;
  /** The extension URN the attribute belongs to; undefined for the core schema. */
  schema?: string;
  filter?: Filter;
  subAttribute?: string;
  /** Set when the attribute lives in an extension that does not exist yet on the resource. */
  attach?: () => void;
}

/**
 * Applies RFC 7644 §3.5.2 operations to a resource in canonical form and returns the new
 * resource; the input is not modified. All operations apply, or an error is raised and none
 * does. The caller validates the result and stores it in one transaction; `touched` receives
 * the attributes the operations changed (`name`, or `urn:…:name` for an extension's), which
 * is what a PATCH is judged on.
 *
 * Entra ID's expectations beyond the RFC: a `replace`/`add` on a filtered path with no match
 * creates the element (`emails[type eq "work"].value`), path-less values may use dotted keys
 * (`{"name.givenName": "x"}`), and the manager may be a bare id string. A path may also be an
 * extension's URN, its value holding attributes of that extension. A read-only attribute sent
 * with its current value (Okta repeats the group's `id` in a rename) changes nothing.
 */
export function applyPatch(resource: Json, operations: PatchOperation[], schemas: ResourceSchemas, touched = new Set<string>()): Json {
  const result = cloneJson(resource);
  const applyExtension = (op: PatchOpName, extension: SchemaDef, value: unknown) => {
    if (op === 'remove') {
      delete result[extension.id];
      for (const def of extension.attributes) touched.add(`${extension.id}:${def.name}`);
      return;
    }
    if (!isObject(value)) throw new AppError(ErrorCode.InvalidValue, `The value of ${extension.id} must be an object of its attributes`);
    for (const [name, v] of Object.entries(value)) apply(result, { op, path: `${extension.id}:${name}`, value: v }, schemas, touched);
  };
  for (const operation of operations) {
    if (operation.path === undefined) {
      if (operation.op === 'remove') throw new AppError(ErrorCode.NoTarget, 'A remove operation needs a path');
      if (!isObject(operation.value)) throw new AppError(ErrorCode.InvalidValue, `A ${operation.op} without a path needs an object value`);
      for (const [key, value] of Object.entries(operation.value)) {
        if (key.toLowerCase() === 'schemas') continue;
        const extension = findExtension(schemas, key);
        if (extension) applyExtension(operation.op, extension, value);
        else apply(result, { op: operation.op, path: key, value }, schemas, touched);
      }
    } else {
      const extension = findExtension(schemas, operation.path.trim());
      if (extension) applyExtension(operation.op, extension, operation.value);
      else apply(result, operation, schemas, touched);
    }
  }
  return result;
}

function apply(resource: Json, operation: PatchOperation, schemas: ResourceSchemas, touched: Set<string>): void {
  const target = resolveTarget(resource, parsePatchPath(operation.path!), schemas, operation.path!);
  const { container, def, filter, subAttribute } = target;
  if (def.mutability === 'readOnly') {
    if (operation.op !== 'remove' && !subAttribute && !filter && sameValue(container[def.name], operation.value)) return;
    throw new AppError(ErrorCode.Mutability, `${def.name} is read-only`);
  }
  if (def.mutability === 'writeOnly') {
    // Checked like any value, then discarded: nothing stores a password (see the schema).
    if (operation.op !== 'remove') canonicalValue(def, operation.value, def.name);
    return;
  }
  touched.add(target.schema ? `${target.schema}:${def.name}` : def.name);

  if (operation.op === 'remove') {
    removeAt(container, def, filter, subAttribute);
    return;
  }
  target.attach?.();
  if (filter || (subAttribute && def.multiValued)) {
    const sub = subAttribute ? subDef(def, subAttribute) : undefined;
    const value = sub
      ? canonicalValue(sub, normalize(sub, operation.value), `${def.name}.${sub.name}`)
      : canonicalValue(def, operation.value, def.name);
    if (!sub && value === null)
      throw new AppError(ErrorCode.InvalidValue, `${operation.op} of ${def.name} with a value filter needs a value`);
    const list = (Array.isArray(container[def.name]) ? container[def.name] : []) as Json[];
    const matched = list.filter((el) => (filter ? elementMatches(filter, el, def) : true));
    if (matched.length === 0) {
      // No element matches: create it from the filter's equality conditions (Entra ID's expectation).
      const created: Json = filter ? seedFromFilter(filter, def) : {};
      if (sub) created[sub.name] = value;
      else Object.assign(created, ...(value as Json[]));
      container[def.name] = [...list, created];
    } else {
      for (const el of matched) {
        if (sub) el[sub.name] = value;
        else Object.assign(el, ...(value as Json[]));
      }
      container[def.name] = list;
    }
    return;
  }
  if (subAttribute) {
    const sub = subDef(def, subAttribute);
    const current = isObject(container[def.name]) ? (container[def.name] as Json) : {};
    if (sub.mutability === 'readOnly') {
      if (sameValue(current[sub.name], operation.value)) return;
      throw new AppError(ErrorCode.Mutability, `${def.name}.${sub.name} is read-only`);
    }
    current[sub.name] = canonicalValue(sub, normalize(sub, operation.value), `${def.name}.${sub.name}`);
    container[def.name] = current;
    return;
  }
  const value = canonicalValue(def, normalize(def, operation.value), def.name);
  if (def.multiValued) {
    const incoming = value === null ? [] : (value as unknown[]);
    if (operation.op === 'replace') {
      container[def.name] = incoming;
    } else {
      const list = (Array.isArray(container[def.name]) ? container[def.name] : []) as unknown[];
      const key = (v: unknown) => (isObject(v) ? JSON.stringify([v.value, v.type ?? null]) : JSON.stringify(v));
      const seen = new Set(list.map(key));
      container[def.name] = [...list, ...incoming.filter((v) => !seen.has(key(v)))];
    }
  } else if (def.type === 'complex' && isObject(value) && isObject(container[def.name])) {
    // add/replace on a complex attribute sets the given sub-attributes and keeps the others.
    container[def.name] = { ...(container[def.name] as Json), ...value };
  } else {
    container[def.name] = value;
  }
}

/** A value sent for a read-only attribute equals the current one (strings compared exactly). */
function sameValue(current: unknown, sent: unknown): boolean {
  if (current === undefined || current === null) return sent === undefined || sent === null;
  return JSON.stringify(current) === JSON.stringify(sent);
}

function removeAt(container: Json, def: AttributeDef, filter: Filter | undefined, subAttribute: string | undefined): void {
  if (!(def.name in container)) return;
  if (!def.multiValued) {
    if (subAttribute && isObject(container[def.name])) delete (container[def.name] as Json)[subDef(def, subAttribute).name];
    else delete container[def.name];
    return;
  }
  const list = (Array.isArray(container[def.name]) ? container[def.name] : []) as Json[];
  if (!filter && !subAttribute) {
    delete container[def.name];
    return;
  }
  if (subAttribute) {
    const sub = subDef(def, subAttribute);
    for (const el of list) if (!filter || elementMatches(filter, el, def)) delete el[sub.name];
    return;
  }
  container[def.name] = list.filter((el) => !elementMatches(filter!, el, def));
}

function resolveTarget(resource: Json, parsed: PatchPath, schemas: ResourceSchemas, text: string): Target {
  const path = parsed.path;
  let attributes = schemas.core.attributes;
  let container = resource;
  let attach: (() => void) | undefined;
  let schema: string | undefined;
  if (path.schema) {
    const extension = findExtension(schemas, path.schema);
    if (!extension) {
      if (path.schema.toLowerCase() !== schemas.core.id.toLowerCase()) {
        const known = [schemas.core, ...schemas.extensions].map((s) => s.id).join(', ');
        throw new AppError(ErrorCode.InvalidPath, `path "${text}" names an unknown schema; a ${schemas.core.name} has ${known}`);
      }
    } else {
      schema = extension.id;
      attributes = extension.attributes;
      const existing = resource[extension.id];
      if (isObject(existing)) {
        container = existing;
      } else {
        const created: Json = {};
        container = created;
        attach = () => {
          resource[extension.id] = created;
        };
      }
    }
  } else if (!findAttribute(attributes, path.attribute)) {
    // A dotted key of a path-less value ("name.givenName") or an extension attribute named bare.
    const owner = schemas.extensions.find((s) => findAttribute(s.attributes, path.attribute));
    if (owner)
      return resolveTarget(
        resource,
        { ...parsed, path: { ...parseAttrPath(`${owner.id}:${path.attribute}`), subAttribute: path.subAttribute } },
        schemas,
        text,
      );
  }
  const def = findAttribute(attributes, path.attribute);
  if (!def) throw new AppError(ErrorCode.InvalidPath, `Unknown attribute in path "${text}"`);
  if (parsed.filter && !def.multiValued)
    throw new AppError(ErrorCode.InvalidPath, `${def.name} is not multi-valued; a value filter does not apply`);
  return { container, def, schema, filter: parsed.filter, subAttribute: parsed.subAttribute ?? path.subAttribute, attach };
}

function subDef(def: AttributeDef, name: string): AttributeDef {
  const sub = findAttribute(def.subAttributes, name);
  if (!sub) throw new AppError(ErrorCode.InvalidPath, `Unknown sub-attribute "${name}" of ${def.name}`);
  return sub;
}

/** The shapes Entra ID sends for a manager: a bare id, `{value}`, or `[{value, $ref}]`. */
function normalize(def: AttributeDef, value: unknown): unknown {
  if (def.name === 'manager' && def.type === 'complex') {
    if (typeof value === 'string') return value ? { value } : null;
    if (Array.isArray(value)) return value.length ? normalize(def, value[0]) : null;
  }
  return value;
}

/** `type eq "work" and primary eq true` → `{type: "work", primary: true}`. */
function seedFromFilter(filter: Filter, def: AttributeDef): Json {
  if (filter.kind === 'and') return { ...seedFromFilter(filter.left, def), ...seedFromFilter(filter.right, def) };
  if (filter.kind === 'compare' && filter.op === 'eq') {
    const sub = findAttribute(def.subAttributes, filter.path.attribute);
    if (sub) return { [sub.name]: canonicalValue(sub, filter.value, `${def.name}.${sub.name}`) };
  }
  throw new AppError(ErrorCode.NoTarget, `No ${def.name} value matches the filter`);
}
