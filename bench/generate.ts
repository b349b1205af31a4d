/**
 * npm run bench:data -- --customers 100000 [--seed 20261122] [--reuse]
 *
 * Builds the deterministic benchmark tenant `bench<N>` in the embedded PostgreSQL of bench/data/pg, or in the
 * database of DATABASE_URL. `--reuse` keeps a complete data set of the same size, seed and generator version.
 */
import { intArg, parseArgs, sizeOf } from './lib/args.ts';
import { withBenchDatabase } from './lib/database.ts';
import { DEFAULT_SEED, ensureDataset } from './lib/generator/stages.ts';

const args = parseArgs(process.argv.slice(2));
const customers = args.customers !== undefined ? intArg(args.customers, 0) : sizeOf(args.size).customers;
if (!customers) {
  console.error('usage: npm run bench:data -- --customers N | --size tiny|S|L [--seed N] [--reuse]');
  process.exit(2);
}
const log = (line: string) => console.log(`[bench:data] ${line}`);
await withBenchDatabase(log, async (db) => {
  const ds = await ensureDataset(db.url, { customers, seed: intArg(args.seed, DEFAULT_SEED), reuse: args.reuse === true, batchSize: intArg(args.batch, 1000), log });
  log(`${ds.reused ? 'reused' : 'generated'} tenant ${ds.tenantCode} (${db.kind}); login: tenant ${ds.tenantCode}, user ${ds.admin.username}, password ${ds.admin.password}`);
  if (!ds.reused) log(`timings (s): ${JSON.stringify(ds.timings)}`);
});
