import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';

// int8 (bigint) as JS number: counts and ids stay well under 2^53; money is bigint fen but < 9e15.
pg.types.setTypeParser(20, (v) => Number(v));

export type Db = NodePgDatabase<Record<string, never>>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  pool: pg.Pool;
  kind: 'embedded' | 'server';
  close(): Promise<void>;
}

export function openDatabase(url: string, kind: 'embedded' | 'server', max = 20): Database {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'jiake' });
  pool.on('error', () => {});
  const db = drizzle(pool, { casing: 'snake_case' }) as unknown as Db;
  return { db, pool, kind, close: () => pool.end() };
}
