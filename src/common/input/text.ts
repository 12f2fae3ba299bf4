const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a client's text cannot be stored, or undefined when it can: a NUL character (PostgreSQL
 * refuses it) or a lone surrogate (not Unicode; SQL Server's protocol and PostgreSQL refuse or
 * replace it). JSON escapes (`\u0000`, `\ud800`) spell both, so every decoded text is checked.
 */
export function textProblem(value: string): string | undefined {
  if (value.includes('\0')) return 'may not contain a NUL character';
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (it holds a lone surrogate)';
  return undefined;
}
