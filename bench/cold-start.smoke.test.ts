import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { startEmbeddedPostgres } from '../apps/server/src/platform/db/embedded.ts';
import { migrateDatabase } from '../apps/server/src/platform/db/migrate.ts';
import { buildServer } from '../apps/server/scripts/build.mjs';
import pg from 'pg';
import { ensureDataset } from './lib/generator/stages.ts';
import { coldStartRows, measureColdStart } from './lib/harness/cold-start.ts';

/**
 * Smoke run of P12 (cold start), which `npm run bench` measures after the other scenarios on its embedded cluster:
 * here on a small cluster of its own, one round — that the harness stops and starts PostgreSQL alone and under the
 * built product, and that the product really serves the first page of the data set. Never the timings themselves.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiake-cold-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });

describe('benchmark P12 (cold start)', () => {
  it('starts the embedded PostgreSQL alone and under the built product, which serves the data set’s first page', async () => {
    const pgDir = path.join(dir, 'pg');
    const port = await freePort();
    const db = await startEmbeddedPostgres(pgDir, port);
    let dataset;
    try {
      const pool = new pg.Pool({ connectionString: db.url, max: 2 });
      await migrateDatabase(pool).finally(() => pool.end());
      dataset = await ensureDataset(db.url, { customers: 150, tenantCode: 'benchcold' });
    } finally {
      await db.stop();
    }
    // A build of its own: the other smoke run builds into dist/ at the same time.
    const outdir = `dist/cold-${process.pid}`;
    await buildServer({ quiet: true, outdir });
    onTestFinished(() => fs.rmSync(path.resolve('apps/server', outdir), { recursive: true, force: true }));
    const cold = await measureColdStart({ pgDir, port, dataset, rounds: 1, outdir });
    expect(cold.rounds).toHaveLength(1);
    expect(cold.pgMs).toBeGreaterThan(0);
    expect(cold.readyMs).toBeGreaterThan(0);
    expect(cold.productMs).toBeGreaterThan(cold.readyMs);
    const [row] = coldStartRows(cold, 'tiny');
    expect(row).toMatchObject({ id: 'P12', unit: 'ms', compare: 'ratio', target: '≤ 3×' });
    expect(row.value).toBeCloseTo(cold.productMs / cold.pgMs);
    expect(row.scenario).toContain('at size tiny');
  }, 180_000);
});
