import pg from 'pg';
import type { Rng } from '../../../apps/server/src/demo/random.ts';
import { openDatabase } from '../../../apps/server/src/platform/db/client.ts';
import { createTenant } from '../../../apps/server/src/platform/tenancy/tenancy.service.ts';
import { hashPassword } from '../../../apps/server/src/platform/auth/password.ts';
import { orgStage, type OrgPlan } from './org.ts';
import { customersStage } from './customers.ts';
import { ordersStage } from './orders.ts';
import { pipelineStage } from './pipeline.ts';
import { pointsStage } from './points.ts';
import { requestsStage } from './requests.ts';
import { asReplica, stream } from './support.ts';

/** Bump when the generated data changes shape: a data set of another version is regenerated, never reused. */
export const GENERATOR_VERSION = 5;
export const DEFAULT_SEED = 20261122;
export const BENCH_PASSWORD = 'bench-pass-1';
/** "Today" of the generated data: times are spread before it, so the data are the same whenever generated. */
export const AS_OF = new Date('2026-11-01T00:00:00+08:00');

export interface GenContext {
  pool: pg.Pool;
  tenantId: string;
  hq: { id: string; path: string };
  customers: number;
  seed: number;
  asOf: Date;
  batchSize: number;
  /** One scrypt hash shared by every generated user (password BENCH_PASSWORD). */
  passwordHash: string;
  roleId(name: string): string;
  /** A seeded stream of its own per name: the content, the same for every tenant code. */
  rng(name: string): Rng;
  /** A seeded stream for ids, which also depends on the tenant code: two data sets of one seed can share a database. */
  idRng(name: string): Rng;
  log(line: string): void;
  /** Filled by the org stage, read by the stages after it. */
  org?: OrgPlan;
}

/** One step of the generator; answers the counts it made (shown in the benchmark's data line). */
export interface Stage {
  name: string;
  run(g: GenContext): Promise<Record<string, number>>;
}

/**
 * The data stages, in order. Later issues add theirs here, each with its own seeded stream so existing data does not
 * change: orders with lines and payments (about 5 per customer, the catalogue first), the sales pipeline (leads,
 * opportunities with stage history, activities), the loyalty points ledger (members, accounts, entries, lots,
 * awards, redemptions, expiries) and customer requests (with their timelines and escalations) are here. A stage reads
 * what earlier ones made from `g` (org plan) or from the database (customers by code, orders by customer).
 */
export const STAGES: Stage[] = [orgStage, customersStage, ordersStage, pipelineStage, pointsStage, requestsStage];

/** The tables the generator fills, vacuumed and analysed after generating (and after dropping an earlier data set). */
const GENERATED_TABLES = [
  'customers', 'customer_phones', 'customer_contacts', 'org_units', 'users', 'user_roles', 'products', 'orders', 'order_lines', 'order_payments',
  'leads', 'lead_phones', 'opportunities', 'opportunity_stage_history', 'sales_activities',
  'loyalty_members', 'loyalty_consents', 'loyalty_accounts', 'points_entries', 'points_lots', 'points_lot_consumptions', 'loyalty_order_awards',
  'loyalty_redemptions', 'loyalty_adjustments', 'loyalty_gifts',
  'service_requests', 'service_request_activities', 'service_request_escalations',
].join(', ');

export interface Dataset {
  tenantId: string;
  tenantCode: string;
  customers: number;
  seed: number;
  version: number;
  admin: { username: string; password: string };
  counts: Record<string, number>;
  /** Seconds per stage, and in total, when it was generated. */
  timings: Record<string, number>;
  generatedAt: string;
  reused: boolean;
}

export interface DatasetOptions {
  customers: number;
  seed?: number;
  /** Keep a complete data set of the same size, seed and generator version instead of regenerating it. */
  reuse?: boolean;
  /** Default `bench<customers>`; the smoke test uses a code of its own. */
  tenantCode?: string;
  batchSize?: number;
  log?: (line: string) => void;
}

export const benchTenantCode = (customers: number) => `bench${customers}`;

/** Build (or reuse) the deterministic benchmark tenant of `customers` customers in the database at `url`. */
export async function ensureDataset(url: string, opts: DatasetOptions): Promise<Dataset> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const code = (opts.tenantCode ?? benchTenantCode(opts.customers)).toLowerCase();
  const log = opts.log ?? (() => {});
  // Bulk writes need not wait for each commit to reach the disk; a crash mid-way means regenerating anyway.
  const pool = new pg.Pool({ connectionString: url, max: 3, application_name: 'jiake-bench-data', options: '-c synchronous_commit=off' });
  pool.on('error', () => {});
  try {
    const existing = await pool.query<{ id: string; settings: { bench?: Dataset } }>('SELECT id, settings FROM tenants WHERE code = $1', [code]);
    const old = existing.rows[0];
    const manifest = old?.settings?.bench;
    if (old && manifest && opts.reuse && manifest.customers === opts.customers && manifest.seed === seed && manifest.version === GENERATOR_VERSION) {
      log(`reusing tenant ${code}: ${manifest.customers.toLocaleString('en-US')} customers generated ${manifest.generatedAt}`);
      return { ...manifest, tenantId: old.id, reused: true };
    }
    if (old) {
      log(`removing the earlier data set of tenant ${code}`);
      await dropTenantData(pool, old.id, log);
    }
    return await generate(pool, url, code, { ...opts, seed }, log);
  } finally {
    await pool.end();
  }
}

async function generate(pool: pg.Pool, url: string, code: string, opts: DatasetOptions & { seed: number }, log: (line: string) => void): Promise<Dataset> {
  const started = Date.now();
  const admin = { username: 'admin', password: BENCH_PASSWORD };
  // The tenant, its HQ, built-in roles and administrator come from the product's own use case.
  const database = openDatabase(url, 'server', 2);
  let created: Awaited<ReturnType<typeof createTenant>>;
  try {
    created = await createTenant(database.db, { code, name: `基准家居${opts.customers}`, admin: { ...admin, displayName: '系统管理员' } }, AS_OF);
  } finally {
    await database.close();
  }
  const roles = new Map(created.roles.map((r) => [r.name, r.id]));
  const g: GenContext = {
    pool,
    tenantId: created.tenant.id,
    hq: { id: created.hq.id, path: created.hq.path },
    customers: opts.customers,
    seed: opts.seed,
    asOf: AS_OF,
    batchSize: opts.batchSize ?? 1000,
    passwordHash: created.admin.passwordHash,
    roleId: (name) => {
      const id = roles.get(name);
      if (!id) throw new Error(`no built-in role ${name}`);
      return id;
    },
    rng: (name) => stream(opts.seed, opts.customers, name),
    idRng: (name) => stream(opts.seed, opts.customers, `${name}#${code}`),
    log,
  };
  const counts: Record<string, number> = {};
  const timings: Record<string, number> = {};
  for (const stage of STAGES) {
    const t = Date.now();
    log(`stage ${stage.name}`);
    Object.assign(counts, await stage.run(g));
    timings[stage.name] = (Date.now() - t) / 1000;
  }
  const t = Date.now();
  log('vacuum analyze');
  // Statistics for the planner and an all-visible map for index-only scans, as autovacuum would leave them.
  await pool.query(`VACUUM (ANALYZE) ${GENERATED_TABLES}`);
  timings.vacuum = (Date.now() - t) / 1000;
  timings.total = (Date.now() - started) / 1000;
  const dataset: Dataset = {
    tenantId: g.tenantId, tenantCode: code, customers: opts.customers, seed: opts.seed, version: GENERATOR_VERSION, admin,
    counts, timings, generatedAt: new Date().toISOString(), reused: false,
  };
  const { tenantId: _t, reused: _r, ...manifest } = dataset;
  await pool.query(`UPDATE tenants SET settings = settings || jsonb_build_object('bench', $2::jsonb) WHERE id = $1`, [g.tenantId, JSON.stringify(manifest)]);
  log(`generated tenant ${code} in ${timings.total.toFixed(1)} s: ${Object.entries(counts).map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`).join(', ')}`);
  return dataset;
}

/**
 * Every row of one tenant, in every table with a tenant_id (the append-only audit trail stays), then the tenant.
 * Other append-only tables (the points ledger) refuse DELETE by trigger: their rows go with triggers off for the
 * transaction (session_replication_role, a superuser's right); without that right they stay, like the audit trail.
 */
export async function dropTenantData(pool: pg.Pool, tenantId: string, log: (line: string) => void = () => {}) {
  const tables = await pool.query<{ table_name: string }>(`
    SELECT c.table_name FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = current_schema() AND c.column_name = 'tenant_id' AND c.table_name <> 'audit_log'`);
  for (const { table_name } of tables.rows) {
    const del = `DELETE FROM "${table_name}" WHERE tenant_id = $1`;
    try {
      await pool.query(del, [tenantId]);
    } catch (err) {
      if ((err as { code?: string }).code !== '42501') throw err;
      try {
        await asReplica(pool, (c) => c.query(del, [tenantId]));
      } catch (again) {
        log(`kept the rows of append-only ${table_name} (${(again as Error).message})`);
      }
    }
  }
  await pool.query('DELETE FROM tenants WHERE id = $1', [tenantId]);
  // Free the space now, so the new data set fills it instead of doubling the tables (a bloated table reads slower).
  await pool.query(`VACUUM ${GENERATED_TABLES}`);
}
