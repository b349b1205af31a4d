import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';
import { SERVER_ROOT } from '../paths.ts';

const migrationsFolder = path.join(SERVER_ROOT, 'drizzle');

/** Apply committed migrations; refuse a database whose encoding cannot hold Chinese search. */
export async function migrateDatabase(pool: pg.Pool) {
  const client = await pool.connect();
  try {
    const enc = await client.query('SELECT pg_encoding_to_char(encoding) AS enc FROM pg_database WHERE datname = current_database()');
    if (enc.rows[0]?.enc !== 'UTF8') {
      throw new Error(`The database must use UTF8 encoding for Chinese text (found ${enc.rows[0]?.enc}).`);
    }
    // Serialise concurrent migrators (several instances, parallel test workers).
    await client.query('SELECT pg_advisory_lock(727001)');
    try {
      await migrate(drizzle(client), { migrationsFolder });
    } finally {
      await client.query('SELECT pg_advisory_unlock(727001)');
    }
  } finally {
    client.release();
  }
}
