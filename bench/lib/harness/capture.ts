import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp, type AppDeps } from '../../../apps/server/src/app.ts';
import { readConfig } from '../../../apps/server/src/platform/config.ts';
import type { Database, Db } from '../../../apps/server/src/platform/db/client.ts';
import { createMailer } from '../../../apps/server/src/platform/mail/mailer.ts';
import { JobRunner } from '../../../apps/server/src/platform/jobs/runner.ts';
import { registerJobs } from '../../../apps/server/src/jobs.ts';
import type { App } from '../../../apps/server/src/platform/http/types.ts';
import type { Statement } from './sql-load.ts';

export interface Captured {
  status: number;
  body: unknown;
  /** Every statement the request ran, in order (the once-a-minute session touch left out). */
  statements: Statement[];
}

/**
 * The product built in this process on a pool that records each query, so a baseline can run exactly the SQL the
 * product runs for a request — whatever shape the repository gives it today.
 */
export async function openCapturingApp(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 4, application_name: 'jiake-bench-capture' });
  pool.on('error', () => {});
  let log: Statement[] | null = null;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, values?: unknown, cb?: unknown) => {
    if (log) {
      const c = typeof config === 'string' ? { text: config } : (config as { text: string; name?: string; values?: unknown[] });
      const vals = Array.isArray(values) ? values : (c.values ?? []);
      log.push({ ...(c.name ? { name: c.name } : {}), text: c.text, values: [...vals] });
    }
    return query(config, values, cb);
  };
  const db = drizzle(pool, { casing: 'snake_case' }) as unknown as Db;
  const database: Database = { db, pool, kind: 'server', close: () => pool.end() };
  const config = { ...readConfig({ DATA_DIR: path.join(os.tmpdir(), `jiake-bench-capture-${process.pid}`), LOG_LEVEL: 'error' }), databaseUrl: url };
  const now = () => new Date();
  const deps: AppDeps = { db: database, config, now, mailer: createMailer(config), jobs: new JobRunner(db, now) };
  registerJobs(deps);
  const app: App = await buildApp(deps);
  await app.ready();

  return {
    app,
    async login(tenant: string, username: string, password: string): Promise<string> {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant, username, password } });
      if (res.statusCode !== 200) throw new Error(`login to ${tenant} failed: ${res.statusCode} ${res.body}`);
      return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    },
    async capture(url: string, cookie: string): Promise<Captured> {
      log = [];
      try {
        const res = await app.inject({ method: 'GET', url, headers: { cookie } });
        const statements = log.filter((s) => !/^\s*update\s+"?sessions"?\s/i.test(s.text));
        return { status: res.statusCode, body: res.json(), statements };
      } finally {
        log = null;
      }
    },
    async close() {
      await app.close();
      await pool.end();
    },
  };
}
