import { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

const MAX_SHAPES = 500;

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

  constructor(private readonly dataSource: DataSource) {}

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
      if (this.sqlByShape.size >= MAX_SHAPES) this.sqlByShape.clear();
      this.sqlByShape.set(shape, sql);
    }
    const [query, bound] = this.dataSource.driver.escapeQueryWithParameters(sql, parameters);
    return manager.query(query, bound);
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
