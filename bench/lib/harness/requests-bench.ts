import pg from 'pg';
import { OPEN_REQUEST_STATUSES } from '@jiake/shared';
import { openDatabase, type Db } from '../../../apps/server/src/platform/db/client.ts';
import { systemCtx } from '../../../apps/server/src/platform/jobs/system-ctx.ts';
import { levelDueAt, MAX_LEVEL, sweepSla } from '../../../apps/server/src/modules/service-requests/escalation.service.ts';
import { loadSettings } from '../../../apps/server/src/modules/service-requests/sla.service.ts';
import type { BusinessCalendar } from '../../../apps/server/src/modules/service-requests/business-time.ts';
import { AS_OF } from '../generator/stages.ts';
import { asReplica, inTransaction } from '../generator/support.ts';
import type { Row } from './run-bench.ts';

/**
 * P14, the SLA sweep over the whole tenant: the product's `sweepSla` (as the cron `requests.slaSweep` calls it, service
 * layer, in this process) against raw SQL doing the same escalations in the product's transaction shape. Both write
 * into the data set; `undoSlaSweep` takes back everything written after the data set's today, so every subject and
 * every run starts from the generated requests.
 */

/**
 * The sweep's instant: Monday two weeks after the data set's today, the data untouched since, so every running clock
 * of every open request is past both escalation levels — the sweep after the job runner was down (the generator
 * already leaves the last week before today unswept), the heaviest one the product meets.
 */
export const SLA_SWEEP_AT = new Date('2026-11-16T09:00:00+08:00');
const OPEN = OPEN_REQUEST_STATUSES as readonly string[];

type Breach = 'first_response' | 'resolution';

interface OpenRequest {
  id: string;
  first_response_due_at: Date | null;
  resolution_due_at: Date | null;
  first_response_at: Date | null;
  resolved_at: Date | null;
  paused_at: Date | null;
  first_response_target_minutes: number | null;
  resolution_target_minutes: number | null;
  escalation_step_minutes: number | null;
  first_response_escalation: number;
  resolution_escalation: number;
  reopen_count: number;
}

const REQUEST_COLUMNS = `id, first_response_due_at, resolution_due_at, first_response_at, resolved_at, paused_at, first_response_target_minutes,
  resolution_target_minutes, escalation_step_minutes, first_response_escalation, resolution_escalation, reopen_count`;

/** The levels of one clock due at `now` and not reached yet: the product's rule (escalation.service.ts dueLevels). */
export function dueLevels(r: OpenRequest, breach: Breach, now: Date, cal: BusinessCalendar): { levels: number[]; due: Date } | null {
  const due = breach === 'first_response' ? r.first_response_due_at : r.resolution_due_at;
  const target = breach === 'first_response' ? r.first_response_target_minutes : r.resolution_target_minutes;
  const reached = breach === 'first_response' ? r.first_response_escalation : r.resolution_escalation;
  if (!due || due > now) return null;
  if (breach === 'first_response' && r.first_response_at) return null;
  if (breach === 'resolution' && (r.resolved_at || r.paused_at)) return null;
  const step = r.escalation_step_minutes ?? target ?? 60;
  const levels: number[] = [];
  for (let level = reached + 1; level <= MAX_LEVEL; level++) if (levelDueAt(due, level, step, cal) <= now) levels.push(level);
  return levels.length ? { levels, due } : null;
}

/** The product's candidate filter (open, a clock past due below the top level), oldest breach first. */
const CANDIDATES = `SELECT ${REQUEST_COLUMNS} FROM service_requests
  WHERE tenant_id = $1 AND status = ANY($3::text[])
    AND ((first_response_at IS NULL AND first_response_due_at <= $2 AND first_response_escalation < ${MAX_LEVEL})
      OR (resolved_at IS NULL AND paused_at IS NULL AND resolution_due_at <= $2 AND resolution_escalation < ${MAX_LEVEL}))
  ORDER BY LEAST(first_response_due_at, resolution_due_at), id`;

/** One escalation level of one locked request, everything the product writes for it, in one statement. */
const RAW_ESCALATE = `
  WITH r AS (
    SELECT id, number, subject, type, customer_id, store_id, order_id, assignee_id, escalated_to_id, first_response_escalation, resolution_escalation
      FROM service_requests WHERE tenant_id = $1 AND id = $2
  ), st AS (
    SELECT o.id, o.parent_id, o.path FROM org_units o, r
     WHERE o.tenant_id = $1 AND o.id = coalesce(r.store_id, (SELECT h.id FROM org_units h WHERE h.tenant_id = $1 AND h.parent_id IS NULL LIMIT 1))
  ), up AS (
    SELECT o.path FROM org_units o, st WHERE o.tenant_id = $1 AND o.id = coalesce(st.parent_id, st.id)
  ), reviewers AS (
    SELECT u.id, u.unit_id, ou.path FROM users u JOIN org_units ou ON ou.id = u.unit_id
     WHERE u.tenant_id = $1 AND u.status = 'active'
       AND EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id WHERE ur.user_id = u.id AND 'requests:review' = ANY (ro.permissions))
  ), target AS (
    SELECT id, unit_id FROM (
      (SELECT 1 AS pri, b.id, b.unit_id FROM r JOIN users a ON a.tenant_id = $1 AND a.id = r.assignee_id JOIN users b ON b.tenant_id = $1 AND b.id = a.supervisor_id
        WHERE $4::int = 1 AND b.status = 'active')
      UNION ALL
      (SELECT 2, v.id, v.unit_id FROM reviewers v, st, r WHERE $4::int = 1 AND st.path LIKE v.path || '%' AND v.id IS DISTINCT FROM r.assignee_id
        ORDER BY length(v.path) DESC, v.id LIMIT 1)
      UNION ALL
      (SELECT 3, v.id, v.unit_id FROM reviewers v, up, r
        WHERE $4::int > 1 AND up.path LIKE v.path || '%' AND v.id IS DISTINCT FROM r.assignee_id AND v.id IS DISTINCT FROM r.escalated_to_id
        ORDER BY length(v.path) DESC, v.id LIMIT 1)
      UNION ALL
      (SELECT 4, v.id, v.unit_id FROM reviewers v, up, r WHERE $4::int > 1 AND up.path LIKE v.path || '%' AND v.id IS DISTINCT FROM r.assignee_id
        ORDER BY length(v.path) DESC, v.id LIMIT 1)
    ) t ORDER BY pri LIMIT 1
  ), esc AS (
    INSERT INTO service_request_escalations (tenant_id, request_id, breach, level, cycle, due_at, from_user_id, to_user_id, to_unit_id, escalated_at)
    SELECT $1, r.id, $3::text, $4::int, $7::int, $5::timestamptz, r.assignee_id, target.id, target.unit_id, $6::timestamptz FROM r LEFT JOIN target ON true
    ON CONFLICT DO NOTHING RETURNING id, to_user_id, to_unit_id
  ), upd AS (
    UPDATE service_requests s
       SET first_response_escalation = CASE WHEN $3::text = 'first_response' THEN $4::int ELSE s.first_response_escalation END,
           resolution_escalation = CASE WHEN $3::text = 'resolution' THEN $4::int ELSE s.resolution_escalation END,
           escalated_to_id = coalesce(esc.to_user_id, s.escalated_to_id), updated_at = $6::timestamptz
      FROM esc WHERE s.tenant_id = $1 AND s.id = $2
  ), act AS (
    INSERT INTO service_request_activities (tenant_id, request_id, kind, public, actor_kind, actor_name, meta, created_at)
    SELECT $1, r.id, 'escalation', false, 'system', 'system',
           jsonb_build_object('escalationId', esc.id, 'breach', $3::text, 'level', $4::int, 'dueAt', $8::text, 'fromUserId', r.assignee_id,
                              'toUserId', esc.to_user_id, 'toUnitId', esc.to_unit_id, 'reassigned', false), $6::timestamptz
      FROM esc, r
  ), ev AS (
    INSERT INTO outbox_events (tenant_id, type, aggregate_type, aggregate_id, payload, actor_id, occurred_at)
    SELECT $1, 'request.escalated', 'serviceRequest', r.id,
           jsonb_build_object('requestId', r.id, 'requestNo', r.number, 'type', r.type, 'customerId', r.customer_id, 'storeId', r.store_id, 'orderId', r.order_id,
                              'level', $4::int, 'breach', $3::text, 'fromUserId', r.assignee_id, 'toUserId', esc.to_user_id), NULL, $6::timestamptz
      FROM esc, r RETURNING id
  ), note AS (
    INSERT INTO notifications (tenant_id, user_id, kind, params, link, entity_type, entity_id, dedupe_key, created_at, updated_at)
    SELECT $1, esc.to_user_id, 'request.escalated', jsonb_build_object('number', r.number, 'subject', r.subject, 'level', $4::int, 'breach', $3::text),
           '/requests/' || r.id, 'serviceRequest', r.id, 'event:' || ev.id, $6::timestamptz, $6::timestamptz
      FROM esc, r, ev WHERE esc.to_user_id IS NOT NULL
    ON CONFLICT DO NOTHING
  ), audit AS (
    INSERT INTO audit_log (tenant_id, actor_id, actor_kind, actor_name, action, entity_type, entity_id, changes, meta, ip, request_id)
    SELECT $1, NULL, 'system', 'system', 'serviceRequest.escalated', 'serviceRequest', r.id,
           (SELECT coalesce(jsonb_agg(c), '[]') FROM (VALUES
              (jsonb_build_object('field', CASE WHEN $3::text = 'first_response' THEN 'firstResponseEscalation' ELSE 'resolutionEscalation' END,
                                  'before', CASE WHEN $3::text = 'first_response' THEN r.first_response_escalation ELSE r.resolution_escalation END, 'after', $4::int)),
              (jsonb_build_object('field', 'escalatedToId', 'before', r.escalated_to_id, 'after', coalesce(esc.to_user_id, r.escalated_to_id)))
            ) v(c) WHERE c->'before' IS DISTINCT FROM c->'after'),
           jsonb_build_object('escalationId', esc.id, 'breach', $3::text, 'level', $4::int, 'dueAt', $8::text, 'toUserId', esc.to_user_id), NULL, 'bench-p14-raw'
      FROM esc, r
  )
  SELECT count(*)::int AS n FROM esc`;

/**
 * The raw sweep: find the open requests past due (one query, the product's filter), then per request a transaction —
 * lock it, work out its due levels by the product's rule, and per level one statement writing what the product writes
 * (the escalation, the request's marker, the timeline entry, the outbox event, the notification, the audit row).
 */
async function rawSweep(pool: pg.Pool, tenantId: string, now: Date, cal: BusinessCalendar): Promise<{ escalated: number; statements: number }> {
  const client = await pool.connect();
  let escalated = 0;
  let statements = 1;
  try {
    const candidates = await client.query<{ id: string }>(CANDIDATES, [tenantId, now, OPEN]);
    for (const { id } of candidates.rows) {
      await client.query('BEGIN');
      const locked = await client.query<OpenRequest>(`SELECT ${REQUEST_COLUMNS} FROM service_requests WHERE tenant_id = $1 AND id = $2 AND status = ANY($3::text[]) FOR UPDATE`, [tenantId, id, OPEN]);
      statements += 3;
      const r = locked.rows[0];
      if (r) {
        for (const breach of ['first_response', 'resolution'] as const) {
          const due = dueLevels(r, breach, now, cal);
          if (!due) continue;
          for (const level of due.levels) {
            const res = await client.query<{ n: number }>(RAW_ESCALATE, [tenantId, id, breach, level, due.due, now, breach === 'resolution' ? r.reopen_count : 0, due.due.toISOString()]);
            escalated += res.rows[0].n;
            statements++;
          }
        }
      }
      await client.query('COMMIT');
    }
    return { escalated, statements };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Take back everything written into the tenant's requests after the data set's today (by P14's subjects, or by a
 * product's cron at the wall clock): escalations, their timeline entries, notifications, outbox events (and
 * deliveries) and audit rows go; each touched request gets its markers back from the escalations that stay (levels of
 * the current cycle, the last person escalated to) and its updated_at from its timeline, as the generator wrote them.
 * Audit rows are append-only: with triggers off for the transaction (a superuser's right), else they stay.
 */
export async function undoSlaSweep(pool: pg.Pool, tenantId: string, log: (line: string) => void = () => {}): Promise<number> {
  const work = async (c: pg.PoolClient, audit: boolean) => {
    const since = AS_OF;
    await c.query('CREATE TEMP TABLE bench_p14_undo ON COMMIT DROP AS SELECT id, request_id FROM service_request_escalations WHERE tenant_id = $1 AND escalated_at > $2', [tenantId, since]);
    const n = (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_p14_undo')).rows[0].n;
    await c.query('DELETE FROM service_request_escalations WHERE tenant_id = $1 AND id IN (SELECT id FROM bench_p14_undo)', [tenantId]);
    await c.query(`DELETE FROM service_request_activities WHERE tenant_id = $1 AND kind = 'escalation' AND created_at > $2`, [tenantId, since]);
    await c.query(`DELETE FROM notifications WHERE tenant_id = $1 AND kind = 'request.escalated' AND created_at > $2`, [tenantId, since]);
    const events = `SELECT id FROM outbox_events WHERE tenant_id = $1 AND type = 'request.escalated' AND occurred_at > $2`;
    await c.query(`DELETE FROM event_deliveries WHERE tenant_id = $1 AND event_id IN (${events})`, [tenantId, since]);
    await c.query(`DELETE FROM outbox_events WHERE id IN (${events})`, [tenantId, since]);
    if (audit) await c.query(`DELETE FROM audit_log WHERE tenant_id = $1 AND action = 'serviceRequest.escalated' AND at > $2`, [tenantId, since]);
    await c.query(
      `UPDATE service_requests s SET
          first_response_escalation = coalesce((SELECT max(e.level) FROM service_request_escalations e WHERE e.tenant_id = $1 AND e.request_id = s.id AND e.breach = 'first_response'), 0),
          resolution_escalation = coalesce((SELECT max(e.level) FROM service_request_escalations e
                                             WHERE e.tenant_id = $1 AND e.request_id = s.id AND e.breach = 'resolution' AND e.cycle = s.reopen_count), 0),
          escalated_to_id = (SELECT e.to_user_id FROM service_request_escalations e WHERE e.tenant_id = $1 AND e.request_id = s.id AND e.to_user_id IS NOT NULL
                              ORDER BY e.escalated_at DESC, e.breach DESC, e.level DESC LIMIT 1),
          updated_at = (SELECT max(a.created_at) FROM service_request_activities a WHERE a.tenant_id = $1 AND a.request_id = s.id)
        WHERE s.tenant_id = $1 AND (s.id IN (SELECT request_id FROM bench_p14_undo) OR s.updated_at > $2)`,
      [tenantId, since],
    );
    return n;
  };
  try {
    return await asReplica(pool, (c) => work(c, true));
  } catch (err) {
    if ((err as { code?: string }).code !== '42501') throw err;
    log('P14: not a superuser, the audit rows of the sweeps stay');
    return inTransaction(pool, (c) => work(c, false));
  }
}

/** What the tenant's requests look like: to check that a subject's undo restored the generated state exactly. */
async function fingerprint(pool: pg.Pool, tenantId: string): Promise<string> {
  const r = await pool.query<{ f: string }>(
    `SELECT concat_ws(' ',
       (SELECT md5(string_agg(concat_ws('|', id, status, assignee_id, first_response_escalation, resolution_escalation, escalated_to_id, updated_at), ',' ORDER BY id))
          FROM service_requests WHERE tenant_id = $1),
       (SELECT count(*) FROM service_request_escalations WHERE tenant_id = $1), (SELECT count(*) FROM service_request_activities WHERE tenant_id = $1),
       (SELECT count(*) FROM notifications WHERE tenant_id = $1 AND kind = 'request.escalated'),
       (SELECT count(*) FROM outbox_events WHERE tenant_id = $1 AND type = 'request.escalated')) AS f`,
    [tenantId],
  );
  return r.rows[0].f;
}

/** What a subject wrote (rows after the data set's today), the escalations listed to compare the subjects. */
async function written(pool: pg.Pool, tenantId: string) {
  const since = AS_OF;
  const r = await pool.query<{ escalations: string[]; activities: number; notifications: number; events: number; audits: number }>(
    `SELECT (SELECT coalesce(array_agg(concat_ws('|', request_id, breach, level, cycle, due_at, from_user_id, to_user_id, to_unit_id) ORDER BY request_id, breach, level), '{}')
               FROM service_request_escalations WHERE tenant_id = $1 AND escalated_at > $2) AS escalations,
            (SELECT count(*)::int FROM service_request_activities WHERE tenant_id = $1 AND kind = 'escalation' AND created_at > $2) AS activities,
            (SELECT count(*)::int FROM notifications WHERE tenant_id = $1 AND kind = 'request.escalated' AND created_at > $2) AS notifications,
            (SELECT count(*)::int FROM outbox_events WHERE tenant_id = $1 AND type = 'request.escalated' AND occurred_at > $2) AS events,
            (SELECT count(*)::int FROM audit_log WHERE tenant_id = $1 AND action = 'serviceRequest.escalated' AND at > $2) AS audits`,
    [tenantId, since],
  );
  return r.rows[0];
}

/** Count the statements run on a pool's connections (pool.query runs on one too), to say what a sweep costs. */
function countStatements(pool: pg.Pool) {
  const counter = { n: 0 };
  type Q = (...args: unknown[]) => unknown;
  pool.on('connect', (client) => {
    const target = client as unknown as { query: Q };
    const query = target.query.bind(target);
    target.query = (...args: unknown[]) => {
      counter.n++;
      return query(...args);
    };
  });
  return counter;
}

export interface SlaSweep {
  /** Open requests at the sweep's instant, and those with an escalation level due. */
  openRequests: number;
  dueRequests: number;
  /** Escalations (levels) each subject made: the same set for the product and the raw SQL. */
  escalations: number;
  /** Sweeps the product ran until one found nothing left to escalate (that last one included). */
  sweeps: number;
  productPerS: number;
  rawPerS: number;
  productS: number;
  /** Statements per escalation: the product's (pool-level count) and the raw baseline's. */
  productStatements: number;
  rawStatements: number;
  /** Rows each subject wrote besides the escalations (timeline entries, notifications, events, audit rows). */
  rowsPerEscalation: number;
  /** What the product's sweeps said they escalated (last round), and the open requests with a level still due after them. */
  productEscalated: number;
  leftAfterProduct: number;
  rounds: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * P14: at SLA_SWEEP_AT the product sweeps the tenant as the cron does — `sweepSla(ctx, now)` with a system context,
 * again and again (each sweep looks at up to 200 requests, the oldest breaches first) until a sweep escalates nothing —
 * and the raw SQL does the same escalations (checked: the same set, the same rows written). Each subject starts from
 * the generated requests and is taken back after (checked against a fingerprint of the requests).
 */
export async function measureSlaSweep(url: string, tenantId: string, opts: { rounds: number; log?: (line: string) => void }): Promise<SlaSweep> {
  const log = opts.log ?? (() => {});
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'jiake-bench-sla' });
  pool.on('error', () => {});
  const database = openDatabase(url, 'server', 2);
  const counter = countStatements(database.pool);
  try {
    const db = database.db as Db;
    const settings = await loadSettings(db, tenantId);
    if (settings.reassignOnEscalation) throw new Error('P14 expects the default request settings (no reassignment on escalation)');
    // Anything a crashed run or a cron at the wall clock left: back to the generated state first.
    await undoSlaSweep(pool, tenantId, log);
    const generated = await fingerprint(pool, tenantId);
    const open = await pool.query<OpenRequest>(`SELECT ${REQUEST_COLUMNS} FROM service_requests WHERE tenant_id = $1 AND status = ANY($2::text[])`, [tenantId, OPEN]);
    const plan = open.rows.map((r) => (['first_response', 'resolution'] as const).reduce((n, b) => n + (dueLevels(r, b, SLA_SWEEP_AT, settings)?.levels.length ?? 0), 0));
    const expected = plan.reduce((a, b) => a + b, 0);
    const dueRequests = plan.filter((n) => n > 0).length;
    if (!expected) throw new Error('P14: no open request is past due at the sweep; the data set has no requests (generator before v5?)');

    const subject = async (what: string, work: () => Promise<number>) => {
      let seconds: number;
      let made: Awaited<ReturnType<typeof written>>;
      let escalated: number;
      let left: number;
      try {
        const t = performance.now();
        escalated = await work();
        seconds = (performance.now() - t) / 1000;
        made = await written(pool, tenantId);
        if (escalated !== expected || made.escalations.length !== expected) throw new Error(`P14 ${what}: ${escalated} escalations reported, ${made.escalations.length} written, ${expected} due`);
        left = (await pool.query<OpenRequest>(`SELECT ${REQUEST_COLUMNS} FROM service_requests WHERE tenant_id = $1 AND status = ANY($2::text[])`, [tenantId, OPEN])).rows
          .filter((r) => dueLevels(r, 'first_response', SLA_SWEEP_AT, settings) || dueLevels(r, 'resolution', SLA_SWEEP_AT, settings)).length;
        if (left) throw new Error(`P14 ${what}: ${left} open requests still have an escalation due`);
      } finally {
        await undoSlaSweep(pool, tenantId, log);
      }
      if ((await fingerprint(pool, tenantId)) !== generated) throw new Error(`P14 ${what}: the requests are not back to the generated state`);
      return { seconds, made, escalated, left };
    };

    const product: number[] = [];
    const raw: number[] = [];
    let sweeps = 0;
    let productStatements = 0;
    let rawStatements = 0;
    let rowsPerEscalation = 0;
    let productEscalated = 0;
    let leftAfterProduct = -1;
    for (let round = 1; round <= opts.rounds; round++) {
      const ctx = systemCtx(db, tenantId, () => SLA_SWEEP_AT, 'bench-p14');
      sweeps = 0;
      counter.n = 0;
      const p = await subject('product', async () => {
        let total = 0;
        for (;;) {
          const r = await sweepSla(ctx, SLA_SWEEP_AT);
          sweeps++;
          total += r.escalated;
          if (!r.escalated || sweeps > 100_000) return total;
        }
      });
      productStatements = counter.n / expected;
      productEscalated = p.escalated;
      leftAfterProduct = p.left;
      let rawCount = 0;
      const q = await subject('raw', async () => {
        const r = await rawSweep(pool, tenantId, SLA_SWEEP_AT, settings);
        rawCount = r.statements;
        return r.escalated;
      });
      rawStatements = rawCount / expected;
      const { escalations: pe, ...pr } = p.made;
      const { escalations: qe, ...qr } = q.made;
      if (JSON.stringify(pe) !== JSON.stringify(qe) || JSON.stringify(pr) !== JSON.stringify(qr)) {
        throw new Error(`P14: the raw sweep wrote other rows than the product: ${JSON.stringify(qr)} against ${JSON.stringify(pr)}, escalations ${pe.find((x, i) => x !== qe[i]) ?? ''}`);
      }
      rowsPerEscalation = (pr.activities + pr.notifications + pr.events + pr.audits) / expected;
      product.push(expected / p.seconds);
      raw.push(expected / q.seconds);
      log(`  p14 sla sweep ${expected} escalations of ${dueRequests} requests (${open.rows.length} open): product ${(expected / p.seconds).toFixed(0)}/s in ${sweeps} sweeps (${p.seconds.toFixed(2)} s), raw ${(expected / q.seconds).toFixed(0)}/s (${q.seconds.toFixed(2)} s)`);
    }
    return {
      openRequests: open.rows.length, dueRequests, escalations: expected, sweeps, productPerS: median(product), rawPerS: median(raw), productS: expected / median(product),
      productStatements, rawStatements, rowsPerEscalation, productEscalated, leftAfterProduct, rounds: opts.rounds,
    };
  } finally {
    await database.close();
    await pool.end();
  }
}

/** P14 rows: the product's sweep against the raw SQL in its transaction shape (a transaction per request). */
export function slaSweepRows(x: SlaSweep): Row[] {
  const scenario = `SLA sweep over all open requests (sweepSla, as the cron runs it), ${SLA_SWEEP_AT.toISOString().slice(0, 10)} 09:00 Shanghai`;
  const measure = `escalations/s, ${x.escalations.toLocaleString('en-US')} escalations of ${x.dueRequests.toLocaleString('en-US')} requests (of ${x.openRequests.toLocaleString('en-US')} open)`;
  const value = x.productPerS / x.rawPerS;
  const note = `${x.sweeps} sweeps of up to 200 requests (the last finds nothing) in ${x.productS.toFixed(1)} s; ${x.productStatements.toFixed(1)} statements per escalation against the raw ${x.rawStatements.toFixed(1)} (the product walks the org tree a query at a time, locks and audits through updateScoped, emits and notifies in separate statements); ${x.rowsPerEscalation.toFixed(0)} rows written besides each escalation`;
  return [
    {
      id: 'P14', scenario, measure, product: x.productPerS, baseline: x.rawPerS, baselineLabel: 'raw SQL writing the same rows, a transaction per request', unit: 'escalations/s',
      compare: 'ratio', value, target: '≥ 0.5× (proposed)', pass: Number.isFinite(value) && value >= 0.5, note,
    },
  ];
}
