import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../src/platform/db/client.ts';
import { readTogether } from '../../src/platform/db/read-together.ts';
import { type TestApp, testApp } from '../helpers.ts';

// Every warning of this file's process, from its start: node-postgres' "already executing a query" is a deprecation,
// which Node emits once per process, so this file must see it before anything else could.
const warnings: Error[] = [];
process.on('warning', (w) => warnings.push(w));
const QUEUED = 'already executing a query';
const queuedWarnings = () => warnings.filter((w) => w.message.includes(QUEUED));
/** Warnings are emitted on a later tick. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

/** A read that records when it starts and ends, answering its number and the backend that ran it. */
function read(db: DbOrTx, n: number, markers: string[], seconds = 0.05) {
  return async () => {
    markers.push(`start ${n}`);
    const r = await db.execute<{ n: number; pid: number }>(sql`SELECT ${n}::int AS n, pg_backend_pid() AS pid, pg_sleep(${seconds})`);
    markers.push(`end ${n}`);
    return r.rows[0];
  };
}

describe('readTogether', () => {
  it('in a transaction, runs the reads one after another on its connection, answers them in order, and pg does not warn', async () => {
    const markers: string[] = [];
    const rows = await t.deps.db.db.transaction((tx) => readTogether(tx, [read(tx, 1, markers), read(tx, 2, markers), read(tx, 3, markers), read(tx, 4, markers)]));
    expect(markers).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3', 'start 4', 'end 4']);
    expect(rows.map((r) => r.n)).toEqual([1, 2, 3, 4]);
    expect(new Set(rows.map((r) => r.pid)).size).toBe(1);
    await settle();
    expect(queuedWarnings()).toEqual([]);
  });

  it('on the pool, starts every read at once, each on a connection of its own', async () => {
    const db = t.deps.db.db;
    const markers: string[] = [];
    const [a, b] = await readTogether(db, [read(db, 1, markers, 0.2), read(db, 2, markers, 0.2)]);
    expect(markers.slice(0, 2)).toEqual(['start 1', 'start 2']);
    expect([a.n, b.n]).toEqual([1, 2]);
    expect(a.pid).not.toBe(b.pid);
  });

  // The check above is worth something only if the warning would be seen: queue reads on one transaction by hand.
  // (pg 9 refuses such a query instead of warning: then this test goes.)
  it.skipIf(process.noDeprecation)('sees the warning Promise.all over a transaction causes', async () => {
    await t.deps.db.db.transaction(async (tx) => {
      await Promise.all([1, 2, 3, 4].map((n) => tx.execute(sql`SELECT ${n}::int AS n`)));
    });
    await settle();
    expect(queuedWarnings()).toHaveLength(1);
  });
});
