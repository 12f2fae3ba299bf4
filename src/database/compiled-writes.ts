/*
 * The write side of compiled-queries.ts. The hot writes (a user's row, its values, a lock, a
 * count, the activity row) are few shapes, and TypeORM's insert and update builders cost more
 * than running the statement: these are written from the entity's metadata once per shape and
 * then only bound to new values. Values are converted as TypeORM's own writes convert them
 * (`preparePersistentValue`), so a row written here reads back exactly as one written by a
 * repository. On PostgreSQL the texts run as named prepared statements (prepared-statement.ts).
 */
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { CompiledQueries } from './compiled-queries';
import { entityTable } from './table-name';

/** A SET value meaning "the column's own value": an UPDATE that only takes the row's write lock. */
export const ITSELF: unique symbol = Symbol('itself');

/** A SET value adding to the column's value (a kept count): `{ total: new Increment(-1) }`. */
export class Increment {
  constructor(readonly by: number) {}
}

/** Equality conditions on columns, by property name; `null` is `IS NULL`. */
export type Where<T> = Partial<Record<keyof T & string, unknown>>;

export interface WriteResult<T> {
  affected: number;
  /** The rows the statement returned (`returning`), hydrated. */
  rows: T[];
}

const ofDataSource = new WeakMap<DataSource, CompiledWrites>();

export class CompiledWrites {
  private readonly queries: CompiledQueries;

  private constructor(private readonly dataSource: DataSource) {
    this.queries = new CompiledQueries(dataSource);
  }

  /** The compiled writes of a data source: one set of texts per data source. */
  static of(dataSource: DataSource): CompiledWrites {
    let writes = ofDataSource.get(dataSource);
    if (!writes) {
      writes = new CompiledWrites(dataSource);
      ofDataSource.set(dataSource, writes);
    }
    return writes;
  }

  /**
   * Whether an insert can skip a row whose unique key is taken (`unlessTaken`) in the same
   * statement: PostgreSQL and SQLite can (ON CONFLICT … DO NOTHING); SQL Server cannot.
   */
  get skipsTakenKeys(): boolean {
    return !this.isMssql;
  }

  /**
   * Inserts rows that all set the same properties, in one statement. With `returning`, the
   * value of that (generated) property of each row, in the order given. With `unlessTaken`
   * (the columns of a unique index; only where skipsTakenKeys), a row whose key is already held
   * is not inserted and returns nothing, instead of failing the statement.
   */
  async insert<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    rows: Partial<T>[],
    manager: EntityManager,
    returning?: keyof T & string,
    unlessTaken?: readonly (keyof T & string)[],
  ): Promise<unknown[]> {
    if (rows.length === 0) return [];
    if (unlessTaken && !this.skipsTakenKeys) throw new Error('This database cannot skip a taken key in an INSERT');
    const metadata = this.dataSource.getMetadata(target);
    const columns = Object.keys(rows[0]).map((name) => this.column(target, name));
    const parameters: ObjectLiteral = {};
    rows.forEach((row, r) => columns.forEach((column, c) => (parameters[`r${r}c${c}`] = this.value(row, column))));
    const shape = `insert:${metadata.tableName}:${columns.map((c) => c.propertyName).join(',')}:${rows.length}:${returning ?? ''}:${unlessTaken ?? ''}`;
    const result = await this.queries.run(
      shape,
      () => {
        const names = columns.map((c) => this.escape(c.databaseName)).join(', ');
        const tuples = rows.map((_, r) => `(${columns.map((_, c) => `:r${r}c${c}`).join(', ')})`).join(', ');
        const key = returning ? this.column(target, returning).databaseName : undefined;
        const output = key && this.isMssql ? ` OUTPUT ${this.inserted(key)}` : '';
        const conflict = unlessTaken
          ? ` ON CONFLICT (${unlessTaken.map((name) => this.escape(this.column(target, name).databaseName)).join(', ')}) DO NOTHING`
          : '';
        const tail = key && !this.isMssql ? ` RETURNING ${this.escape(key)}` : '';
        return `INSERT INTO ${entityTable(this.dataSource, target)} (${names})${output} VALUES ${tuples}${conflict}${tail}`;
      },
      parameters,
      manager,
    );
    if (!returning) return [];
    const key = this.column(target, returning);
    return (result.records as ObjectLiteral[]).map((row) => this.dataSource.driver.prepareHydratedValue(row[key.databaseName], key));
  }

  /**
   * Sets columns of the rows matching `where`. A value ITSELF sets the column to itself (a
   * lock). With `returning`, the rows as they are after the update, every column, through
   * `hydrate`; with `lock`, a statement that waits for a row lock gives up before the request
   * would time out (see lockTimeout).
   */
  async update<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    set: Where<T>,
    where: Where<T>,
    manager: EntityManager,
    options: { returning?: (row: ObjectLiteral) => T; lock?: boolean } = {},
  ): Promise<WriteResult<T>> {
    const metadata = this.dataSource.getMetadata(target);
    // An undefined value leaves its column as it is, as in TypeORM's own update.
    const setColumns = Object.keys(set)
      .filter((name) => set[name as keyof T & string] !== undefined)
      .map((name) => this.column(target, name));
    const parameters: ObjectLiteral = {};
    const kinds = setColumns.map((column, i) => {
      const value = set[column.propertyName as keyof T & string];
      if (value === ITSELF) return '=';
      if (value instanceof Increment) {
        parameters[`s${i}`] = value.by;
        return '+';
      }
      parameters[`s${i}`] = this.value(set, column);
      return '';
    });
    const condition = this.where(target, where, parameters);
    const returning = Boolean(options.returning);
    const shape = `update:${metadata.tableName}:${setColumns
      .map((c, i) => c.propertyName + kinds[i])
      .join(',')}:${condition.shape}:${returning}:${Boolean(options.lock)}`;
    const result = await this.queries.run(
      shape,
      () => {
        const assignments = setColumns
          .map((c, i) => {
            const name = this.escape(c.databaseName);
            return `${name} = ${kinds[i] === '=' ? name : kinds[i] === '+' ? `${name} + :s${i}` : `:s${i}`}`;
          })
          .join(', ');
        const all = metadata.columns.map((c) => c.databaseName);
        const output = returning && this.isMssql ? ` OUTPUT ${all.map((name) => this.inserted(name)).join(', ')}` : '';
        const tail = returning && !this.isMssql ? ` RETURNING ${all.map((name) => this.escape(name)).join(', ')}` : '';
        const sql = `UPDATE ${entityTable(this.dataSource, target)} SET ${assignments}${output} WHERE ${condition.sql}${tail}`;
        return options.lock ? `${this.lockTimeout()}${sql}` : sql;
      },
      parameters,
      manager,
    );
    const rows = options.returning ? (result.records as ObjectLiteral[]).map(options.returning) : [];
    return { affected: returning ? rows.length : (result.affected ?? 0), rows };
  }

  /** Whether insertLinked is available: one statement of several writes (PostgreSQL's data-modifying WITH). */
  get insertsLinked(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  /**
   * One statement, PostgreSQL only (insertsLinked): inserts `head` unless its unique key
   * (`unlessTaken`) is held and, only when it was inserted, the `linked` rows (with its generated
   * key in their `link` property, when they name one) and the `counter`'s increment. Returns the
   * generated key, or undefined when the key was taken and nothing was written. The statement
   * is atomic on its own: no transaction, no further round trip.
   *
   * The counter's row is incremented; when it does not exist yet it is inserted with `seed`
   * (the count as it was before this statement) plus the increment, and a concurrent insert of it
   * makes this one an increment instead (ON CONFLICT … DO UPDATE), so no write is ever lost.
   */
  async insertLinked<T extends ObjectLiteral>(
    manager: EntityManager,
    head: { target: EntityTarget<T>; row: Partial<T>; returning: keyof T & string; unlessTaken: readonly (keyof T & string)[] },
    linked: { target: EntityTarget<ObjectLiteral>; rows: ObjectLiteral[]; link?: string }[],
    counter?: {
      target: EntityTarget<ObjectLiteral>;
      key: ObjectLiteral;
      column: string;
      by: number;
      seed: { sql: string; params: ObjectLiteral };
    },
  ): Promise<unknown> {
    if (!this.insertsLinked) throw new Error('This database cannot write linked rows in one statement');
    const parameters: ObjectLiteral = {};
    const headColumns = Object.keys(head.row).map((name) => this.column(head.target, name));
    headColumns.forEach((column, c) => (parameters[`h${c}`] = this.value(head.row, column)));
    const parts = linked.filter((part) => part.rows.length > 0);
    const partColumns = parts.map((part) => Object.keys(part.rows[0]).map((name) => this.column(part.target, name)));
    parts.forEach((part, p) =>
      part.rows.forEach((row, r) => partColumns[p].forEach((column, c) => (parameters[`p${p}r${r}c${c}`] = this.value(row, column)))),
    );
    const counterKey = counter ? Object.keys(counter.key).map((name) => this.column(counter.target, name)) : [];
    if (counter) {
      counterKey.forEach((column, k) => (parameters[`k${k}`] = this.value(counter.key, column)));
      parameters.by = counter.by;
      Object.assign(parameters, counter.seed.params);
    }
    const shape = [
      'linked',
      this.dataSource.getMetadata(head.target).tableName,
      headColumns.map((c) => c.propertyName).join(','),
      ...parts.map(
        (part, p) =>
          `${this.dataSource.getMetadata(part.target).tableName}:${partColumns[p].map((c) => c.propertyName)}:${part.rows.length}:${part.link ?? ''}`,
      ),
      counter ? `${this.dataSource.getMetadata(counter.target).tableName}:${counter.column}:${counter.seed.sql}` : '',
    ].join('|');
    const result = await this.queries.run(
      shape,
      () => {
        const key = this.escape(this.column(head.target, head.returning).databaseName);
        const names = (columns: ColumnMetadata[]) => columns.map((c) => this.escape(c.databaseName)).join(', ');
        const withs = [
          `h AS (INSERT INTO ${entityTable(this.dataSource, head.target)} (${names(headColumns)}) VALUES (${headColumns.map((_, c) => `:h${c}`).join(', ')})` +
            ` ON CONFLICT (${head.unlessTaken.map((name) => this.escape(this.column(head.target, name).databaseName)).join(', ')}) DO NOTHING RETURNING ${key})`,
        ];
        parts.forEach((part, p) => {
          const columns = partColumns[p];
          const link = part.link ? this.column(part.target, part.link) : undefined;
          // Values in a VALUES list have no type of their own: each is cast to its column's.
          const tuples = part.rows
            .map((_, r) => `(${columns.map((column, c) => `CAST(:p${p}r${r}c${c} AS ${this.sqlType(column)})`).join(', ')})`)
            .join(', ');
          const fields = columns.map((_, c) => `v.c${c}`).join(', ');
          withs.push(
            `p${p} AS (INSERT INTO ${entityTable(this.dataSource, part.target)} (${link ? `${this.escape(link.databaseName)}, ` : ''}${names(columns)})` +
              ` SELECT ${link ? `h.${key}, ` : ''}${fields} FROM h CROSS JOIN (VALUES ${tuples}) AS v(${columns.map((_, c) => `c${c}`).join(', ')}))`,
          );
        });
        if (counter) {
          const table = entityTable(this.dataSource, counter.target);
          const total = this.escape(this.column(counter.target, counter.column).databaseName);
          const matches = counterKey.map((column, k) => `${this.escape(column.databaseName)} = :k${k}`).join(' AND ');
          const keyValues = counterKey.map((column, k) => `CAST(:k${k} AS ${this.sqlType(column)})`).join(', ');
          withs.push(`c AS (UPDATE ${table} SET ${total} = ${total} + :by WHERE ${matches} AND EXISTS (SELECT 1 FROM h))`);
          withs.push(
            `s AS (INSERT INTO ${table} AS kept (${names(counterKey)}, ${total}) SELECT ${keyValues}, (${counter.seed.sql}) + :by FROM h` +
              ` WHERE NOT EXISTS (SELECT 1 FROM ${table} WHERE ${matches})` +
              ` ON CONFLICT (${names(counterKey)}) DO UPDATE SET ${total} = kept.${total} + :by)`,
          );
        }
        return `WITH ${withs.join(', ')} SELECT ${key} FROM h`;
      },
      parameters,
      manager,
    );
    const [row] = result.records as ObjectLiteral[];
    const column = this.column(head.target, head.returning);
    return row ? this.dataSource.driver.prepareHydratedValue(row[column.databaseName], column) : undefined;
  }

  /** The rows matching `where`, every column, through `hydrate` (what a write reads back). */
  async select<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    where: Where<T>,
    manager: EntityManager,
    hydrate: (row: ObjectLiteral) => T,
  ): Promise<T[]> {
    const metadata = this.dataSource.getMetadata(target);
    const parameters: ObjectLiteral = {};
    const condition = this.where(target, where, parameters);
    const result = await this.queries.run(
      `select:${metadata.tableName}:${condition.shape}`,
      () => {
        const columns = metadata.columns.map((c) => this.escape(c.databaseName)).join(', ');
        return `SELECT ${columns} FROM ${entityTable(this.dataSource, target)} WHERE ${condition.sql}`;
      },
      parameters,
      manager,
    );
    return (result.records as ObjectLiteral[]).map(hydrate);
  }

  /** Deletes the rows matching `where`; how many there were. */
  async delete<T extends ObjectLiteral>(target: EntityTarget<T>, where: Where<T>, manager: EntityManager): Promise<number> {
    const parameters: ObjectLiteral = {};
    const condition = this.where(target, where, parameters);
    const shape = `delete:${this.dataSource.getMetadata(target).tableName}:${condition.shape}`;
    const result = await this.queries.run(
      shape,
      () => `DELETE FROM ${entityTable(this.dataSource, target)} WHERE ${condition.sql}`,
      parameters,
      manager,
    );
    return result.affected ?? 0;
  }

  /** Equality conditions joined by AND, their values added to `parameters` (w0, w1, …). */
  private where<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    where: Where<T>,
    parameters: ObjectLiteral,
  ): { sql: string; shape: string } {
    const parts: string[] = [];
    const shape: string[] = [];
    Object.keys(where).forEach((name, i) => {
      const column = this.column(target, name);
      const value = where[name as keyof T & string];
      if (value === null) {
        parts.push(`${this.escape(column.databaseName)} IS NULL`);
        shape.push(`${name}~`);
      } else {
        parts.push(`${this.escape(column.databaseName)} = :w${i}`);
        parameters[`w${i}`] = this.value(where, column);
        shape.push(name);
      }
    });
    return { sql: parts.join(' AND '), shape: shape.join(',') };
  }

  /**
   * SQL Server: the server ends a lock wait that would outlast the request timeout, so the
   * connection stays usable — a client-side cancel of a statement waiting for a lock may take
   * seconds to be honoured (the SQL Server stand-in), after which the driver drops the connection.
   */
  private lockTimeout(): string {
    const options = this.dataSource.options;
    return options.type === 'mssql' && options.requestTimeout ? `SET LOCK_TIMEOUT ${Math.floor(options.requestTimeout * 0.9)}; ` : '';
  }

  private column(target: EntityTarget<ObjectLiteral>, propertyName: string): ColumnMetadata {
    const column = this.dataSource.getMetadata(target).findColumnWithPropertyName(propertyName);
    if (!column) throw new Error(`${propertyName} is no column of ${this.dataSource.getMetadata(target).name}`);
    return column;
  }

  private value(row: ObjectLiteral, column: ColumnMetadata): unknown {
    return this.dataSource.driver.preparePersistentValue(row[column.propertyName], column) ?? null;
  }

  /** SQL Server's OUTPUT of a column, named as written (the SQL Server stand-in would name it in lower case). */
  private inserted(name: string): string {
    return `INSERTED.${this.escape(name)} AS ${this.escape(name)}`;
  }

  /** A column's SQL type, for a cast. */
  private sqlType(column: ColumnMetadata): string {
    return this.dataSource.driver.normalizeType(column);
  }

  private escape(name: string): string {
    return this.dataSource.driver.escape(name);
  }

  private get isMssql(): boolean {
    return this.dataSource.options.type === 'mssql';
  }
}
