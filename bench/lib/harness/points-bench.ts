import pg from 'pg';
import { DEFAULT_LOYALTY_SETTINGS } from '@jiake/shared';
import { expireDueLots, expiryFor, verifyLedger } from '../../../apps/server/src/modules/loyalty/index.ts';
import { openDatabase, type Db } from '../../../apps/server/src/platform/db/client.ts';
import { systemCtx } from '../../../apps/server/src/platform/jobs/system-ctx.ts';
import { asReplica } from '../generator/support.ts';
import { stopper, summarise, type Bounds, type Sample } from './stats.ts';

/**
 * The loyalty scenarios: P9 points accrual (the product's adjustment API against the raw ledger transaction) and P17
 * the nightly expiry over the whole tenant (the product's `expireDueLots` against raw SQL). Both append to the data
 * set's ledger; `undoLedger` takes back what they appended, so every round and every run starts from the generated
 * data (and the smoke test can check the ledger with `verifyLedger` afterwards).
 */

/** Idempotency keys of P9 requests start with this; the undo removes them. */
export const P9_KEY_PREFIX = 'bench-p9-';
/** Points of one P9 accrual: below the default approval threshold, so the product posts it at once. */
export const P9_POINTS = 10;
export const P9_REASON = '基准测试：积分补录';

/** The point of the ledger's sequence a scenario starts from. */
export async function ledgerMark(pool: pg.Pool): Promise<number> {
  const r = await pool.query<{ v: string }>(`SELECT last_value AS v FROM ${(await pool.query<{ s: string }>(`SELECT pg_get_serial_sequence('points_entries', 'seq') AS s`)).rows[0].s}`);
  return Number(r.rows[0].v);
}

/**
 * Take back every entry the tenant's ledger got after `mark`: the points its entries consumed go back to their lots,
 * the lots they opened and their consumptions go, balances drop by what they added, and the adjustments and
 * idempotency keys of P9 go with them. Triggers off for the transaction (see asReplica): a superuser's right.
 */
export async function undoLedger(pool: pg.Pool, tenantId: string, mark: number): Promise<number> {
  return asReplica(pool, async (c) => {
    await c.query('CREATE TEMP TABLE bench_undo ON COMMIT DROP AS SELECT id, account_id, points FROM points_entries WHERE tenant_id = $1 AND seq > $2', [tenantId, mark]);
    const n = (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_undo')).rows[0].n;
    if (!n) return 0;
    await c.query(
      `UPDATE points_lots l SET remaining = l.remaining + u.used
         FROM (SELECT lot_id, sum(points) AS used FROM points_lot_consumptions WHERE tenant_id = $1 AND entry_id IN (SELECT id FROM bench_undo) GROUP BY lot_id) u
        WHERE l.tenant_id = $1 AND l.id = u.lot_id`,
      [tenantId],
    );
    await c.query('DELETE FROM points_lot_consumptions WHERE tenant_id = $1 AND entry_id IN (SELECT id FROM bench_undo)', [tenantId]);
    await c.query('DELETE FROM points_lots WHERE tenant_id = $1 AND entry_id IN (SELECT id FROM bench_undo)', [tenantId]);
    await c.query(
      `UPDATE loyalty_accounts a SET balance = a.balance - u.total FROM (SELECT account_id, sum(points) AS total FROM bench_undo GROUP BY account_id) u
        WHERE a.tenant_id = $1 AND a.id = u.account_id`,
      [tenantId],
    );
    await c.query('DELETE FROM loyalty_adjustments WHERE tenant_id = $1 AND entry_id IN (SELECT id FROM bench_undo)', [tenantId]);
    await c.query('DELETE FROM loyalty_idempotency_keys WHERE tenant_id = $1 AND key LIKE $2', [tenantId, `${P9_KEY_PREFIX}%`]);
    await c.query('DELETE FROM points_entries WHERE tenant_id = $1 AND id IN (SELECT id FROM bench_undo)', [tenantId]);
    return n;
  });
}

// ---------- P9: points accrual ----------

export interface AccrualMember {
  memberId: string;
  accountId: string;
}

/** Members P9 posts to, in turn (enough that 16 clients rarely wait for one account's lock); balances not negative. */
export async function accrualMembers(pool: pg.Pool, tenantId: string, limit = 2000): Promise<AccrualMember[]> {
  const r = await pool.query<{ id: string; account_id: string }>(
    `SELECT m.id, m.account_id FROM loyalty_members m JOIN loyalty_accounts a ON a.tenant_id = m.tenant_id AND a.id = m.account_id
      WHERE m.tenant_id = $1 AND m.status = 'active' AND a.balance >= 0 ORDER BY m.number LIMIT $2`,
    [tenantId, limit],
  );
  return r.rows.map((x) => ({ memberId: x.id, accountId: x.account_id }));
}

/** A run-unique tag for idempotency keys and raw sources, so no two executions of any run share one. */
export const runTag = () => `${Date.now().toString(36)}-${process.pid.toString(36)}`;

/** The product's request for the n-th accrual: a manual adjustment below the threshold, its own Idempotency-Key. */
export function accrualRequest(members: AccrualMember[], tag: string) {
  let seq = 0;
  return () => {
    const n = seq++;
    const m = members[n % members.length];
    return { headers: { 'idempotency-key': `${P9_KEY_PREFIX}${tag}-${n}` }, body: { memberId: m.memberId, points: P9_POINTS, reason: P9_REASON } };
  };
}

/**
 * The raw transaction for one accrual, through node-postgres in the harness's process: lock the account row, append
 * the entry with its balance-after, open its lot (expiring by the default policy), update the balance, commit —
 * durable as the product's (synchronous commit as the server has it). One connection per client.
 */
export async function rawAccrual(pool: pg.Pool, tenantId: string, members: AccrualMember[], tag: string, b: Bounds): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let seq = 0;
  const stop = stopper(b);
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (stop.next(latencies.length + errors)) {
        const n = seq++;
        const m = members[n % members.length];
        const t = performance.now();
        try {
          const now = new Date();
          const expires = expiryFor(DEFAULT_LOYALTY_SETTINGS.expiry, now);
          await client.query('BEGIN');
          const a = await client.query<{ balance: string }>('SELECT balance FROM loyalty_accounts WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [tenantId, m.accountId]);
          const after = Number(a.rows[0].balance) + P9_POINTS;
          const e = await client.query<{ id: string }>(
            `INSERT INTO points_entries (tenant_id, account_id, member_id, kind, points, balance_after, source_type, source_id, note, breakdown, expires_at, created_at)
             VALUES ($1, $2, $3, 'adjust', $4, $5, 'request', $6, $7, '[]', $8, $9) RETURNING id`,
            [tenantId, m.accountId, m.memberId, P9_POINTS, after, `${P9_KEY_PREFIX}raw-${tag}-${n}`, P9_REASON, expires, now],
          );
          await client.query(
            'INSERT INTO points_lots (tenant_id, account_id, entry_id, points, remaining, earned_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5, $6)',
            [tenantId, m.accountId, e.rows[0].id, P9_POINTS, now, expires],
          );
          await client.query('UPDATE loyalty_accounts SET balance = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2', [tenantId, m.accountId, after, now]);
          await client.query('COMMIT');
          latencies.push(performance.now() - t);
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          errors++;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: b.concurrency }, worker));
  return summarise(latencies, performance.now() - stop.t0, errors, firstError);
}

// ---------- P17: points expiry over the whole tenant ----------

/** The first nightly run after a year end (00:10 Shanghai, EXPIRE_POINTS_CRON): the night most lots fall due. */
export const EXPIRY_NIGHT = new Date('2027-01-01T00:10:00+08:00');

export interface PointsExpiry {
  /** Lots due that night and the points they hold, of all open lots. */
  dueLots: number;
  duePoints: number;
  openLots: number;
  accounts: number;
  /** Lots per second, each the median of the rounds. */
  productPerS: number;
  rawPerAccountPerS: number;
  rawBatchedPerS: number;
  productS: number;
  rounds: number;
}

/**
 * The raw expiry of the due lots of some accounts in one transaction: lock the accounts, append one `expire` entry
 * per lot (balance-after running within the account, sources as the product writes them), its consumption, empty the
 * lots, lower the balances. Run per account it has the product's transaction shape; per 500 accounts it is the
 * set-based floor.
 */
const RAW_EXPIRE = `
  WITH due AS (
    SELECT l.id, l.account_id, l.remaining, l.expires_at,
           a.balance - sum(l.remaining) OVER (PARTITION BY l.account_id ORDER BY l.expires_at, l.id) AS after
      FROM points_lots l JOIN loyalty_accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
     WHERE l.tenant_id = $1 AND l.account_id = ANY($2::uuid[]) AND l.remaining > 0 AND l.expires_at IS NOT NULL AND l.expires_at <= $3
  ), entries AS (
    INSERT INTO points_entries (tenant_id, account_id, kind, points, balance_after, source_type, source_id, breakdown, created_at)
    SELECT $1, account_id, 'expire', -remaining, after, 'lot', id::text,
           jsonb_build_array(jsonb_build_object('rule', 'expiry', 'lotId', id, 'expiresAt', to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))), $3
      FROM due ORDER BY account_id, expires_at, id
    RETURNING id, account_id, source_id, points
  ), used AS (
    INSERT INTO points_lot_consumptions (tenant_id, account_id, lot_id, entry_id, points, created_at)
    SELECT $1, account_id, source_id::uuid, id, -points, $3 FROM entries
  ), emptied AS (
    UPDATE points_lots SET remaining = 0 WHERE tenant_id = $1 AND id IN (SELECT source_id::uuid FROM entries)
  )
  UPDATE loyalty_accounts a SET balance = a.balance + s.total, updated_at = $3
    FROM (SELECT account_id, sum(points) AS total FROM entries GROUP BY account_id) s
   WHERE a.tenant_id = $1 AND a.id = s.account_id`;

async function rawExpire(pool: pg.Pool, tenantId: string, accounts: string[], perTransaction: number): Promise<void> {
  const client = await pool.connect();
  try {
    for (let i = 0; i < accounts.length; i += perTransaction) {
      const ids = accounts.slice(i, i + perTransaction);
      await client.query('BEGIN');
      await client.query('SELECT id FROM loyalty_accounts WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE', [tenantId, ids]);
      await client.query(RAW_EXPIRE, [tenantId, ids, EXPIRY_NIGHT]);
      await client.query('COMMIT');
    }
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * P17: the night after a year end, every lot earned two years before that still holds points is due. The product:
 * `expireDueLots` as the nightly job calls it (service layer, its own pool; one short transaction per lot). The
 * baselines: the raw SQL above, a transaction per account, and per 500 accounts. Each subject starts from the
 * generated data (its entries are taken back after it), so all expire the same lots.
 */
export async function measurePointsExpiry(
  url: string,
  tenantId: string,
  opts: { rounds: number; log?: (line: string) => void; /** Check each subject's ledger with verifyLedger in round 1 (the smoke run). */ verify?: boolean },
): Promise<PointsExpiry> {
  const log = opts.log ?? (() => {});
  const rounds = opts.rounds;
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'jiake-bench-expiry' });
  pool.on('error', () => {});
  const database = openDatabase(url, 'server', 2);
  try {
    const due = (
      await pool.query<{ lots: number; points: string; accounts: string[]; open: number }>(
        `SELECT count(*) FILTER (WHERE expires_at <= $2)::int AS lots, coalesce(sum(remaining) FILTER (WHERE expires_at <= $2), 0) AS points,
                coalesce(array_agg(DISTINCT account_id) FILTER (WHERE expires_at <= $2), '{}') AS accounts, count(*)::int AS open
           FROM points_lots WHERE tenant_id = $1 AND remaining > 0`,
        [tenantId, EXPIRY_NIGHT],
      )
    ).rows[0];
    if (!due.lots) throw new Error('P17: no lots fall due on the expiry night; the data set has no points ledger');
    const accounts = [...due.accounts].sort();
    const product: number[] = [];
    const perAccount: number[] = [];
    const batched: number[] = [];
    const verify = async (round: number, what: string) => {
      if (!opts.verify || round > 1) return;
      const v = await verifyLedger(database.db as Db, tenantId);
      if (v.mismatches.length) throw new Error(`P17 ${what}: the ledger does not verify: ${JSON.stringify(v.mismatches.slice(0, 3))}`);
    };
    /** Time one subject from the generated state, check what it wrote, then take it back (whatever happened). */
    const subject = async (round: number, what: string, work: () => Promise<unknown>): Promise<number> => {
      const mark = await ledgerMark(pool);
      let seconds: number;
      try {
        const t = performance.now();
        await work();
        seconds = (performance.now() - t) / 1000;
        await verify(round, what);
      } catch (err) {
        await undoLedger(pool, tenantId, mark).catch(() => {});
        throw err;
      }
      const written = await undoLedger(pool, tenantId, mark);
      if (written !== due.lots) throw new Error(`P17 ${what}: ${written} expire entries written for ${due.lots} due lots`);
      return seconds;
    };
    for (let round = 1; round <= rounds; round++) {
      const ctx = systemCtx(database.db as Db, tenantId, () => EXPIRY_NIGHT, 'bench-p17');
      const productS = await subject(round, 'product', async () => {
        const r = await expireDueLots(ctx, EXPIRY_NIGHT);
        if (r.lots !== due.lots) throw new Error(`P17: the product expired ${r.lots} lots, ${due.lots} were due`);
      });
      const perAccountS = await subject(round, 'raw, per account', () => rawExpire(pool, tenantId, accounts, 1));
      const batchedS = await subject(round, 'raw, per 500 accounts', () => rawExpire(pool, tenantId, accounts, 500));
      product.push(due.lots / productS);
      perAccount.push(due.lots / perAccountS);
      batched.push(due.lots / batchedS);
      log(`  p17 expiry ${due.lots} lots of ${accounts.length} accounts: product ${(due.lots / productS).toFixed(0)}/s (${productS.toFixed(1)} s), raw per account ${(due.lots / perAccountS).toFixed(0)}/s, raw per 500 accounts ${(due.lots / batchedS).toFixed(0)}/s`);
    }
    return {
      dueLots: due.lots, duePoints: Number(due.points), openLots: due.open, accounts: accounts.length,
      productPerS: median(product), rawPerAccountPerS: median(perAccount), rawBatchedPerS: median(batched), productS: due.lots / median(product), rounds,
    };
  } finally {
    await database.close();
    await pool.end();
  }
}
