import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../apps/server/src/platform/db/embedded.ts';
import { migrateDatabase } from '../../apps/server/src/platform/db/migrate.ts';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BenchDatabase {
  url: string;
  kind: 'embedded' | 'server';
  /** The embedded cluster's directory and port (P12 starts it anew). */
  embedded?: { dir: string; port: number };
  stop(): Promise<void>;
}

/**
 * The benchmark's database: the server named by DATABASE_URL (its database is created, UTF8, when missing), or an
 * embedded PostgreSQL whose cluster lives in bench/data/pg and survives runs, so a generated data set is reused.
 * Either way it is migrated to the product's schema.
 */
export async function openBenchDatabase(opts: { databaseUrl?: string | null; port?: number; log?: (s: string) => void } = {}): Promise<BenchDatabase> {
  const log = opts.log ?? (() => {});
  let url: string;
  let stop = async () => {};
  let kind: BenchDatabase['kind'];
  let embedded: BenchDatabase['embedded'];
  if (opts.databaseUrl) {
    url = opts.databaseUrl;
    kind = 'server';
    await createDatabaseIfMissing(url, log);
  } else {
    const dir = path.join(BENCH_DIR, 'data', 'pg');
    log(`starting embedded PostgreSQL in ${dir}`);
    const port = opts.port ?? Number(process.env.BENCH_PG_PORT ?? 54339);
    const db = await startEmbeddedPostgres(dir, port);
    url = db.url;
    kind = 'embedded';
    embedded = { dir, port };
    let stopped = false;
    stop = async () => {
      if (stopped) return;
      stopped = true;
      await db.stop();
    };
  }
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    await migrateDatabase(pool);
  } catch (err) {
    await pool.end();
    await stop();
    throw err;
  }
  await pool.end();
  return { url, kind, embedded, stop };
}

async function createDatabaseIfMissing(url: string, log: (s: string) => void) {
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch (err) {
    await probe.end().catch(() => {});
    if ((err as { code?: string }).code !== '3D000') throw err;
  }
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`will not create database "${name}": use lower-case letters, digits and _`);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    log(`creating database ${name}`);
    await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await admin.end();
  }
}

/**
 * The frame of the bench CLIs: open the benchmark database, run `work` on it, print what failed, stop the database
 * and end the process (exit code 1 on failure).
 */
export async function withBenchDatabase(log: (s: string) => void, work: (db: BenchDatabase) => Promise<void>): Promise<never> {
  const db = await openBenchDatabase({ databaseUrl: process.env.DATABASE_URL, log });
  let code = 0;
  try {
    await work(db);
  } catch (err) {
    console.error(err);
    code = 1;
  } finally {
    await db.stop();
  }
  process.exit(code);
}
