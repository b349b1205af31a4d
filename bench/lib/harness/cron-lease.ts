import { openDatabase } from '../../../apps/server/src/platform/db/client.ts';
import { acquireLease, LEASE_MS, releaseLease } from '../../../apps/server/src/platform/jobs/scheduler.ts';

/** The scheduler scope of `npm start` (JobRunner's default): its instances elect one cron leader per scope. */
const PRODUCT_SCOPE = 'main';

/**
 * Hold the product's cron lease while the benchmark runs, so the product child serves, delivers events and runs jobs
 * like any instance, but — a follower, as a second instance of a deployment is — fires no cron slots. Fired at the wall
 * clock, the slots would change the frozen data set mid-run (the SLA sweep escalating every open request, the idle
 * customers' return, next-step reminders, nightly points expiry) and load the database under the other scenarios.
 * Waits up to one lease length for a lease left by an earlier run; answers whether it holds it.
 */
export async function holdCronLease(url: string, log: (line: string) => void = () => {}) {
  const database = openDatabase(url, 'server', 1);
  const holder = `jiake-bench-${process.pid}`;
  const take = () => acquireLease(database.db, PRODUCT_SCOPE, holder, new Date());
  const until = Date.now() + LEASE_MS + 5_000;
  let held = await take();
  while (!held && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 1_000));
    held = await take();
  }
  if (!held) log('another instance holds the cron lease: its cron jobs may change the data set during the run');
  const timer = setInterval(() => void take().catch(() => {}), LEASE_MS / 3);
  timer.unref();
  return {
    held,
    async release() {
      clearInterval(timer);
      await releaseLease(database.db, PRODUCT_SCOPE, holder).catch(() => {});
      await database.close();
    },
  };
}
