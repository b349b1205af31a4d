import type pg from 'pg';
import { stopper, summarise, type Bounds, type Sample } from './stats.ts';

/** One SQL statement as node-postgres receives it. */
export interface Statement {
  /** Set when the product runs it as a named prepared statement; the baselines then do too. */
  name?: string;
  text: string;
  values: unknown[];
}

/** Run the statements one after another per execution, on `concurrency` dedicated connections: the raw baseline. */
export async function sqlLoad(pool: pg.Pool, statements: Statement[], b: Bounds): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const stop = stopper(b);
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (stop.next(latencies.length + errors)) {
        const t = performance.now();
        try {
          for (const s of statements) await client.query({ name: s.name, text: s.text, values: s.values });
          latencies.push(performance.now() - t);
        } catch (err) {
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
