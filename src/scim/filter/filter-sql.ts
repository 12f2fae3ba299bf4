import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { AppError, ErrorCode } from '../../common/errors/app-error';
import { SqlCondition } from '../../database/sql-condition';
import { SqlDialect } from '../../database/sql-dialect';
import { toBoolean } from '../scim-boolean';
import { AttrPath, CompareOp, Filter, FilterValue } from './filter.ast';
import { pathText } from './filter.printer';

/**
 * Filter → SQL. Each resource describes how its SCIM attributes live in the database
 * (a column of the main row, a set of child rows, a reference to another row); this module
 * turns a Filter AST into one parameterised WHERE fragment over that layout. Nothing is
 * filtered in memory, and no client text ever reaches the SQL except as a bound parameter.
 *
 * Case: attributes that are `caseExact:false` compare lower-cased on both sides, or through
 * a case-folded key column (indexed) where the store keeps one. LIKE patterns escape `%`,
 * `_`, `[` and the escape character itself, with an explicit ESCAPE clause on every dialect.
 */

export type ValueType = 'string' | 'boolean' | 'dateTime' | 'number';

/** One comparable column. `key` is a case-folded copy of the column (indexed) when there is one. */
export interface ColumnRef {
  column: string;
  type: ValueType;
  caseExact: boolean;
  key?: string;
  /** Key columns are cut to this length: compare the key (index) and the full value. */
  keyLength?: number;
  /** A child row's column that falls back to this column of the joined row when empty (a member's display). */
  orJoined?: string;
  /**
   * The column holds typed values as text, one spelling each (custom user properties): booleans as
   * true/false, date-times in UTC ISO 8601 with milliseconds, numbers as `numberText` writes them.
   * Equality compares that text (on the key, indexed); order compares date-times as text and
   * numbers as numbers.
   */
  text?: boolean;
  numberText?: (value: number) => string;
}

export type AttributeMapping =
  /** A column of the main row. */
  | { kind: 'column'; ref: ColumnRef }
  /** Child rows: `EXISTS (SELECT 1 FROM table c WHERE c.fk = main.pk AND <discriminator> AND …)`. */
  | {
      kind: 'children';
      table: EntityTarget<ObjectLiteral>;
      foreignKey: string;
      /** Column of the main row the foreign key points at (default: its primary key). */
      parentKey?: string;
      discriminator?: { column: string; value: string };
      /** Sub-attribute → column; `value` is the default sub-attribute. */
      subAttributes: Record<string, ColumnRef>;
      /** Joined table for references (`members.value` is the member's guid). */
      join?: { table: EntityTarget<ObjectLiteral>; on: [string, string] };
    };

export interface ResourceMapping {
  /** The main row's alias in the query and its key column. */
  alias: string;
  primaryKey: string;
  /** Resolves `[schema:]attribute[.sub]` (case-insensitively) to where it lives; undefined = not filterable. */
  resolve(path: AttrPath): { mapping: AttributeMapping; subAttribute?: string } | undefined;
}

export function filterToSql(filter: Filter, resource: ResourceMapping, dialect: SqlDialect, paramPrefix = 'f'): SqlCondition {
  const params: Record<string, unknown> = {};
  let counter = 0;
  const param = (value: unknown): string => {
    const name = `${paramPrefix}${counter++}`;
    params[name] = value;
    return `:${name}`;
  };
  const e = (name: string) => dialect.escape(name);
  const exact = (expression: string) => dialect.exact?.(expression) ?? expression;
  const col = (alias: string, column: string) => `${e(alias)}.${e(column)}`;

  /** The column a reference compares, with its fallback on the joined row where it has one. */
  const columnOf = (alias: string, ref: ColumnRef, joined?: string) =>
    ref.orJoined && joined ? `COALESCE(${col(alias, ref.column)}, ${col(joined, ref.orJoined)})` : col(alias, ref.column);

  const compare = (alias: string, ref: ColumnRef, op: CompareOp, raw: FilterValue, at: AttrPath, joined?: string): string => {
    const text = pathText(at);
    const column = columnOf(alias, ref, joined);
    if (raw === null) {
      if (op === 'eq') return `${column} IS NULL`;
      if (op === 'ne') return `${column} IS NOT NULL`;
      throw invalid(`Operator ${op} cannot compare with null`, at);
    }
    if (ref.text) return compareText(alias, column, ref, op, raw, at);
    if (ref.type === 'boolean') {
      const value = toBoolean(raw);
      if (value === undefined || (op !== 'eq' && op !== 'ne'))
        throw invalid(`${text}: a boolean attribute takes eq or ne with true or false`, at);
      return op === 'eq' ? `${column} = ${param(value)}` : `(${column} IS NULL OR ${column} <> ${param(value)})`;
    }
    if (ref.type === 'dateTime') {
      const date = typeof raw === 'string' ? new Date(raw) : undefined;
      // Years 1 to 9999: what every database's date-time type holds (JavaScript's reach further).
      const year = date?.getUTCFullYear();
      if (!date || year === undefined || Number.isNaN(date.getTime()) || year < 1 || year > 9999)
        throw invalid(`${text}: expected a date-time value between the years 1 and 9999`, at);
      const sqlOp = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' }[op as string];
      if (!sqlOp) throw invalid(`Operator ${op} does not apply to a date-time attribute`, at);
      return op === 'ne' ? `(${column} IS NULL OR ${column} <> ${param(date)})` : `${column} ${sqlOp} ${param(date)}`;
    }
    if (typeof raw === 'boolean') throw invalid(`${text}: expected a string value`, at);
    const value = String(raw);
    const folded = ref.caseExact ? value : value.toLowerCase();
    // Left side: the indexed key where there is one, else the (lower-cased) column.
    const left = !ref.caseExact && ref.key ? col(alias, ref.key) : ref.caseExact ? column : `LOWER(${column})`;
    const target = ref.caseExact ? exact(column) : `LOWER(${column})`;
    switch (op) {
      case 'eq':
      case 'ne': {
        let equal: string;
        if (!ref.caseExact && ref.key && ref.keyLength !== undefined) {
          equal = `(${left} = ${param(folded.slice(0, ref.keyLength))} AND LOWER(${column}) = ${param(folded)})`;
        } else if (ref.caseExact && ref.key && ref.keyLength !== undefined) {
          // The folded key finds the rows on its index; the exact comparison then decides.
          equal = `(${col(alias, ref.key)} = ${param(value.toLowerCase().slice(0, ref.keyLength))} AND ${exact(column)} = ${param(value)})`;
        } else if (ref.caseExact && target !== column) {
          // The plain comparison can use the column's index; the exact one then decides.
          equal = `(${column} = ${param(folded)} AND ${target} = ${param(folded)})`;
        } else {
          equal = `${left} = ${param(folded)}`;
        }
        return op === 'eq' ? equal : `(${column} IS NULL OR NOT ${equal})`;
      }
      case 'co':
      case 'sw':
      case 'ew': {
        const pattern = (op === 'sw' ? '' : '%') + escapeLike(folded) + (op === 'ew' ? '' : '%');
        return `${target} LIKE ${param(pattern)} ESCAPE '\\'`;
      }
      default: {
        const sqlOp = { gt: '>', ge: '>=', lt: '<', le: '<=' }[op];
        return `${target} ${sqlOp} ${param(folded)}`;
      }
    }
  };

  /** Typed values stored as canonical text (see ColumnRef.text). */
  const compareText = (alias: string, column: string, ref: ColumnRef, op: CompareOp, raw: FilterValue, at: AttrPath): string => {
    const text = pathText(at);
    const sqlOp = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' }[op as string];
    let canonical: string;
    let ordered: unknown;
    if (ref.type === 'boolean') {
      const value = toBoolean(raw);
      if (value === undefined || (op !== 'eq' && op !== 'ne'))
        throw invalid(`${text}: a boolean attribute takes eq or ne with true or false`, at);
      canonical = String(value);
    } else if (ref.type === 'number') {
      const number = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(number)) throw invalid(`${text}: expected a number`, at);
      if (!sqlOp) throw invalid(`Operator ${op} does not apply to a number`, at);
      canonical = ref.numberText ? ref.numberText(number) : String(number);
      ordered = number;
    } else if (ref.type === 'dateTime') {
      const date = typeof raw === 'string' ? new Date(raw) : undefined;
      const year = date?.getUTCFullYear();
      if (!date || year === undefined || Number.isNaN(date.getTime()) || year < 1 || year > 9999)
        throw invalid(`${text}: expected a date-time value between the years 1 and 9999`, at);
      if (!sqlOp) throw invalid(`Operator ${op} does not apply to a date-time attribute`, at);
      canonical = date.toISOString();
      ordered = canonical;
    } else {
      throw invalid(`${text}: unsupported attribute type`, at);
    }
    if (op === 'eq' || op === 'ne') {
      const key = ref.key ? col(alias, ref.key) : column;
      const equal = `${key} = ${param(ref.key ? canonical.toLowerCase() : canonical)}`;
      return op === 'eq' ? equal : `(${column} IS NULL OR NOT ${equal})`;
    }
    // Numbers compare as numbers; date-times as their ISO text, whose order is theirs.
    const left = ref.type === 'number' ? dialect.numeric(column) : column;
    return `${left} ${sqlOp} ${param(ordered)}`;
  };

  const present = (alias: string, ref: ColumnRef, joined?: string): string => {
    const column = columnOf(alias, ref, joined);
    return ref.type === 'string' ? `(${column} IS NOT NULL AND ${column} <> '')` : `${column} IS NOT NULL`;
  };

  let childCounter = 0;
  const children = (
    mapping: Extract<AttributeMapping, { kind: 'children' }>,
    inner: (alias: string, joined?: string) => string,
  ): string => {
    const alias = `c${childCounter++}`;
    const joinAlias = `${alias}j`;
    const conditions = [`${col(alias, mapping.foreignKey)} = ${col(resource.alias, mapping.parentKey ?? resource.primaryKey)}`];
    if (mapping.discriminator) conditions.push(`${col(alias, mapping.discriminator.column)} = ${param(mapping.discriminator.value)}`);
    const join = mapping.join
      ? ` INNER JOIN ${dialect.table(mapping.join.table)} ${e(joinAlias)} ON ${col(joinAlias, mapping.join.on[1])} = ${col(alias, mapping.join.on[0])}`
      : '';
    conditions.push(inner(alias, mapping.join ? joinAlias : undefined));
    return `EXISTS (SELECT 1 FROM ${dialect.table(mapping.table)} ${e(alias)}${join} WHERE ${conditions.join(' AND ')})`;
  };

  const subRef = (
    mapping: Extract<AttributeMapping, { kind: 'children' }>,
    sub: string | undefined,
    at: AttrPath,
  ): [ColumnRef, boolean] => {
    const name = (sub ?? 'value').toLowerCase();
    const entry = Object.entries(mapping.subAttributes).find(([key]) => key.toLowerCase() === name);
    if (!entry) throw invalid(`Unsupported attribute "${pathText(at)}"`, at);
    // References (members.value, groups.value) live in the joined table.
    return [entry[1], Boolean(mapping.join) && !entry[1].orJoined && ['value', 'display'].includes(name)];
  };

  const resolve = (path: AttrPath) => {
    const found = resource.resolve(path);
    if (!found) throw invalid(`Unsupported attribute "${pathText(path)}" in filter`, path);
    return found;
  };

  /** A filter inside `attr[...]`: its paths name sub-attributes of the child rows. */
  const inside = (
    f: Filter,
    mapping: Extract<AttributeMapping, { kind: 'children' }>,
    alias: string,
    joined: string | undefined,
  ): string => {
    switch (f.kind) {
      case 'and':
      case 'or':
        return `(${inside(f.left, mapping, alias, joined)} ${f.kind.toUpperCase()} ${inside(f.right, mapping, alias, joined)})`;
      case 'not':
        return `NOT (${inside(f.filter, mapping, alias, joined)})`;
      case 'compare':
      case 'present': {
        if (f.path.subAttribute || f.path.schema) throw invalid(`Unsupported attribute "${pathText(f.path)}" in value filter`, f.path);
        const [ref, fromJoin] = subRef(mapping, f.path.attribute, f.path);
        const a = fromJoin ? joined! : alias;
        return f.kind === 'present' ? present(a, ref, joined) : compare(a, ref, f.op, f.value, f.path, joined);
      }
      default:
        throw invalid('Value filters cannot be nested', f.path);
    }
  };

  const translate = (f: Filter): string => {
    switch (f.kind) {
      case 'and':
      case 'or':
        return `(${translate(f.left)} ${f.kind.toUpperCase()} ${translate(f.right)})`;
      case 'not':
        return `NOT (${translate(f.filter)})`;
      case 'present': {
        const { mapping, subAttribute } = resolve(f.path);
        if (mapping.kind === 'column') return present(resource.alias, mapping.ref);
        return children(mapping, (alias, joined) => {
          if (!subAttribute) return '1 = 1';
          const [ref, fromJoin] = subRef(mapping, subAttribute, f.path);
          return present(fromJoin ? joined! : alias, ref, joined);
        });
      }
      case 'compare': {
        const { mapping, subAttribute } = resolve(f.path);
        if (mapping.kind === 'column') return compare(resource.alias, mapping.ref, f.op, f.value, f.path);
        // A multi-valued attribute matches when any of its values does; "ne" when none equals.
        const [ref, fromJoin] = subRef(mapping, subAttribute, f.path);
        const op = f.op === 'ne' ? 'eq' : f.op;
        const exists = children(mapping, (alias, joined) => compare(fromJoin ? joined! : alias, ref, op, f.value, f.path, joined));
        return f.op === 'ne' ? `NOT ${exists}` : exists;
      }
      case 'valuePath': {
        const { mapping, subAttribute } = resolve(f.path);
        if (mapping.kind !== 'children' || subAttribute) throw invalid(`"${pathText(f.path)}" is not a multi-valued attribute`, f.path);
        return children(mapping, (alias, joined) => {
          const conditions = [inside(f.filter, mapping, alias, joined)];
          if (f.then) {
            const then: AttrPath = { ...f.path, subAttribute: f.then.subAttribute };
            const [ref, fromJoin] = subRef(mapping, f.then.subAttribute, then);
            const a = fromJoin ? joined! : alias;
            conditions.push(f.then.op === 'pr' ? present(a, ref, joined) : compare(a, ref, f.then.op, f.then.value ?? null, then, joined));
          }
          return conditions.join(' AND ');
        });
      }
    }
  };

  return { sql: translate(filter), params };
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_[]/g, (ch) => `\\${ch}`);
}

/** A filter that parses but cannot be applied, naming where the attribute stands in the filter. */
function invalid(message: string, at: AttrPath): AppError {
  return new AppError(ErrorCode.InvalidFilter, at.position === undefined ? message : `${message} at position ${at.position + 1}`);
}
