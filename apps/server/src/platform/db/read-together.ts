import { is } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.ts';

type Reads<T extends readonly unknown[]> = { [K in keyof T]: () => Promise<T[K]> | T[K] };

/**
 * Independent reads of one answer: at once on the pool (each takes a connection of its own), one after another in a
 * transaction, whose one connection runs one query at a time. node-postgres queues a second query sent while one
 * runs, with a deprecation warning; pg 9 will refuse it. Each read is a function, so a transaction's wait for its turn.
 */
export async function readTogether<T extends readonly unknown[]>(db: DbOrTx, reads: Reads<T>): Promise<T> {
  if (!is(db, PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const out: unknown[] = [];
  for (const read of reads) out.push(await read());
  return out as unknown as T;
}
