/**
 * npm run bench:profile -- [--size S] [--target list|me|360 | --path /api/v1/…] [--seconds 10] [--concurrency 8] [--out <dir>]
 *
 * Where a request's time goes: starts the built product (as the benchmark does) with a V8 CPU profile, loads one
 * endpoint of the benchmark's data set over HTTP, and prints the self time by place (package, our code, node, GC) and
 * by function. The .cpuprofile stays in --out (default a temporary folder) for Chrome DevTools. Never part of a run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildServer } from '../apps/server/scripts/build.mjs';
import { intArg, parseArgs, sizeOf } from './lib/args.ts';
import { withBenchDatabase } from './lib/database.ts';
import { DEFAULT_SEED, ensureDataset } from './lib/generator/stages.ts';
import { startChild } from './lib/harness/children.ts';
import { renderProfile, summariseProfile } from './lib/harness/cpu-profile.ts';
import { httpLoad } from './lib/harness/http-load.ts';

const args = parseArgs(process.argv.slice(2));
const size = sizeOf(args.size ?? 'S');
const target = String(args.target ?? 'list');
const seconds = Number(args.seconds ?? 10);
const concurrency = intArg(args.concurrency, 8);
const out = typeof args.out === 'string' ? path.resolve(args.out) : fs.mkdtempSync(path.join(os.tmpdir(), 'jiake-profile-'));
const log = (line: string) => console.log(`[profile] ${line}`);

/** The benchmark's request for a target, on this data set. */
async function targetPath(url: string, tenantId: string): Promise<string> {
  if (typeof args.path === 'string') return args.path;
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    if (target === 'me') return '/api/v1/auth/me';
    if (target === 'list') {
      const s = await pool.query(`SELECT store_id FROM customers WHERE tenant_id = $1 AND store_id IS NOT NULL GROUP BY store_id ORDER BY count(*) DESC LIMIT 1`, [tenantId]);
      return `/api/v1/customers?storeId=${s.rows[0].store_id}&sort=createdAt&order=desc&limit=20`;
    }
    if (target === '360') {
      const c = await pool.query(`SELECT customer_id AS id FROM customer_contacts WHERE tenant_id = $1 LIMIT 1`, [tenantId]);
      return `/api/v1/customers/${c.rows[0].id}`;
    }
    throw new Error(`unknown target ${target} (list, me, 360)`);
  } finally {
    await pool.end();
  }
}

await withBenchDatabase(log, async (db) => {
  const ds = await ensureDataset(db.url, { customers: size.customers, seed: DEFAULT_SEED, reuse: true, log });
  const urlPath = await targetPath(db.url, ds.tenantId);
  await buildServer({ quiet: true });
  process.env.BENCH_CPU_PROFILE = out;
  const product = await startChild('product', 'product-server.mjs', { BENCH_DATABASE_URL: db.url, LOG_LEVEL: 'error' });
  try {
    const login = await fetch(`http://127.0.0.1:${product.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: ds.tenantCode, username: ds.admin.username, password: ds.admin.password }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const t = { port: product.port, path: urlPath, headers: { cookie } };
    log(`${urlPath}: warming up, then ${seconds} s at ${concurrency} connections`);
    await httpLoad(t, { concurrency, maxCount: Number.MAX_SAFE_INTEGER, maxMs: 2000 });
    const s = await httpLoad(t, { concurrency, maxCount: Number.MAX_SAFE_INTEGER, maxMs: seconds * 1000 });
    log(`${s.count} requests, ${s.rps.toFixed(0)} req/s, p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms, ${s.errors} errors`);
    const mib = (m: Record<string, unknown>, k: string) => `${k} ${((m[k] as number) / 2 ** 20).toFixed(0)}`;
    const memory = (m: Record<string, unknown>) => ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers'].map((k) => mib(m, k)).join(', ');
    log(`memory after the load (MiB): ${memory(await product.call({ type: 'rss' }))}; after a full collection: ${memory(await product.call({ type: 'gc' }))}`);
  } finally {
    await product.stop();
  }
  const file = fs.readdirSync(out).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(out, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  if (!file) throw new Error(`no profile written to ${out}`);
  console.log(`\n${renderProfile(summariseProfile(file, intArg(args.top, 30)))}\n`);
  log(`profile: ${file}`);
});
