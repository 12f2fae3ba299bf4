import { AppError, ErrorCode } from '../../common/errors/app-error';
import { parseAttrPath } from '../filter/filter.parser';
import { findExtension, isObject, Json, ResourceSchemas } from './canonicalize';
import { findAttribute } from './scim-schemas';

const ALWAYS = new Set(['id', 'schemas']);

interface Selector {
  /** Extension URN, or undefined for the core schema. */
  extension?: string;
  attribute?: string;
  subAttribute?: string;
}

/** Parses `attributes` / `excludedAttributes`: comma-separated paths (`emails[type eq "work"]` counts as `emails`). */
export function parseAttributeList(value: unknown, schemas: ResourceSchemas): Selector[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const raw = Array.isArray(value) ? value.join(',') : String(value);
  return raw
    .split(',')
    .map((s) => s.trim().replace(/\[.*$/, ''))
    .filter(Boolean)
    .map((text) => {
      const extension = findExtension(schemas, text);
      if (extension) return { extension: extension.id };
      const path = parseAttrPath(text, 0, ErrorCode.InvalidValue);
      if (path.schema) {
        const ext = findExtension(schemas, path.schema);
        if (ext)
          return { extension: ext.id, attribute: findAttribute(ext.attributes, path.attribute)?.name, subAttribute: path.subAttribute };
        if (path.schema.toLowerCase() !== schemas.core.id.toLowerCase())
          throw new AppError(ErrorCode.InvalidValue, `Unknown schema in "${text}"`);
      }
      const core = findAttribute(schemas.core.attributes, path.attribute);
      if (!core && path.attribute.toLowerCase() === 'meta') return { attribute: 'meta', subAttribute: path.subAttribute };
      const owner = core ? undefined : schemas.extensions.find((s) => findAttribute(s.attributes, path.attribute));
      if (owner)
        return { extension: owner.id, attribute: findAttribute(owner.attributes, path.attribute)!.name, subAttribute: path.subAttribute };
      return { attribute: core?.name ?? path.attribute, subAttribute: path.subAttribute };
    });
}

const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/** RFC 7644 §3.4.2.5: keeps the requested attributes (plus those always returned), or drops the excluded ones. */
export function project(resource: Json, include: Selector[] | undefined, exclude: Selector[] | undefined): Json {
  if (include?.length) {
    const out: Json = {};
    for (const [key, value] of Object.entries(resource)) {
      if (ALWAYS.has(key)) {
        out[key] = value;
        continue;
      }
      const isExtension = key.startsWith('urn:');
      const selectors = include.filter((s) => (isExtension ? same(s.extension, key) : !s.extension && same(s.attribute, key)));
      if (selectors.length === 0) continue;
      if (isExtension) {
        if (selectors.some((s) => !s.attribute) || !isObject(value)) {
          out[key] = value;
          continue;
        }
        const ext: Json = {};
        for (const s of selectors) if (s.attribute && s.attribute in value) ext[s.attribute] = value[s.attribute];
        if (Object.keys(ext).length) out[key] = ext;
      } else {
        out[key] = selectors.some((s) => !s.subAttribute)
          ? value
          : pickSub(
              value,
              selectors.map((s) => s.subAttribute!),
            );
      }
    }
    return out;
  }
  if (exclude?.length) {
    const out: Json = { ...resource };
    for (const s of exclude) {
      const key = s.extension ?? Object.keys(out).find((k) => same(s.attribute, k));
      if (!key || ALWAYS.has(key)) continue;
      if (s.extension && s.attribute && isObject(out[key])) {
        const ext = { ...(out[key] as Json) };
        delete ext[s.attribute];
        out[key] = ext;
      } else if (!s.extension && s.subAttribute && isObject(out[key])) {
        const obj = { ...(out[key] as Json) };
        for (const k of Object.keys(obj)) if (same(s.subAttribute, k)) delete obj[k];
        out[key] = obj;
      } else {
        delete out[key];
      }
    }
    return out;
  }
  return resource;
}

function pickSub(value: unknown, subs: string[]): unknown {
  const pick = (obj: Json) => Object.fromEntries(Object.entries(obj).filter(([k]) => subs.some((s) => same(s, k))));
  if (Array.isArray(value)) return value.map((v) => (isObject(v) ? pick(v) : v));
  return isObject(value) ? pick(value) : value;
}
