/**
 * npm run bench -- --size tiny|S|L [--cold-start off] [--rounds 3] [--executions 300] [--load-seconds 3] [--concurrency 8] [--pages 500] [--followup-orders 300]
 *                  [--accrual-clients 16] [--expiry-rounds <rounds>] [--import-rows <by size>] [--import-rounds <rounds>] [--out <dir>]
 *
 * Measures the running product against baselines measured in the same run, on the embedded PostgreSQL of
 * bench/data/pg or on the server of DATABASE_URL; generates (or reuses) the data set first. Writes
 * bench/results/<date>-<size>-<embedded|server>.md and prints it.
 */
import path from 'node:path';
import { intArg, parseArgs, sizeOf } from './lib/args.ts';
import { BENCH_DIR, withBenchDatabase } from './lib/database.ts';
import { DEFAULT_SEED, ensureDataset } from './lib/generator/stages.ts';
import { runBench } from './lib/harness/run-bench.ts';
import { renderMarkdown, writeResults } from './lib/harness/report.ts';
import { coldStartRows, measureColdStart } from './lib/harness/cold-start.ts';

const args = parseArgs(process.argv.slice(2));
const size = sizeOf(args.size);
const log = (line: string) => console.log(`[bench] ${line}`);
await withBenchDatabase(log, async (db) => {
  const dataset = await ensureDataset(db.url, { customers: size.customers, seed: intArg(args.seed, DEFAULT_SEED), reuse: args.regenerate !== true, log });
  const result = await runBench({
    url: db.url,
    dbKind: db.kind,
    dataset,
    sizeName: size.name,
    rounds: intArg(args.rounds, 3),
    executions: intArg(args.executions, 300),
    loadSeconds: Number(args['load-seconds'] ?? 3),
    concurrency: intArg(args.concurrency, 8),
    walkPages: intArg(args.pages, 500),
    followupOrders: intArg(args['followup-orders'], 300),
    accrualClients: intArg(args['accrual-clients'], 16),
    expiryRounds: args['expiry-rounds'] === undefined ? undefined : intArg(args['expiry-rounds'], 1),
    importRows: args['import-rows'] === undefined ? undefined : intArg(args['import-rows'], 500),
    importRounds: args['import-rounds'] === undefined ? undefined : intArg(args['import-rounds'], 1),
    log,
  });
  // P12 last: it stops the embedded PostgreSQL and starts it anew, alone and under the product.
  if (db.embedded && args['cold-start'] !== 'off') {
    await db.stop();
    const cold = await measureColdStart({ pgDir: db.embedded.dir, port: db.embedded.port, dataset, rounds: intArg(args.rounds, 3), log });
    result.rows.push(...coldStartRows(cold, size.name));
    result.notMeasured = result.notMeasured.filter((n) => n.id !== 'P12');
  }
  const file = writeResults(typeof args.out === 'string' ? path.resolve(args.out) : path.join(BENCH_DIR, 'results'), result);
  console.log(`\n${renderMarkdown(result)}`);
  log(`written to ${path.relative(process.cwd(), file)}`);
});
