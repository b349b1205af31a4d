import { getTableColumns, getTableName, sql, type Column } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.ts';

/**
 * Insert many rows in one statement with one parameter: the rows travel as a JSON array and
 * `json_populate_recordset` turns them into typed rows (arrays → PostgreSQL arrays, objects → jsonb, ISO strings →
 * timestamptz). Building a multi-row VALUES list costs drizzle about 0.3 ms per 50-column row (measured in the
 * customer import, P6), more than PostgreSQL takes to write it; this costs one JSON.stringify.
 *
 * Like drizzle's insert, a key left out (undefined) takes the column's default. A JSON record cannot say "default",
 * so rows are grouped by which defaulted columns they leave out, one statement per group (an import has a few).
 * No RETURNING: for bulk writes whose ids the caller made.
 */
export async function insertJsonRows<T extends PgTable>(db: DbOrTx, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (!rows.length) return;
  const columns = getTableColumns(table) as Record<string, Column>;
  const given = (row: Record<string, unknown>) => Object.keys(row).filter((k) => row[k] !== undefined && k in columns);
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows as Record<string, unknown>[]) {
    const key = given(row).sort().join(',');
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const name = getTableName(table);
  for (const [key, group] of groups) {
    const keys = key ? key.split(',') : [];
    const cols = sql.join(keys.map((k) => sql.identifier(columnName(k, columns[k]))), sql`, `);
    const json = JSON.stringify(group.map((row) => Object.fromEntries(keys.map((k) => [columnName(k, columns[k]), row[k]]))));
    await db.execute(sql`INSERT INTO ${sql.identifier(name)} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${sql.identifier(name)}, ${json}::json)`);
  }
}

/** The database column of a table key: its explicit name, or the key in snake_case (the schema's casing). */
const columnName = (key: string, c: Column) => ((c as Column & { keyAsName?: boolean }).keyAsName ? toSnakeCase(key) : c.name);
