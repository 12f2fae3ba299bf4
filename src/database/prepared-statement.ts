import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

/** Statement texts named for preparation; a connection keeps what it prepared until it closes. */
const PREPARED_TEXTS = 256;
const names = new Map<string, string>();

/**
 * A statement text with its prepared-statement name, in the shape of pg's query config: it reads
 * as the text wherever a string is expected (logging), and pg prepares it under the name.
 */
class PreparedText {
  constructor(
    readonly name: string,
    readonly text: string,
  ) {}

  toString(): string {
    return this.text;
  }
}

/**
 * On PostgreSQL, the text as a named prepared statement: each connection parses and plans it
 * once, and afterwards only binds and runs it (TypeORM's query runner hands its argument to pg's
 * `client.query`, which takes a `{ name, text }` query in place of the text and keeps which names
 * its connection has prepared). Only the first PREPARED_TEXTS texts of the process are named, the
 * hot ones in practice (a lookup, its details, a page, the activity insert); later ones run
 * unnamed. The other databases get the text: SQLite's statements are cached by its driver, and
 * SQL Server caches plans by text.
 */
export function preparedStatement(dataSource: DataSource, text: string): string {
  if (dataSource.driver.options.type !== 'postgres') return text;
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= PREPARED_TEXTS) return text;
    name = `usersync_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return new PreparedText(name, text) as unknown as string;
}
