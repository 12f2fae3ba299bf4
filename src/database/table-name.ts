import { DataSource, Driver, EntityTarget, ObjectLiteral } from 'typeorm';

/** A table's name for a raw statement: quoted, and qualified by the data source's schema when it has one. */
export function qualifiedTable(driver: Driver, name: string): string {
  const schema = (driver.options as { schema?: string }).schema;
  return schema ? `${driver.escape(schema)}.${driver.escape(name)}` : driver.escape(name);
}

/** An entity's table for a raw statement, named as its metadata says (never a string written twice). */
export function entityTable(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>): string {
  return qualifiedTable(dataSource.driver, dataSource.getMetadata(entity).tableName);
}
