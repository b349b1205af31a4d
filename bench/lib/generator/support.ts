import type pg from 'pg';
import { Rng } from '../../../apps/server/src/demo/random.ts';

/** A seed for one named stream: adding a stage or a field to one stream never shifts the others. */
export function streamSeed(seed: number, customers: number, name: string): number {
  let h = (seed ^ 0x9e3779b9 ^ Math.imul(customers, 0x85ebca6b)) >>> 0;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

export const stream = (seed: number, customers: number, name: string) => new Rng(streamSeed(seed, customers, name));

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A version-4-shaped UUID from the seeded generator: the same ids on every machine. */
export function uuidFrom(r: Rng): string {
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const x = Math.floor(r.next() * 4294967296) >>> 0;
    b.push(x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255);
  }
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.map((x) => HEX[x]);
  return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10).join('')}`;
}

/** Cumulative weights for picking by a Zipf-like law: a flagship store holds far more customers than the smallest. */
export function zipf(n: number, s = 1): Float64Array {
  const cum = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cum[i] = total += 1 / (i + 1) ** s;
  for (let i = 0; i < n; i++) cum[i] /= total;
  return cum;
}

export function pickCumulative(cum: Float64Array, u: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Multi-row insert of rows given as objects keyed by column name (every row has the same keys): one statement, one
 * parameter, `json_populate_recordset` turns the JSON into typed rows (arrays → text[], objects → jsonb, ISO strings →
 * timestamptz). No COPY client is installed; this is the product's multi-row path, in batches of about 1,000.
 */
export async function insertRows(db: pg.Pool | pg.PoolClient, table: string, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  const cols = Object.keys(rows[0]).map((c) => `"${c}"`).join(', ');
  await db.query(`INSERT INTO ${table} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${table}, $1::json)`, [JSON.stringify(rows)]);
}

/** Progress lines: count, rate and time left, at most every `everyMs`. */
export function progressMeter(label: string, total: number, out: (line: string) => void, everyMs = 2000) {
  const started = Date.now();
  let last = 0;
  let shown = -1;
  return (done: number, force = false) => {
    const now = Date.now();
    if (done === shown || (!force && now - last < everyMs && done < total)) return;
    last = now;
    shown = done;
    const secs = (now - started) / 1000;
    const rate = done / Math.max(secs, 0.001);
    const eta = rate > 0 ? (total - done) / rate : 0;
    out(`${label} ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}  ${Math.round(rate).toLocaleString('en-US')}/s  ${secs.toFixed(1)} s${done < total ? `, about ${Math.ceil(eta)} s left` : ''}`);
  };
}

/** Run `work` in a transaction on a connection of its own: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, opts: { replica?: boolean } = {}): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (opts.replica) await client.query('SET LOCAL session_replication_role = replica');
    const out = await work(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Run `work` in a transaction with triggers off (`session_replication_role = replica`): the benchmark's way past the
 * append-only triggers of its own tenant's ledger (dropping a data set, undoing what a scenario appended). Needs a
 * superuser, as the embedded cluster's `postgres` is; anything else gets PostgreSQL's refusal.
 */
export const asReplica = <T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => inTransaction(pool, work, { replica: true });
