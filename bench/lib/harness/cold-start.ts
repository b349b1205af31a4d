import path from 'node:path';
import { startEmbeddedPostgres } from '../../../apps/server/src/platform/db/embedded.ts';
import type { Dataset } from '../generator/stages.ts';
// @ts-expect-error a plain ES module script without type declarations
import { startBuilt } from '../../../apps/server/scripts/start-built.mjs';
import { median } from './stats.ts';
import type { Row } from './run-bench.ts';

/**
 * P12, cold start (embedded database only): from nothing running to the first page a user sees — the built product
 * (`node dist/main.mjs`, as `npm start` runs it after building; the build is not timed) starts the embedded PostgreSQL
 * of the data set itself, migrates (nothing to do), builds every module, listens; then a login and the first customer
 * list page are served. Baseline in the same run: starting the
 * same embedded PostgreSQL alone until it accepts connections. Each round stops everything first. The operating
 * system's file cache stays warm (dropping it needs rights this machine does not give).
 */
export interface ColdStart {
  rounds: { pgMs: number; productMs: number; readyMs: number }[];
  pgMs: number;
  productMs: number;
  /** Of productMs: until the server listened (PostgreSQL, migrations, modules), the rest is login + first page. */
  readyMs: number;
}

/** `outdir`: the build to start (apps/server/dist unless a test built its own). */
export async function measureColdStart(o: { pgDir: string; port: number; dataset: Dataset; rounds: number; outdir?: string; log?: (s: string) => void }): Promise<ColdStart> {
  const rounds: ColdStart['rounds'] = [];
  for (let r = 0; r < o.rounds; r++) {
    let t = performance.now();
    const pg = await startEmbeddedPostgres(o.pgDir, o.port);
    const pgMs = performance.now() - t;
    await pg.stop();

    t = performance.now();
    const server = await startBuilt({ outdir: o.outdir, env: { DATABASE_URL: '', DATA_DIR: path.dirname(o.pgDir), EMBEDDED_PG_PORT: String(o.port) } });
    const readyMs = performance.now() - t;
    try {
      const base = server.url;
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: o.dataset.tenantCode, username: o.dataset.admin.username, password: o.dataset.admin.password }),
      });
      if (login.status !== 200) throw new Error(`P12 login answered ${login.status}`);
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const page = await fetch(`${base}/api/v1/customers?limit=20`, { headers: { cookie } });
      const body = (await page.json()) as { items?: unknown[] };
      if (page.status !== 200 || !body.items?.length) throw new Error(`P12 first page answered ${page.status}`);
      rounds.push({ pgMs, productMs: performance.now() - t, readyMs });
    } finally {
      await server.stop();
    }
    o.log?.(`P12 round ${r + 1}: PostgreSQL alone ${pgMs.toFixed(0)} ms, product to first page ${rounds[r].productMs.toFixed(0)} ms`);
  }
  return { rounds, pgMs: median(rounds.map((x) => x.pgMs)), productMs: median(rounds.map((x) => x.productMs)), readyMs: median(rounds.map((x) => x.readyMs)) };
}

/** P12's rows: the target is stated for size L; at other sizes the row says which size it was measured at. */
export function coldStartRows(c: ColdStart, sizeName: string): Row[] {
  const ratio = c.productMs / c.pgMs;
  const scenario = `cold start to the first served page (login + customer list page 1), embedded database${sizeName === 'L' ? '' : ` (at size ${sizeName}; the target is stated for L)`}`;
  const note = `of it, ${(c.readyMs / 1000).toFixed(1)} s until the server listened (PostgreSQL, migrations, every module); medians of ${c.rounds.length} rounds; OS file cache warm`;
  return [
    { id: 'P12', scenario, measure: 'seconds, from nothing running', product: c.productMs, baseline: c.pgMs, baselineLabel: 'starting the embedded PostgreSQL alone', unit: 'ms', compare: 'ratio', value: ratio, target: '≤ 3×', pass: ratio <= 3, note },
  ];
}
