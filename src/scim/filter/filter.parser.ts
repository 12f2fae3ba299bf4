import { AppError, ErrorCode } from '../../common/errors/app-error';
import { LIMITS } from '../../common/input/limits';
import { DEFAULT_REQUEST_LIMITS, RequestLimits } from '../../config/app-config';
import { textProblem } from '../../common/input/text';
import { AttrPath, CompareOp, Filter, FilterValue, PatchPath } from './filter.ast';

/**
 * RFC 7644 §3.4.2.2 filter grammar, parsed by recursive descent into a Filter AST:
 *
 *   filter     = orExpr
 *   orExpr     = andExpr *("or" andExpr)
 *   andExpr    = unary *("and" unary)
 *   unary      = "not" "(" filter ")" / "(" filter ")" / attrExpr
 *   attrExpr   = attrPath "pr" / attrPath compareOp value / attrPath "[" filter "]" ["." subAttr compareOp value]
 *
 * Keywords and operators are case-insensitive. Values are JSON literals; an unquoted word is
 * taken as a string, as Microsoft's validator sends them (`name.familyName eq Employee`).
 * Errors name the character position.
 */

const COMPARE_OPS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const URN_PREFIX = /^urn:/i;

export class FilterSyntaxError extends AppError {
  constructor(message: string, position: number, code = ErrorCode.InvalidFilter) {
    super(code, `${message} at position ${position + 1}`);
  }
}

type Token =
  | { type: 'word'; text: string; pos: number }
  | { type: 'string'; value: string; pos: number }
  | { type: '(' | ')' | '[' | ']'; pos: number }
  | { type: 'end'; pos: number };

function tokenize(input: string, code: ErrorCode): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === '[' || ch === ']') {
      tokens.push({ type: ch, pos: i });
      i++;
    } else if (ch === '"') {
      const start = i;
      i++;
      let raw = '"';
      while (i < input.length && input[i] !== '"') {
        if (input[i] === '\\') {
          raw += input[i++];
          if (i >= input.length) break;
        }
        raw += input[i++];
      }
      if (i >= input.length) throw new FilterSyntaxError('Unterminated string', start, code);
      raw += '"';
      i++;
      let value: string;
      try {
        value = JSON.parse(raw) as string;
      } catch {
        throw new FilterSyntaxError('Invalid escape in string', start, code);
      }
      // An escape can spell what the guard at the door refused as text (\u0000) or left decomposed.
      const problem = textProblem(value);
      if (problem) throw new FilterSyntaxError(`A filter value ${problem}`, start, code);
      tokens.push({ type: 'string', value: value.normalize('NFC'), pos: start });
    } else {
      const start = i;
      // A word runs to whitespace or a bracket; "]" may follow a path (`emails[...]`), "." joins sub-attributes.
      while (i < input.length && !/[\s()[\]"]/.test(input[i])) i++;
      tokens.push({ type: 'word', text: input.slice(start, i), pos: start });
    }
  }
  tokens.push({ type: 'end', pos: input.length });
  return tokens;
}

class Parser {
  private i = 0;
  private depth = 0;
  private terms = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly code: ErrorCode,
    private readonly maxTerms: number = DEFAULT_REQUEST_LIMITS.filterTerms,
  ) {}

  private peek(): Token {
    return this.tokens[this.i];
  }
  private next(): Token {
    return this.tokens[this.i++];
  }
  private fail(message: string, token = this.peek(), code = this.code): never {
    throw new FilterSyntaxError(message, token.pos, code);
  }
  private isKeyword(token: Token, keyword: string): boolean {
    return token.type === 'word' && token.text.toLowerCase() === keyword;
  }
  private expect(type: Token['type'], what: string): Token {
    const token = this.next();
    if (token.type !== type) this.fail(`Expected ${what}`, token);
    return token;
  }

  /** Refuses anything left over after a complete filter. */
  expectEnd(): void {
    if (this.peek().type !== 'end') this.fail('Unexpected text after the filter');
  }

  filter(): Filter {
    let left = this.and();
    while (this.isKeyword(this.peek(), 'or')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Filter {
    let left = this.unary();
    while (this.isKeyword(this.peek(), 'and')) {
      this.next();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Filter {
    const token = this.peek();
    if (this.isKeyword(token, 'not')) {
      this.next();
      this.expect('(', '"(" after not');
      const inner = this.nested(() => this.filter());
      this.expect(')', '")"');
      return { kind: 'not', filter: inner };
    }
    if (token.type === '(') {
      this.next();
      const inner = this.nested(() => this.filter());
      this.expect(')', '")"');
      return inner;
    }
    if (++this.terms > this.maxTerms) this.fail(`A filter has at most ${this.maxTerms} comparisons`, token, ErrorCode.TooMany);
    return this.attrExpr();
  }

  /** One level deeper (parentheses, `not`, a value filter): bounded, so no filter can exhaust the stack. */
  private nested<T>(parse: () => T): T {
    if (++this.depth > LIMITS.filterDepth) this.fail(`A filter nests at most ${LIMITS.filterDepth} levels deep`);
    const result = parse();
    this.depth--;
    return result;
  }

  private attrExpr(): Filter {
    const pathToken = this.next();
    if (pathToken.type !== 'word') this.fail('Expected an attribute name', pathToken);
    const path = parseAttrPath(pathToken.text, pathToken.pos, this.code);
    if (this.peek().type === '[') {
      if (path.subAttribute) this.fail('A value filter applies to an attribute, not a sub-attribute');
      this.next();
      const inner = this.nested(() => this.filter());
      this.expect(']', '"]"');
      const after = this.peek();
      if (after.type === 'word' && after.text.startsWith('.')) {
        this.next();
        const subAttribute = after.text.slice(1);
        if (!/^[A-Za-z$][\w$-]*$/.test(subAttribute)) this.fail('Invalid sub-attribute', after);
        const opToken = this.next();
        const op = opToken.type === 'word' ? opToken.text.toLowerCase() : '';
        if (op === 'pr') return { kind: 'valuePath', path, filter: inner, then: { subAttribute, op: 'pr' } };
        if (!COMPARE_OPS.has(op)) this.fail('Expected a comparison operator', opToken);
        return { kind: 'valuePath', path, filter: inner, then: { subAttribute, op: op as CompareOp, value: this.value() } };
      }
      return { kind: 'valuePath', path, filter: inner };
    }
    const opToken = this.next();
    const op = opToken.type === 'word' ? opToken.text.toLowerCase() : '';
    if (op === 'pr') return { kind: 'present', path };
    if (!COMPARE_OPS.has(op)) this.fail(`Expected an operator (eq ne co sw ew gt ge lt le pr) after ${pathToken.text}`, opToken);
    return { kind: 'compare', path, op: op as CompareOp, value: this.value() };
  }

  private value(): FilterValue {
    const token = this.next();
    if (token.type === 'string') return token.value;
    if (token.type !== 'word') this.fail('Expected a value', token);
    const text = token.text;
    const lower = text.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (lower === 'null') return null;
    if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text);
    if (['and', 'or', 'not'].includes(lower)) this.fail('Expected a value', token);
    return text;
  }
}

/** Splits `urn:…:Schema:attr.sub` into its parts; the URN is everything before the last colon. */
export function parseAttrPath(text: string, pos = 0, code = ErrorCode.InvalidFilter): AttrPath {
  let schema: string | undefined;
  let rest = text;
  if (URN_PREFIX.test(text)) {
    const colon = text.lastIndexOf(':');
    schema = text.slice(0, colon);
    rest = text.slice(colon + 1);
  }
  const parts = rest.split('.');
  if (parts.length > 2 || parts.some((p) => !/^[A-Za-z$][\w$-]*$/.test(p))) {
    throw new FilterSyntaxError(`Invalid attribute path "${text}"`, pos, code);
  }
  return { schema, attribute: parts[0], subAttribute: parts[1], position: pos };
}

export function parseFilter(input: string, limits: Pick<RequestLimits, 'filterLength' | 'filterTerms'> = DEFAULT_REQUEST_LIMITS): Filter {
  if (!input.trim()) throw new FilterSyntaxError('Empty filter', 0);
  if (input.length > limits.filterLength) throw new AppError(ErrorCode.TooMany, `A filter has at most ${limits.filterLength} characters`);
  const parser = new Parser(tokenize(input, ErrorCode.InvalidFilter), ErrorCode.InvalidFilter, limits.filterTerms);
  const filter = parser.filter();
  parser.expectEnd();
  return filter;
}

/** A PATCH operation's `path` (RFC 7644 §3.5.2 PATH grammar). */
export function parsePatchPath(input: string): PatchPath {
  const code = ErrorCode.InvalidPath;
  if (input.length > LIMITS.pathLength) throw new AppError(ErrorCode.TooMany, `A path has at most ${LIMITS.pathLength} characters`);
  const text = input.trim();
  const bracket = text.indexOf('[');
  if (bracket < 0) {
    // URN-prefixed path: the URN may itself contain dots ("2.0"), so split on the last colon first.
    return { path: parseAttrPath(text, 0, code) };
  }
  const close = text.lastIndexOf(']');
  if (close < bracket) throw new FilterSyntaxError('Unbalanced "[" in path', bracket, code);
  const path = parseAttrPath(text.slice(0, bracket), 0, code);
  if (path.subAttribute) throw new FilterSyntaxError('A value filter applies to an attribute, not a sub-attribute', bracket, code);
  const inner = text.slice(bracket + 1, close);
  const parser = new Parser(tokenize(inner, code), code);
  const filter = parser.filter();
  parser.expectEnd();
  const tail = text.slice(close + 1);
  if (tail && !/^\.[A-Za-z$][\w$-]*$/.test(tail)) throw new FilterSyntaxError('Invalid text after the value filter', close + 1, code);
  return { path, filter, subAttribute: tail ? tail.slice(1) : undefined };
}
