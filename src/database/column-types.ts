import { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column builders for migrations. TypeORM's schema API is portable, but a few type names
 * differ between dialects: SQL Server needs `nvarchar` for Unicode and an explicit
 * `datetime2` precision; the others take `varchar` and `timestamp`/`datetime`.
 */
export function columns(queryRunner: QueryRunner) {
  const type = queryRunner.connection.driver.options.type;
  const mssql = type === 'mssql';
  const sqlite = type === 'better-sqlite3';
  return {
    id: (name: string): TableColumnOptions => ({
      name,
      type: mssql ? 'int' : 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    }),
    /**
     * A 64-bit identity for tables that only ever grow. On SQLite the rowid itself (INTEGER
     * PRIMARY KEY, without AUTOINCREMENT's extra write to sqlite_sequence on every insert).
     */
    bigId: (name: string): TableColumnOptions =>
      sqlite
        ? { name, type: 'integer', isPrimary: true }
        : { name, type: 'bigint', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
    int: (name: string, nullable = false): TableColumnOptions => ({ name, type: mssql ? 'int' : 'integer', isNullable: nullable }),
    string: (name: string, length: number, nullable = true): TableColumnOptions => ({
      name,
      type: mssql ? 'nvarchar' : 'varchar',
      length: mssql && length > 4000 ? 'MAX' : String(length),
      isNullable: nullable,
    }),
    /** Text of any length. */
    text: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: mssql ? 'nvarchar' : 'text',
      ...(mssql ? { length: 'MAX' } : {}),
      isNullable: nullable,
    }),
    bool: (name: string, nullable = false): TableColumnOptions => ({ name, type: mssql ? 'bit' : 'boolean', isNullable: nullable }),
    dateTime: (name: string, nullable = false): TableColumnOptions =>
      mssql
        ? { name, type: 'datetime2', precision: 3, isNullable: nullable }
        : { name, type: sqlite ? 'datetime' : 'timestamp', isNullable: nullable, ...(sqlite ? {} : { precision: 3 }) },
  };
}
