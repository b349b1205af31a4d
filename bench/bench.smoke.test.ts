import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Db } from '../apps/server/src/platform/db/client.ts';
import { verifyLedger } from '../apps/server/src/modules/loyalty/index.ts';
import { normalisePhone } from '../apps/server/src/platform/phone.ts';
import { searchColumns } from '../apps/server/src/modules/customers/customers.repository.ts';
import { dueTimes, loadSettings, targetsFor } from '../apps/server/src/modules/service-requests/sla.service.ts';
import { ensureDataset } from './lib/generator/stages.ts';
import { runBench } from './lib/harness/run-bench.ts';
import { writeResults } from './lib/harness/report.ts';

/**
 * Benchmarks never run in `npm test`; this smoke run of the harness does (size tiny, one round, a few executions),
 * in tenants of its own on the test database. It checks that the harness works and reports every scenario with
 * sane numbers — never the timings themselves.
 */
const url = inject('databaseUrl');
const pool = new pg.Pool({ connectionString: url, max: 2 });
const db = drizzle(pool, { casing: 'snake_case' }) as unknown as Db;
afterAll(() => pool.end());
const code = (what: string) => `bench${what}${Date.now().toString(36)}${process.pid.toString(36)}`;

/**
 * The generated requests against the product's SLA functions: every request's targets and due times are what
 * `targetsFor` and `dueTimes` give for its type, priority, creation, running clock and paused time; some are open; nothing
 * happened after the data set's today. Answers a fingerprint of the requests and of what a sweep writes.
 */
async function checkRequests(tenantId: string, customers: number): Promise<string> {
  const settings = await loadSettings(db, tenantId);
  const rows = (
    await pool.query(
      `SELECT number, type, priority, status, created_at, resolution_clock_from, clock_paused_minutes, first_response_target_minutes AS fr_target,
              resolution_target_minutes AS res_target, first_response_due_at AS fr_due, resolution_due_at AS res_due FROM service_requests WHERE tenant_id = $1`,
      [tenantId],
    )
  ).rows;
  expect(rows.length).toBeGreaterThan(customers * 0.15);
  expect(rows.length).toBeLessThan(customers * 0.3);
  expect(rows.filter((r) => ['new', 'assigned', 'in_progress', 'awaiting_customer'].includes(r.status)).length).toBeGreaterThan(0);
  for (const r of rows) {
    const t = await targetsFor(db, tenantId, r.type, r.priority);
    const due = dueTimes(r.created_at, t, settings, r.resolution_clock_from, r.clock_paused_minutes);
    expect({ n: r.number, frTarget: r.fr_target, resTarget: r.res_target, frDue: r.fr_due?.getTime() ?? null, resDue: r.res_due?.getTime() ?? null }).toEqual({
      n: r.number, frTarget: t?.firstResponseMinutes ?? null, resTarget: t?.resolutionMinutes ?? null,
      frDue: due.firstResponseDueAt?.getTime() ?? null, resDue: due.resolutionDueAt?.getTime() ?? null,
    });
  }
  const state = await pool.query(
    `SELECT (SELECT md5(string_agg(concat_ws('|', id, status, assignee_id, first_response_escalation, resolution_escalation, escalated_to_id, updated_at), ',' ORDER BY id))
               FROM service_requests WHERE tenant_id = $1) AS requests,
            (SELECT count(*)::int FROM service_request_escalations WHERE tenant_id = $1) AS escalations,
            (SELECT count(*)::int FROM service_request_escalations WHERE tenant_id = $1 AND escalated_at >= $2) AS escalations_after,
            (SELECT count(*)::int FROM service_request_activities WHERE tenant_id = $1) AS activities,
            (SELECT count(*)::int FROM service_request_activities WHERE tenant_id = $1 AND created_at >= $2) AS activities_after,
            (SELECT count(*)::int FROM notifications WHERE tenant_id = $1 AND kind = 'request.escalated') AS notifications,
            (SELECT count(*)::int FROM outbox_events WHERE tenant_id = $1 AND type = 'request.escalated') AS events,
            (SELECT count(*)::int FROM audit_log WHERE tenant_id = $1 AND action = 'serviceRequest.escalated') AS audits`,
    [tenantId, '2026-11-01T00:00:00+08:00'],
  );
  expect(state.rows[0]).toMatchObject({ escalations_after: 0, activities_after: 0, notifications: 0, events: 0, audits: 0 });
  expect(state.rows[0].escalations).toBeGreaterThan(0);
  return JSON.stringify(state.rows[0]);
}

describe('benchmark data generator', () => {
  it('writes orders whose totals, payments and returns add up, about five per customer', async () => {
    const d = await ensureDataset(url, { customers: 200, tenantCode: code('o') });
    expect(d.counts.orders).toBeGreaterThan(200 * 3);
    expect(d.counts.orders).toBeLessThan(200 * 8);
    const bad = await pool.query(
      `SELECT o.order_no FROM orders o
        WHERE o.tenant_id = $1
          AND (o.total_fen <> (SELECT sum(l.amount_fen) FROM order_lines l WHERE l.order_id = o.id)
           OR o.returned_fen <> (SELECT sum(l.returned_fen) FROM order_lines l WHERE l.order_id = o.id)
           OR o.paid_fen <> coalesce((SELECT sum(p.amount_fen) FROM order_payments p WHERE p.order_id = o.id), 0)
           OR (o.status IN ('paid', 'delivered', 'completed') AND o.paid_fen <> o.total_fen)
           OR o.customer_id NOT IN (SELECT id FROM customers WHERE tenant_id = o.tenant_id))`,
      [d.tenantId],
    );
    expect(bad.rows).toEqual([]);
    const dup = await pool.query('SELECT order_no FROM orders WHERE tenant_id = $1 GROUP BY order_no HAVING count(*) > 1', [d.tenantId]);
    expect(dup.rows).toEqual([]);
  });

  it('writes a sales pipeline whose opportunities sit in the stage their history ends in', async () => {
    const d = await ensureDataset(url, { customers: 300, tenantCode: code('p') });
    expect(d.counts.leads).toBeGreaterThan(300 * 0.3);
    expect(d.counts.opportunities).toBeGreaterThan(300 * 0.15);
    const bad = await pool.query(
      `SELECT o.id FROM opportunities o
        WHERE o.tenant_id = $1
          AND (o.stage_key <> (SELECT h.to_stage_key FROM opportunity_stage_history h WHERE h.opportunity_id = o.id ORDER BY h.at DESC, h.seq DESC LIMIT 1)
           OR (o.status = 'won') <> (o.won_at IS NOT NULL) OR (o.status = 'lost') <> (o.loss_reason IS NOT NULL)
           OR o.customer_id NOT IN (SELECT id FROM customers WHERE tenant_id = o.tenant_id))`,
      [d.tenantId],
    );
    expect(bad.rows).toEqual([]);
    const converted = await pool.query(`SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1 AND status = 'converted' AND converted_customer_id IS NULL`, [d.tenantId]);
    expect(converted.rows[0].n).toBe(0);
  });

  it('writes a points ledger that the product’s verifyLedger finds balanced, with members, awards, redemptions and expiries as the rules say', async () => {
    const d = await ensureDataset(url, { customers: 400, tenantCode: code('l') });
    const v = await verifyLedger(db, d.tenantId);
    expect(v.mismatches).toEqual([]);
    expect(v).toMatchObject({ accounts: d.counts.members, entries: d.counts.pointsEntries });
    const kinds = (await pool.query(`SELECT kind, count(*)::int AS n FROM points_entries WHERE tenant_id = $1 GROUP BY 1`, [d.tenantId])).rows.map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['earn', 'redeem', 'expire', 'reverse']));
    // About 40 % of the people who bought are members (35–45 % asked; a few hundred customers leave some room).
    const share = (
      await pool.query(
        `SELECT avg((EXISTS (SELECT 1 FROM loyalty_members m WHERE m.customer_id = c.id))::int)::float AS share FROM customers c
          WHERE c.tenant_id = $1 AND c.kind = 'person' AND c.deleted_at IS NULL AND EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.paid_at IS NOT NULL)`,
        [d.tenantId],
      )
    ).rows[0].share;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.5);
    // Members: numbers from the programme's format and the counter, join store = the customer's store.
    const members = (
      await pool.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE m.number ~ '^M[0-9]{8}$')::int AS numbered, count(*) FILTER (WHERE m.join_store_id = c.store_id)::int AS at_store,
                max(m.number) AS last, (SELECT value FROM counters WHERE tenant_id = $1 AND name = 'loyalty_member')::int AS counter
           FROM loyalty_members m JOIN customers c ON c.id = m.customer_id WHERE m.tenant_id = $1`,
        [d.tenantId],
      )
    ).rows[0];
    expect(members).toMatchObject({ n: d.counts.members, numbered: d.counts.members, at_store: d.counts.members, counter: d.counts.members, last: `M${String(d.counts.members).padStart(8, '0')}` });
    // Each earn: floor(paid fen ÷ 100) at 1 point per yuan, for an order paid after enrolment, expiring at the end of the following year (Shanghai).
    const badEarns = await pool.query(
      `SELECT e.id FROM points_entries e JOIN loyalty_order_awards w ON w.earn_entry_id = e.id JOIN orders o ON o.id = e.order_id JOIN loyalty_members m ON m.id = e.member_id
        WHERE e.tenant_id = $1 AND e.kind = 'earn'
          AND (e.points <> floor(least(o.paid_fen, o.total_fen) / 100) OR w.points_earned <> e.points OR o.paid_at < m.enrolled_at
           OR e.expires_at <> (make_date(extract(year FROM e.created_at AT TIME ZONE 'Asia/Shanghai')::int + 2, 1, 1)::timestamp AT TIME ZONE 'Asia/Shanghai'))`,
      [d.tenantId],
    );
    expect(badEarns.rows).toEqual([]);
    // What expired was due by the data set's today; what is left is not.
    const lots = (
      await pool.query(
        `SELECT count(*) FILTER (WHERE remaining > 0 AND expires_at <= $2)::int AS overdue, count(*) FILTER (WHERE remaining > 0 AND expires_at > $2)::int AS open
           FROM points_lots WHERE tenant_id = $1`,
        [d.tenantId, '2026-11-01T00:00:00+08:00'],
      )
    ).rows[0];
    expect(lots.overdue).toBe(0);
    expect(lots.open).toBeGreaterThan(0);
  });

  it('writes the same customers from the same seed, with phones and search columns exactly as the product writes them', async () => {
    const [a, b] = [await ensureDataset(url, { customers: 120, tenantCode: code('a') }), await ensureDataset(url, { customers: 120, tenantCode: code('b') })];
    const rows = async (tenantId: string) =>
      (
        await pool.query(
          `SELECT c.code, c.kind, c.name, c.phones, c.name_pinyin, c.name_initials, c.name_grams, c.created_at, c.tags, c.home_profile,
                  (SELECT json_agg(json_build_object('e164', p.e164, 'digits', p.digits, 'reversed', p.reversed) ORDER BY p.position, p.e164)
                     FROM customer_phones p WHERE p.customer_id = c.id) AS phone_rows
             FROM customers c WHERE c.tenant_id = $1 ORDER BY c.code`,
          [tenantId],
        )
      ).rows;
    const ra = await rows(a.tenantId);
    expect(ra).toHaveLength(120);
    expect(await rows(b.tenantId)).toEqual(ra);
    expect(a.counts).toEqual(b.counts);
    for (const c of ra) {
      expect({ name_pinyin: c.name_pinyin, name_initials: c.name_initials, name_grams: c.name_grams }).toEqual(
        (({ namePinyin, nameInitials, nameGrams }) => ({ name_pinyin: namePinyin, name_initials: nameInitials, name_grams: nameGrams }))(searchColumns(c.name, c.kind)),
      );
      for (const p of c.phone_rows ?? []) {
        const n = normalisePhone(p.e164)!;
        expect(p).toEqual({ e164: n.e164, digits: n.digits, reversed: [...n.digits].reverse().join('') });
      }
    }
    // Asked to reuse, it answers the data set already there.
    const again = await ensureDataset(url, { customers: 120, tenantCode: a.tenantCode, reuse: true });
    expect(again).toMatchObject({ reused: true, tenantId: a.tenantId });
  });
});

describe('benchmark harness (smoke run)', () => {
  it('produces a results table with every scenario row and sane numbers', async () => {
    const dataset = await ensureDataset(url, { customers: 1000, tenantCode: code('smoke') });
    expect(dataset.counts).toMatchObject({ customers: 1000 });
    expect(dataset.counts.stores).toBeGreaterThanOrEqual(3);
    const requestsBefore = await checkRequests(dataset.tenantId, 1000);
    const ledgerBefore = await pool.query(`SELECT count(*)::int AS n, coalesce(sum(balance), 0)::bigint AS points FROM loyalty_accounts a WHERE tenant_id = $1`, [dataset.tenantId]);
    const result = await runBench({
      url, dbKind: inject('databaseKind'), dataset, sizeName: 'tiny', rounds: 1, executions: 20, loadSeconds: 0.3, concurrency: 4, walkPages: 4, followupOrders: 20,
      accrualClients: 16, verifyLedger: true,
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiake-bench-smoke-'));
    const md = fs.readFileSync(writeResults(dir, result), 'utf8');
    fs.rmSync(dir, { recursive: true, force: true });

    for (const id of ['P1', 'P2', 'P3', 'P4', 'P5', 'P9', 'P10', 'P11', 'P13', 'P15', 'P16', 'P17', 'P18']) expect(md).toMatch(new RegExp(`^\\| ${id} \\|`, 'm'));
    for (const id of ['P7', 'P8', 'P12']) expect(md).toMatch(new RegExp(`^\\| ${id} \\| .+ \\| .+ \\|$`, 'm'));
    expect(md).toContain(`Node ${process.version}`);
    expect(result.rows.filter((r) => r.id === 'P5' && r.unit === 'ms')).toHaveLength(5);
    for (const r of result.rows) {
      if (r.unit === 'plans') continue;
      expect(r.product, `${r.id} ${r.measure}`).toBeGreaterThan(0);
      expect(r.baseline, `${r.id} ${r.measure}`).toBeGreaterThan(0);
      expect(Number.isFinite(r.value), `${r.id} ${r.measure}`).toBe(true);
      expect(md).toContain(`| ${r.id} | ${r.scenario} | ${r.measure} |`);
    }
    for (const s of result.subjects) {
      expect(s.errors, `${s.name}: ${s.firstError}`).toBe(0);
      if (s.latency) expect(s.latency.count).toBe(20);
      if (s.load) expect(s.load.count).toBeGreaterThanOrEqual(20);
    }
    expect(result.searches.every((t) => t.sameRows)).toBe(true);
    expect(result.walk.reached).toBe(4);
    expect(result.subjects.find((s) => s.name === 'product.list')!.rssMb).toBeGreaterThan(20);
    expect(result.rows.filter((r) => r.id === 'P9').map((r) => r.measure)).toEqual(['throughput, 1 client', 'throughput, 16 clients', 'p50, 1 client', 'p99, 16 clients']);
    // P14: the product's sweeps escalated every level due (the harness checked each against the database and the raw
    // SQL's), and everything both wrote was taken back: the requests are the generated ones.
    expect(md).toMatch(/^\| P14 \|/m);
    const sla = result.slaSweep!;
    expect(sla.escalations).toBeGreaterThan(0);
    expect(sla).toMatchObject({ productEscalated: sla.escalations, leftAfterProduct: 0 });
    expect(sla.openRequests).toBeGreaterThanOrEqual(sla.dueRequests);
    expect(sla.sweeps).toBeGreaterThanOrEqual(2);
    expect(await checkRequests(dataset.tenantId, 1000)).toBe(requestsBefore);
    // P9 and P17 took back what they appended: the ledger is the generated one, and it verifies.
    const ledgerAfter = await pool.query(`SELECT count(*)::int AS n, coalesce(sum(balance), 0)::bigint AS points FROM loyalty_accounts a WHERE tenant_id = $1`, [dataset.tenantId]);
    expect(ledgerAfter.rows).toEqual(ledgerBefore.rows);
    const v = await verifyLedger(db, dataset.tenantId);
    expect(v.mismatches).toEqual([]);
    expect(v.entries).toBe(dataset.counts.pointsEntries);
    // P6 imported its CSV through the product (the harness checked the rows in the database) and took it all back.
    const p6 = result.imports!;
    expect(p6).toMatchObject({ rows: 500, files: 1 });
    expect(p6.created).toBeGreaterThan(p6.rows * 0.8);
    expect(p6.created + p6.duplicates + p6.failed).toBe(p6.rows);
    expect(p6.duplicates).toBeGreaterThan(0);
    expect(p6.failed).toBeGreaterThan(0);
    expect(p6.phones).toBeGreaterThan(p6.created);
    expect(result.rows.filter((r) => r.id === 'P6').map((r) => r.unit)).toEqual(['rows/s', 'MiB']);
    const left = await pool.query(
      `SELECT (SELECT count(*)::int FROM customers WHERE tenant_id = $1) AS customers, (SELECT count(*)::int FROM imported_rows WHERE tenant_id = $1) AS claims,
              (SELECT count(*)::int FROM customer_imports WHERE tenant_id = $1) AS uploads, (SELECT value::int FROM counters WHERE tenant_id = $1 AND name = 'customer') AS counter`,
      [dataset.tenantId],
    );
    expect(left.rows[0]).toEqual({ customers: 1000, claims: 0, uploads: 0, counter: 1000 });
  }, 240_000);
});
