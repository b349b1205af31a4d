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
  const record = (config: unknown, values?: unknown) => {
    if (!log) return;
    const c = typeof config === 'string' ? { text: config } : (config as { text: string; name?: string; values?: unknown[] });
    const vals = Array.isArray(values) ? values : (c.values ?? []);
    log.push({ ...(c.name ? { name: c.name } : {}), text: c.text, values: [...vals] });
  };
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, values?: unknown, cb?: unknown) => {
    record(config, values);
    return query(config, values, cb);
  };
  // Transactions check a client out (`pool.connect()` without a callback; pool.query uses the callback form): their
  // statements are recorded on the client while it is checked out that way, when the capture asks for them.
  let withTransactions = false;
  type Client = pg.PoolClient & { benchTx?: boolean; benchPatched?: boolean };
  const connect = pool.connect.bind(pool) as (cb?: unknown) => unknown;
  (pool as unknown as { connect: (cb?: unknown) => unknown }).connect = (cb?: unknown) => {
    if (cb) return connect(cb);
    return (connect() as Promise<Client>).then((client) => {
      if (!client.benchPatched) {
        const q = client.query.bind(client) as (...args: unknown[]) => unknown;
        (client as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, values?: unknown, cb2?: unknown) => {
          if (client.benchTx && withTransactions) record(config, values);
          return q(config, values, cb2);
        };
        client.benchPatched = true;
      }
      client.benchTx = true;
      const release = client.release;
      client.release = (err?: Error | boolean) => {
        client.benchTx = false;
        return release.call(client, err);
      };
      return client;
    });
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
    /**
     * Make one request (GET unless told) and answer its status, body and the statements it ran — with `transactions`
     * also those run in transactions (BEGIN … COMMIT on one connection: to count and show, not to replay on a pool).
     */
    async capture(url: string, cookie: string, init: { method?: 'GET' | 'POST'; payload?: unknown; headers?: Record<string, string>; transactions?: boolean } = {}): Promise<Captured> {
      log = [];
      withTransactions = init.transactions ?? false;
      try {
        const res = await app.inject({ method: init.method ?? 'GET', url, headers: { cookie, ...init.headers }, ...(init.payload === undefined ? {} : { payload: init.payload as object }) });
        const statements = log.filter((s) => !/^\s*update\s+"?sessions"?\s/i.test(s.text));
        return { status: res.statusCode, body: res.json(), statements };
      } finally {
        log = null;
        withTransactions = false;
      }
    },
    async close() {
      await app.close();
      await pool.end();
    },
  };
}
