import { AppError, ErrorCode } from '../../common/errors/app-error';
import { LIMITS } from '../../common/input/limits';
import { toBoolean } from '../scim-boolean';
import { AttributeDef, findAttribute, SchemaDef } from './scim-schemas';

export type Json = Record<string, unknown>;

/** A resource type's schemas: the core one and its extensions (attributes nested under their URN). */
export interface ResourceSchemas {
  core: SchemaDef;
  extensions: SchemaDef[];
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of a JSON value (objects, arrays, scalars): many times cheaper than structuredClone for a resource. */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  if (!isObject(value)) return value;
  const copy: Json = {};
  for (const key in value) copy[key] = cloneJson(value[key]);
  return copy as T;
}

export function findExtension(schemas: ResourceSchemas, urn: string): SchemaDef | undefined {
  const lower = urn.toLowerCase();
  return schemas.extensions.find((s) => s.id.toLowerCase() === lower);
}

/**
 * Brings a client's resource body into canonical form: attribute names spelled as the schema
 * spells them (names are case-insensitive, RFC 7643 §2.1), values of the declared type
 * (Entra ID's "True"/"False" strings become booleans), read-only attributes dropped (they are
 * ignored on input), unknown attributes of a known schema dropped. A wrong type, an over-long
 * value or attribute data under a schema the resource type does not have is refused.
 */
export function canonicalizeResource(input: unknown, schemas: ResourceSchemas): Json {
  if (!isObject(input)) throw new AppError(ErrorCode.InvalidSyntax, 'The request body must be a JSON object');
  const out: Json = {};
  const extensionData = (extension: SchemaDef): Json => {
    const existing = out[extension.id];
    if (isObject(existing)) return existing;
    const created: Json = {};
    out[extension.id] = created;
    return created;
  };
  for (const [key, value] of Object.entries(input)) {
    if (key.toLowerCase() === 'schemas') continue;
    const extension = findExtension(schemas, key);
    if (extension) {
      if (value === null) continue;
      if (!isObject(value)) throw new AppError(ErrorCode.InvalidValue, `${extension.id} must be an object`);
      const ext = extensionData(extension);
      for (const [name, v] of Object.entries(value)) {
        const def = findAttribute(extension.attributes, name);
        if (def && def.mutability !== 'readOnly') ext[def.name] = canonicalValue(def, v, `${extension.id}:${def.name}`);
      }
      continue;
    }
    const { schema, name } = resolveKey(key, value, schemas);
    if (schema === null) continue;
    const attributes = schema ? schema.attributes : schemas.core.attributes;
    const def = findAttribute(attributes, name);
    if (!def || def.mutability === 'readOnly') continue;
    const canonical = canonicalValue(def, value, schema ? `${schema.id}:${def.name}` : def.name);
    // Write-only values (password) are checked, then discarded: nothing stores them.
    if (def.mutability === 'writeOnly') continue;
    if (schema) extensionData(schema)[def.name] = canonical;
    else out[def.name] = canonical;
  }
  return out;
}

/**
 * A body key is an attribute name, or a schema-qualified one (`urn:…:User:userName`,
 * `urn:…:enterprise:2.0:User:department`). Data under a schema this resource type does not
 * have is refused, naming the URN; a key that carries no data (null, {}) is ignored.
 * Returns `schema: null` for such an ignored key.
 */
function resolveKey(key: string, value: unknown, schemas: ResourceSchemas): { schema?: SchemaDef | null; name: string } {
  if (!key.includes(':')) return { name: key };
  const lower = key.toLowerCase();
  if (lower.startsWith(`${schemas.core.id.toLowerCase()}:`)) return { name: key.slice(schemas.core.id.length + 1) };
  const extension = schemas.extensions.find((s) => lower.startsWith(`${s.id.toLowerCase()}:`));
  if (extension) return { schema: extension, name: key.slice(extension.id.length + 1) };
  if (value === null || value === undefined || (isObject(value) && Object.keys(value).length === 0)) return { schema: null, name: key };
  throw new AppError(
    ErrorCode.InvalidSyntax,
    `Attribute data under unknown schema "${key}"; a ${schemas.core.name} takes ${[schemas.core, ...schemas.extensions].map((s) => s.id).join(', ')}`,
  );
}

/**
 * Checks the `schemas` member: an array of URNs that includes the resource type's core schema.
 * Other URNs are accepted when they carry no attribute data (Entra ID lists its ADSCIM URN,
 * `http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group`, on every group);
 * data under an unknown URN is refused by canonicalizeResource.
 */
export function checkSchemas(input: unknown, schemas: ResourceSchemas): void {
  if (!isObject(input)) throw new AppError(ErrorCode.InvalidSyntax, 'The request body must be a JSON object');
  const key = Object.keys(input).find((k) => k.toLowerCase() === 'schemas');
  const list = key ? input[key] : undefined;
  if (!Array.isArray(list) || list.some((s) => typeof s !== 'string')) {
    throw new AppError(ErrorCode.InvalidSyntax, `"schemas" must be an array of schema URNs including ${schemas.core.id}`);
  }
  if (!(list as string[]).some((urn) => urn.toLowerCase() === schemas.core.id.toLowerCase())) {
    throw new AppError(ErrorCode.InvalidSyntax, `"schemas" must include ${schemas.core.id}`);
  }
}

/** A number as JSON writes one (Entra ID sends numbers as strings). */
const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

export function canonicalValue(def: AttributeDef, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return null;
  if (def.multiValued) {
    const list = Array.isArray(value) ? value : [value];
    const max = def.maxValues ?? LIMITS.valuesPerAttribute;
    if (list.length > max) throw new AppError(ErrorCode.InvalidValue, `${path} holds at most ${max} values`);
    return list.filter((v) => v !== null && v !== undefined).map((v, i) => canonicalSingle(def, v, `${path}[${i}]`));
  }
  if (Array.isArray(value)) {
    // A single-valued complex attribute sent as a one-element list (a common client quirk).
    if (def.type === 'complex' && value.length === 1) return canonicalSingle(def, value[0], path);
    throw new AppError(ErrorCode.InvalidValue, `${path} is single-valued`);
  }
  return canonicalSingle(def, value, path);
}

function canonicalSingle(def: AttributeDef, value: unknown, path: string): unknown {
  switch (def.type) {
    case 'complex': {
      if (!isObject(value)) throw new AppError(ErrorCode.InvalidValue, `${path} must be an object`);
      const out: Json = {};
      for (const [name, v] of Object.entries(value)) {
        const sub = findAttribute(def.subAttributes, name);
        if (sub && sub.mutability !== 'readOnly') out[sub.name] = canonicalValue(sub, v, `${path}.${sub.name}`);
      }
      return out;
    }
    case 'boolean': {
      const b = toBoolean(value);
      if (b === undefined) throw new AppError(ErrorCode.InvalidValue, `${path} must be true or false`);
      return b;
    }
    case 'dateTime': {
      if (typeof value !== 'string' || Number.isNaN(new Date(value).getTime()))
        throw new AppError(ErrorCode.InvalidValue, `${path} must be a date-time`);
      return value;
    }
    case 'integer':
    case 'decimal': {
      // Entra ID sends every mapped value as a string: "42" is the integer 42.
      const number = typeof value === 'number' ? value : typeof value === 'string' && NUMBER.test(value.trim()) ? Number(value) : NaN;
      if (!Number.isFinite(number) || (def.type === 'integer' && !Number.isSafeInteger(number))) {
        throw new AppError(ErrorCode.InvalidValue, `${path} must be ${def.type === 'integer' ? 'a whole number' : 'a number'}`);
      }
      return number;
    }
    default: {
      if (typeof value === 'number') value = String(value);
      if (typeof value !== 'string') throw new AppError(ErrorCode.InvalidValue, `${path} must be a string`);
      if (def.maxLength !== undefined && value.length > def.maxLength) {
        throw new AppError(
          ErrorCode.InvalidValue,
          `${path} is longer than ${def.maxLength} characters (UTF-16 code units, as the database counts them)`,
        );
      }
      return value;
    }
  }
}
