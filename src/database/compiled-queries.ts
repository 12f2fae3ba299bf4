/*
 * The layer under the repositories' hot reads. A repository still says what it wants with
 * TypeORM's query builder, but hands the builder to `CompiledQueries.rows(shape, build, values)`
 * instead of running it: the builder runs once per shape (a name the repository gives the query,
 * plus whatever changes its text), and every later call only binds new values into the cached
 * text. So `queries.rows('users-page', (em) => em.createQueryBuilder(...)..., { idSubscription })`
 * reads as "run this builder's query". The texts each dialect gets are checked in under
 * `test/sql/` (see the README's Development section).
 */
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryResult, SelectQueryBuilder } from 'typeorm';
import { preparedStatement } from './prepared-statement';

const MAX_SHAPES = 500;
const MAX_BOUND_TEXTS = 2000;
/** Longer shape keys (a filter's whole condition text) are compiled for the one call and not kept: bounded memory. */
const MAX_KEY_LENGTH = 2048;

/** Stands for one parameter value while the driver places the parameters of a query text. */
class Slot {
  constructor(
    readonly name: string,
    /** Position in a list parameter (`:...name`); -1 for a single value. */
    readonly index: number,
  ) {}
}

/** A query text with the driver's placeholders, and which value goes to each. */
interface BoundText {
  sql: string;
  slots: Slot[];
}

/**
 * SQL text of query-builder queries, built once per shape and then only bound to new values.
 * Building a query with TypeORM's QueryBuilder costs several times more than running an
 * indexed lookup, and the hot reads (a SCIM lookup and the detail queries behind every user
 * returned) have only a handful of shapes. A shape's builder names every parameter
 * (`:name`, `:...list`) and its values come with each call; the text stays dialect-correct
 * because the builder produced it for this data source.
 */
export class CompiledQueries {
  private readonly sqlByShape = new Map<string, string>();
  private readonly boundByKey = new Map<string, BoundText>();

  constructor(private readonly dataSource: DataSource) {}

  /** The connected database's type, for the few clauses the query builder does not write (paging). */
  get dialectType(): string {
    return this.dataSource.driver.options.type;
  }

  /**
   * Raw rows of the query `build` makes for `shape`; `shape` must identify the query text
   * completely. `build` returns a query builder, or SQL text with named parameters for what
   * the builder cannot say (UNION ALL).
   */
  async rows<T = ObjectLiteral>(
    shape: string,
    build: (manager: EntityManager) => SelectQueryBuilder<ObjectLiteral> | string,
    parameters: ObjectLiteral,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<T[]> {
    let sql = this.sqlByShape.get(shape);
    if (sql === undefined) {
      const built = build(manager);
      sql = typeof built === 'string' ? built : built.getQuery();
      this.keep(shape, sql);
    }
    const [query, bound] = this.bind(shape, sql, parameters);
    return manager.query(preparedStatement(this.dataSource, query), bound);
  }

  /**
   * Runs the statement `build` writes for `shape` (any statement: compiled-writes.ts builds
   * the writes) and returns the driver's structured result: the rows it returned and how many
   * it affected.
   */
  async run(shape: string, build: () => string, parameters: ObjectLiteral, manager: EntityManager): Promise<QueryResult> {
    let sql = this.sqlByShape.get(shape);
    if (sql === undefined) {
      sql = build();
      this.keep(shape, sql);
    }
    const [query, bound] = this.bind(shape, sql, parameters);
    const runner = manager.queryRunner ?? this.dataSource.createQueryRunner();
    try {
      return (await runner.query(preparedStatement(this.dataSource, query), bound, true)) as QueryResult;
    } finally {
      if (!manager.queryRunner) await runner.release();
    }
  }

  private keep(shape: string, sql: string): void {
    if (shape.length > MAX_KEY_LENGTH) return;
    if (this.sqlByShape.size >= MAX_SHAPES) this.sqlByShape.clear();
    this.sqlByShape.set(shape, sql);
  }

  /**
   * The driver's query text and parameter array for these values. Placing named parameters
   * runs a regular expression over the whole text; the placed text depends only on the shape
   * and the length of each list, so it is placed once per such key with stand-ins, and each
   * call then only picks its values into the driver's order.
   */
  private bind(shape: string, sql: string, parameters: ObjectLiteral): [string, unknown[]] {
    let key = shape;
    for (const name in parameters) {
      const value: unknown = parameters[name];
      if (Array.isArray(value)) key += `\n${name}:${value.length}`;
    }
    let bound = this.boundByKey.get(key);
    if (bound === undefined) {
      const standIns: ObjectLiteral = {};
      for (const name in parameters) {
        const value: unknown = parameters[name];
        standIns[name] = Array.isArray(value) ? value.map((_, i) => new Slot(name, i)) : new Slot(name, -1);
      }
      const [text, slots] = this.dataSource.driver.escapeQueryWithParameters(sql, standIns);
      // A driver that did more than place the stand-ins gets the values themselves, every time.
      if (!slots.every((slot) => slot instanceof Slot)) return this.dataSource.driver.escapeQueryWithParameters(sql, parameters);
      bound = { sql: text, slots: slots as Slot[] };
      if (key.length <= MAX_KEY_LENGTH) {
        if (this.boundByKey.size >= MAX_BOUND_TEXTS) this.boundByKey.clear();
        this.boundByKey.set(key, bound);
      }
    }
    const values = bound.slots.map(({ name, index }) => this.driverValue(index < 0 ? parameters[name] : parameters[name][index]));
    return [bound.sql, values];
  }

  /** A value as the driver binds it: strings, numbers and null as they are; others (booleans, dates) converted by the driver. */
  private driverValue(value: unknown): unknown {
    if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number') return value;
    return this.dataSource.driver.escapeQueryWithParameters(':value', { value })[1][0];
  }

  /** What kind of JavaScript value a column of the entity reads as (its property has this name). */
  valueKind(target: EntityTarget<ObjectLiteral>, propertyName: string): 'string' | 'number' | 'boolean' | 'date' {
    const type = this.dataSource.getMetadata(target).findColumnWithPropertyName(propertyName)?.type;
    const name = (typeof type === 'function' ? type.name : String(type)).toLowerCase();
    if (name === 'date' || name.startsWith('datetime') || name.startsWith('timestamp')) return 'date';
    if (name === 'number' || name === 'int' || name === 'integer' || name === 'bigint') return 'number';
    if (name === 'boolean' || name === 'bit') return 'boolean';
    return 'string';
  }

  /**
   * Selects every column of the entity under its database name, for `hydrator`: the raw
   * row then has one key a column whatever the dialect's alias rules.
   */
  selectEntity<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    target: EntityTarget<ObjectLiteral>,
    alias: string,
  ): SelectQueryBuilder<T> {
    const [first, ...rest] = this.dataSource.getMetadata(target).columns;
    qb.select(`${alias}.${first.propertyPath}`, first.databaseName);
    for (const column of rest) qb.addSelect(`${alias}.${column.propertyPath}`, column.databaseName);
    return qb;
  }

  /**
   * Turns rows selected with `selectEntity` into entities, converting values as TypeORM's own
   * reads do; with `only`, just those properties are read from the row.
   */
  hydrator<T extends ObjectLiteral>(target: EntityTarget<T>, only?: readonly (keyof T & string)[]): (row: ObjectLiteral) => T {
    const metadata = this.dataSource.getMetadata(target);
    const driver = this.dataSource.driver;
    const columns = only ? metadata.columns.filter((c) => only.includes(c.propertyName as keyof T & string)) : metadata.columns;
    return (row) => {
      const entity = metadata.create() as T;
      for (const column of columns) column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
      return entity;
    };
  }
}
