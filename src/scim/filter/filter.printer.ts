import { AttrPath, Filter, FilterValue } from './filter.ast';

/** `[urn:]attribute[.sub]` as the client would write it. */
export const pathText = (p: AttrPath) => `${p.schema ? `${p.schema}:` : ''}${p.attribute}${p.subAttribute ? `.${p.subAttribute}` : ''}`;
const valueText = (v: FilterValue) => JSON.stringify(v);

/**
 * A filter as canonical text (RFC 7644 §3.4.2.2): lower-case operators, quoted strings, and
 * parentheses around every `and`/`or`, so that parsing the text gives back the same tree.
 */
export function printFilter(filter: Filter): string {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return `(${printFilter(filter.left)} ${filter.kind} ${printFilter(filter.right)})`;
    case 'not':
      return `not (${printFilter(filter.filter)})`;
    case 'present':
      return `${pathText(filter.path)} pr`;
    case 'compare':
      return `${pathText(filter.path)} ${filter.op} ${valueText(filter.value)}`;
    case 'valuePath': {
      const then = filter.then
        ? `.${filter.then.subAttribute} ${filter.then.op}${filter.then.op === 'pr' ? '' : ` ${valueText(filter.then.value ?? null)}`}`
        : '';
      return `${pathText(filter.path)}[${printFilter(filter.filter)}]${then}`;
    }
  }
}
