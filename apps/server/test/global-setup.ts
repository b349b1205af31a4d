import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import net from 'node:net';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDb } from '../src/platform/db/embedded.ts';
import { migrateDatabase } from '../src/platform/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: 'embedded' | 'server';
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** One database for the whole run: embedded PostgreSQL in a temp dir, or a fresh database on TEST_DATABASE_URL. */
export async function setupTestDatabase(): Promise<{ url: string; kind: 'embedded' | 'server'; teardown: () => Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `jiake_test_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
    await admin.end();
    const u = new URL(server);
    u.pathname = `/${name}`;
    const url = u.toString();
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    await migrateDatabase(pool);
    await pool.end();
    return {
      url,
      kind: 'server',
      teardown: async () => {
        const c = new pg.Client({ connectionString: server });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiake-test-pg-'));
  fs.chmodSync(dir, 0o755);
  const db: EmbeddedDb = await startEmbeddedPostgres(path.join(dir, 'data'), await freePort());
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  await migrateDatabase(pool);
  await pool.end();
  return {
    url: db.url,
    kind: 'embedded',
    teardown: async () => {
      await db.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject) {
  const db = await setupTestDatabase().catch((err: unknown) => {
    // Vitest reports a failing global setup but exits 0 ("no test files found"): end the run as failed.
    console.error('global setup failed:', err);
    process.exit(1);
  });
  project.provide('databaseUrl', db.url);
  project.provide('databaseKind', db.kind);
  return db.teardown;
}
