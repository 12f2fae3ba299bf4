import fc from 'fast-check';
import { AppError } from '../../src/common/errors/app-error';
import { LIMITS } from '../../src/common/input/limits';
import { DEFAULT_REQUEST_LIMITS } from '../../src/config/app-config';
import { textProblem } from '../../src/common/input/text';
import { HTTP_STATUS } from '../../src/common/errors/http-status';
import { AttrPath, CompareOp, Filter } from '../../src/scim/filter/filter.ast';
import { parseFilter } from '../../src/scim/filter/filter.parser';
import { printFilter } from '../../src/scim/filter/filter.printer';
import { filterToSql } from '../../src/scim/filter/filter-sql';
import { USER_MAPPING } from '../../src/scim/users/user-attribute-map';

const dialect = {
  escape: (name: string) => `"${name}"`,
  table: (entity: unknown) => `"${(entity as { name: string }).name}"`,
  numeric: (e: string) => `NUMBER(${e})`,
};

/** Anything the filter code raises for client text must be an AppError whose code maps to a 4xx. */
/** The filter as a tree of names and values: where each path stood in the text is left out. */
function withoutPositions(filter: Filter): unknown {
  return JSON.parse(JSON.stringify(filter, (key, value: unknown) => (key === 'position' ? undefined : value)));
}

function isClientError(error: unknown): boolean {
  return error instanceof AppError && HTTP_STATUS[error.code] >= 400 && HTTP_STATUS[error.code] < 500;
}

const NAMES = ['userName', 'displayName', 'emails', 'name', 'title', 'active', 'externalId', 'groups', 'manager', 'x', 'meta'];
const SUBS = ['value', 'type', 'givenName', 'primary', 'display', 'lastModified'];
const attrPath: fc.Arbitrary<AttrPath> = fc.record(
  {
    schema: fc.constantFrom('urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'),
    attribute: fc.constantFrom(...NAMES),
    subAttribute: fc.constantFrom(...SUBS),
  },
  { requiredKeys: ['attribute'] },
);
/** Text a filter may carry: in NFC, without what the service refuses in any text (NUL, lone surrogates). */
const storable = (s: string) => textProblem(s) === undefined;
const value = fc.oneof(
  fc
    .string({ maxLength: 20 })
    .filter(storable)
    .map((s) => s.normalize('NFC')),
  fc
    .string({ unit: 'binary', maxLength: 8 })
    .filter(storable)
    .map((s) => s.normalize('NFC')),
  fc.boolean(),
  fc.constant(null),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const op = fc.constantFrom<CompareOp>('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le');

const filterTree: fc.Arbitrary<Filter> = fc.letrec<{ filter: Filter; leaf: Filter }>((tie) => ({
  leaf: fc.oneof(
    fc.record({ kind: fc.constant('compare' as const), path: attrPath, op, value }),
    fc.record({ kind: fc.constant('present' as const), path: attrPath }),
  ),
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('filter'), right: tie('filter') }),
    fc.record({ kind: fc.constant('not' as const), filter: tie('filter') }),
    fc.record({
      kind: fc.constant('valuePath' as const),
      path: attrPath.map(({ subAttribute: _sub, ...p }) => p),
      filter: tie('leaf').map((f) => ('path' in f ? { ...f, path: { attribute: f.path.attribute } } : f)),
    }),
  ),
})).filter;

/** Comparisons, and the nesting the parser counts (parentheses of and/or inside another, not, value filters). */
function shape(filter: Filter, nested = 0): { terms: number; depth: number } {
  switch (filter.kind) {
    case 'and':
    case 'or': {
      // the printer wraps every and/or in parentheses: one level for each below the top
      const [l, r] = [shape(filter.left, nested + 1), shape(filter.right, nested + 1)];
      return { terms: l.terms + r.terms, depth: Math.max(l.depth, r.depth, nested + 1) };
    }
    case 'not': {
      const inner = shape(filter.filter, nested + 1);
      return { terms: inner.terms, depth: Math.max(inner.depth, nested + 1) };
    }
    case 'valuePath': {
      const inner = shape(filter.filter, nested + 1);
      return { terms: inner.terms, depth: Math.max(inner.depth, nested + 1) };
    }
    default:
      return { terms: 1, depth: nested };
  }
}

describe('filters, for any input (property-based)', () => {
  it('parse → print → parse gives back the same filter', () => {
    fc.assert(
      fc.property(filterTree, (tree) => {
        const printed = printFilter(tree);
        const withinBounds =
          shape(tree).terms <= DEFAULT_REQUEST_LIMITS.filterTerms &&
          shape(tree).depth <= LIMITS.filterDepth &&
          printed.length <= DEFAULT_REQUEST_LIMITS.filterLength;
        if (!withinBounds) {
          expect(() => parseFilter(printed)).toThrow(AppError);
          return;
        }
        const parsed = parseFilter(printed);
        expect(withoutPositions(parsed)).toEqual(JSON.parse(JSON.stringify(tree)));
        expect(withoutPositions(parseFilter(printFilter(parsed)))).toEqual(withoutPositions(parsed));
      }),
      { numRuns: 500 },
    );
  });

  it('any text either parses or is refused with a 4xx error, never anything else', () => {
    const tokens = fc.constantFrom(
      '(',
      ')',
      '[',
      ']',
      '"',
      ' ',
      'and',
      'or',
      'not',
      'eq',
      'pr',
      'userName',
      'emails',
      '.value',
      'x',
      '"a"',
      '\\',
      'urn:a:b',
      '1e999',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.array(tokens, { maxLength: 60 }).map((t) => t.join(' ')),
        ),
        (text) => {
          try {
            parseFilter(text);
          } catch (error) {
            if (!isClientError(error)) throw error;
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the SQL translation binds every value as a parameter or refuses with a 4xx, never anything else', () => {
    fc.assert(
      fc.property(filterTree, (tree) => {
        try {
          const { sql, params } = filterToSql(tree, USER_MAPPING, dialect);
          // no client text in the SQL: the only literals are the LIKE escape character and the empty string of `pr`
          expect(sql.replace(/ESCAPE '\\'/g, '').replace(/<> ''/g, '')).not.toContain("'");
          for (const name of sql.match(/:\w+/g) ?? []) expect(params).toHaveProperty(name.slice(1));
        } catch (error) {
          if (!isClientError(error)) throw error;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
