import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { readConfig } from '../apps/server/src/platform/config.ts';
import { startServer } from '../apps/server/src/server.ts';
import { freePort } from '../apps/server/test/global-setup.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * Browser journeys run against a real server with the built web app, on a fresh database with demo data:
 * embedded PostgreSQL, or a new database on TEST_DATABASE_URL's server.
 */
/** Vitest reports a failing global setup but exits 0 ("no test files found"): end the run as failed. */
export function failSetup(err: unknown): never {
  console.error('global setup failed:', err);
  process.exit(1);
}

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiake-e2e-'));
  fs.chmodSync(dir, 0o755);
  let databaseUrl: string | undefined;
  let dropDb: (() => Promise<void>) | null = null;
  if (process.env.TEST_DATABASE_URL) {
    const name = `jiake_e2e_${Date.now()}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
    await admin.end();
    const u = new URL(process.env.TEST_DATABASE_URL);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const config = readConfig({
    DATA_DIR: dir,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    EMBEDDED_PG_PORT: String(await freePort()),
    SEED_DEMO: 'force',
    LOG_LEVEL: 'warn',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const server = await startServer(config, { logger: false }).catch((err: unknown) => failSetup(err));
  project.provide('baseUrl', server.url);
  // Journeys read what a person would get by other means (the SMS with a verification code) from the database.
  project.provide('databaseUrl', (server.database.pool.options as { connectionString: string }).connectionString);
  project.provide('databaseKind', databaseUrl ? 'server' : 'embedded');
  await settled(server.database.pool);
  return async () => {
    await server.close();
    await dropDb?.();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

/**
 * Wait until the outbox has delivered the demo seed's own events (tier upgrades, follow-up steps of its paid orders,
 * …). A journey then waits only for the reactions to what it does itself, not behind thousands of seeded events.
 * Deliveries backing off after a failure are not waited for.
 */
async function settled(pool: pg.Pool, limitMs = 600_000) {
  const started = Date.now();
  let last = -1;
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM event_deliveries WHERE status = 'pending' AND available_at <= now() + interval '5 seconds'`);
    const pending = rows[0].n;
    if (pending === 0) return;
    if (Date.now() - started > limitMs) return void console.warn(`e2e: the outbox still holds ${pending} due deliveries after ${limitMs / 1000} s; starting anyway`);
    if (pending !== last && (last < 0 || Date.now() - started > 10_000)) console.log(`e2e: waiting for the outbox to deliver the demo's events: ${pending} pending`);
    last = pending;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
