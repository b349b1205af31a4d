import os from 'node:os';
import pg from 'pg';
import { queryGrams } from '../../../apps/server/src/modules/customers/customers.search.ts';
import { AS_OF, type Dataset } from '../generator/stages.ts';
import { buildServer } from '../../../apps/server/scripts/build.mjs';
import { openCapturingApp, type Captured } from './capture.ts';
import { peakRss, startChild, type ChildServer } from './children.ts';
import { httpGetJson, httpLoad } from './http-load.ts';
import { describeMachine, type Machine } from './machine.ts';
import { sqlLoad, type Statement } from './sql-load.ts';
import { median, type Bounds, type Sample } from './stats.ts';
import { explainPlan, type PlanSummary } from './explain.ts';
import { measureFollowupGeneration, type FollowupGeneration } from './followups-bench.ts';
import { accrualMembers, accrualRequest, ledgerMark, measurePointsExpiry, rawAccrual, runTag, undoLedger, type PointsExpiry } from './points-bench.ts';
import { measureSlaSweep, slaSweepRows, type SlaSweep } from './requests-bench.ts';
import { holdCronLease } from './cron-lease.ts';
import { defaultImportRounds, defaultImportRows, importResultRows, measureImport, type ImportBench } from './import-bench.ts';

export interface BenchOptions {
  url: string;
  dbKind: 'embedded' | 'server';
  dataset: Dataset;
  sizeName: string;
  rounds: number;
  /** Sequential executions per latency phase and round (at least 200 in a real run). */
  executions: number;
  /** Seconds of each load phase (concurrent connections). */
  loadSeconds: number;
  concurrency: number;
  /** The page the P2 keyset walk goes to. */
  walkPages: number;
  /** Orders per round for P13 (follow-up generation); each round uses paid orders without steps yet. */
  followupOrders?: number;
  /** Clients of P9's concurrent phase (issue 6: 1 and 16). */
  accrualClients?: number;
  /** Rounds of P17 (each expires every due lot of the tenant three times: product and two baselines); default `rounds`. */
  expiryRounds?: number;
  /** Check the ledger with the product's verifyLedger after each P17 subject of the first round (the smoke run). */
  verifyLedger?: boolean;
  /** P6: rows of the customer CSV (default by size: 500 tiny, 20,000 S, 1,000,000 L) and rounds (default `rounds`, 1 above 100,000 rows). */
  importRows?: number;
  importRounds?: number;
  log?: (line: string) => void;
}

/** One line of the results table. */
export interface Row {
  id: string;
  scenario: string;
  measure: string;
  product: number;
  baseline: number;
  baselineLabel: string;
  unit: 'ms' | 'req/s' | 'orders/s' | 'lots/s' | 'rows/s' | 'escalations/s' | 'MiB' | 'plans';
  /** `diff`: product − baseline (ms); `ratio`: product / baseline. */
  compare: 'diff' | 'ratio' | 'count';
  value: number;
  target: string;
  /** null: informational, no target. */
  pass: boolean | null;
  note?: string;
}

export interface SubjectSummary {
  name: string;
  label: string;
  /** Sequential phase; `rps` is its throughput at one client. */
  latency?: { p50: number; p99: number; rps: number; count: number; rounds: number };
  load?: { rps: number; p50: number; p99: number; count: number; rounds: number };
  rssMb?: number;
  errors: number;
  firstError?: string;
}

export interface SearchTerm {
  key: string;
  label: string;
  term: string;
  product?: Captured;
  sameRows?: boolean;
  plan?: PlanSummary;
}

export interface BenchResult {
  startedAt: string;
  /** 1-minute load average when the run ended. */
  loadAverageAfter: number;
  durationS: number;
  sizeName: string;
  dbKind: 'embedded' | 'server';
  machine: Machine;
  dataset: Dataset;
  options: Omit<BenchOptions, 'log' | 'url' | 'dataset'>;
  params: { storeName: string; storeCustomers: number; customer360: string; customer360Contacts: number };
  walk: { target: number; reached: number; seconds: number };
  /** RSS of each server after start-up (before any load) and its V8 heap in use after the rounds, MiB. */
  memory: { idleRss: { product: number; bare: number }; heapUsed: { product: number; bare: number } };
  rows: Row[];
  subjects: SubjectSummary[];
  searches: SearchTerm[];
  plans: { label: string; plan: PlanSummary }[];
  /** The statements one request of a write scenario ran, in order (abbreviated), for the analysis of misses. */
  statementLists: { label: string; statements: string[] }[];
  notMeasured: { id: string; what: string; why: string }[];
  /** P6's import: file, outcome and timings per round. */
  imports?: ImportBench;
  /** P14's SLA sweep: what was due, what each subject did. */
  slaSweep?: SlaSweep;
}

export const NOT_MEASURED: BenchResult['notMeasured'] = [
  { id: 'P7', what: 'RFM scoring over all customers', why: 'orders are generated now (about 5 per customer); RFM scoring itself comes with the segments issue' },
  { id: 'P8', what: 'segment refresh (RFM segments)', why: 'segments come with RFM, after orders' },
  { id: 'P12', what: 'cold start to the first served page', why: 'measured on the embedded database only, which the product starts itself (`npm run bench` without DATABASE_URL)' },
];

interface Subject {
  name: string;
  label: string;
  latency: boolean;
  load: boolean;
  run: (b: Bounds) => Promise<Sample>;
  /** Connections of the load phase, when not `--concurrency` (P9: 16 clients). */
  loadConcurrency?: number;
  /** Sample this server's RSS during the load phase. */
  rssOf?: ChildServer;
}

/** Measure the running product and its baselines on one data set. */
export async function runBench(o: BenchOptions): Promise<BenchResult> {
  const log = o.log ?? (() => {});
  const started = Date.now();
  const ds = o.dataset;
  // The product child runs the built server, as `npm start` does: build it from the sources of this checkout first.
  await buildServer({ quiet: true });
  const machine = await describeMachine(o.url);
  const rawPool = new pg.Pool({ connectionString: o.url, max: Math.max(2, o.concurrency), application_name: 'jiake-bench-raw' });
  rawPool.on('error', () => {});
  const capturing = await openCapturingApp(o.url);
  const children: ChildServer[] = [];
  const accrualClients = o.accrualClients ?? 16;
  const accrualPool = new pg.Pool({ connectionString: o.url, max: accrualClients, application_name: 'jiake-bench-accrual' });
  accrualPool.on('error', () => {});
  /** Where the ledger stood before P9 appended to it; taken back at the end, whatever happens. */
  let accrualMark: number | null = null;
  /** The product's cron lease, held by the harness so the product child fires no cron slot into the data set (cron-lease.ts). */
  let cronLease: Awaited<ReturnType<typeof holdCronLease>> | null = null;
  try {
    // ---------- what to ask for: picked from the data, the same on every run ----------
    const tenant = ds.tenantId;
    const live = `c.tenant_id = $1 AND c.deleted_at IS NULL AND c.merged_into_id IS NULL`;
    const store = (
      await rawPool.query(`SELECT c.store_id, ou.name, count(*)::int AS n FROM customers c JOIN org_units ou ON ou.id = c.store_id WHERE ${live} GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 1`, [tenant])
    ).rows[0];
    const c360 = (
      await rawPool.query(
        `SELECT c.id, c.code, (SELECT count(*)::int FROM customer_contacts k WHERE k.tenant_id = $1 AND k.customer_id = c.id) AS contacts
           FROM customers c WHERE ${live} AND c.kind = 'company' AND EXISTS (SELECT 1 FROM customer_contacts k WHERE k.tenant_id = $1 AND k.customer_id = c.id)
          ORDER BY c.code LIMIT 1`,
        [tenant],
      )
    ).rows[0];
    const nameOf = async (len: number) =>
      (await rawPool.query(`SELECT c.name, c.name_initials FROM customers c WHERE ${live} AND c.kind = 'person' AND char_length(c.name) = $2 ORDER BY c.code LIMIT 1`, [tenant, len])).rows[0];
    const name2 = await nameOf(2);
    const name3 = await nameOf(3);
    const mobile = (
      await rawPool.query(
        `SELECT p.digits FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE ${live} AND p.tenant_id = $1 AND p.contact_id IS NULL AND p.digits ~ '^1[0-9]{10}$' ORDER BY c.code, p.position LIMIT 1`,
        [tenant],
      )
    ).rows[0].digits as string;
    if (!store || !c360 || !name2 || !name3) throw new Error('the data set lacks a store, a company with contacts or person names');
    // Loyalty: members P9 posts points to, and a member's mobile for the counter lookup (P18), typed as staff type it.
    const members = await accrualMembers(rawPool, tenant);
    const memberMobile = (
      await rawPool.query(
        `SELECT p.digits FROM loyalty_members m JOIN customer_phones p ON p.tenant_id = m.tenant_id AND p.customer_id = m.customer_id AND p.contact_id IS NULL
          WHERE m.tenant_id = $1 AND p.digits ~ '^1[0-9]{10}$' ORDER BY m.number, p.position LIMIT 1`,
        [tenant],
      )
    ).rows[0]?.digits as string | undefined;
    if (!members.length || !memberMobile) throw new Error('the data set has no loyalty members (generator before v4?)');

    const cookie = await capturing.login(ds.tenantCode, ds.admin.username, ds.admin.password);
    const listPath = `/api/v1/customers?storeId=${store.store_id}&sort=createdAt&order=desc&limit=20`;
    const totalPath = `${listPath}&withTotal=true`;
    const path360 = `/api/v1/customers/${c360.id}`;
    const mePath = '/api/v1/auth/me';
    const searches: SearchTerm[] = [
      { key: 'name2', label: '2-character name', term: name2.name },
      { key: 'name3', label: '3-character name', term: name3.name },
      { key: 'initials', label: 'pinyin initials', term: name3.name_initials },
      { key: 'phone4', label: 'phone, last 4 digits', term: mobile.slice(-4) },
      { key: 'phone', label: 'full mobile (138 1234 5678)', term: `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}` },
    ];
    const searchPath = (t: SearchTerm) => `/api/v1/customers?q=${encodeURIComponent(t.term)}&limit=20`;
    // The sales pipeline over the data set's last twelve months, the whole tenant (the HQ view), and its kanban board.
    const shanghaiDay = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
    const asOfDay = shanghaiDay(AS_OF.getTime());
    const yearBefore = shanghaiDay(AS_OF.getTime() - 365 * 86_400_000);
    const funnelPath = `/api/v1/pipeline/funnel?from=${yearBefore}&to=${asOfDay}`;
    const boardPath = '/api/v1/opportunities/board';
    const lookupPath = `/api/v1/loyalty/members/lookup?phone=${encodeURIComponent(`${memberMobile.slice(0, 3)} ${memberMobile.slice(3, 7)} ${memberMobile.slice(7)}`)}`;
    const accrualPath = '/api/v1/loyalty/adjustments';

    // ---------- the SQL the product runs, seen from inside ----------
    const ok = (c: Captured, what: string) => {
      if (c.status !== 200) throw new Error(`${what} answered ${c.status}: ${JSON.stringify(c.body).slice(0, 300)}`);
      return c;
    };
    const me = ok(await capturing.capture(mePath, cookie), 'auth/me');
    if (me.statements.length !== 1) throw new Error(`auth/me ran ${me.statements.length} statements, expected the one identity query`);
    const identity = me.statements[0];
    const list = ok(await capturing.capture(listPath, cookie), 'customer list');
    const total = ok(await capturing.capture(totalPath, cookie), 'customer list with total');
    const view360 = ok(await capturing.capture(path360, cookie), 'customer 360');
    for (const t of searches) t.product = ok(await capturing.capture(searchPath(t), cookie), `search ${t.label}`);
    const funnel = ok(await capturing.capture(funnelPath, cookie), 'pipeline funnel');
    const board = ok(await capturing.capture(boardPath, cookie), 'opportunity board');
    const lookup = ok(await capturing.capture(lookupPath, cookie), 'member lookup by phone');
    // One accrual through the product in-process, to count its statements (taken back with P9's entries).
    const tag = runTag();
    accrualMark = await ledgerMark(rawPool);
    const sample = accrualRequest(members, `${tag}-capture`)();
    const accrual = await capturing.capture(accrualPath, cookie, { method: 'POST', payload: sample.body, headers: sample.headers, transactions: true });
    if (accrual.status !== 201) throw new Error(`the accrual answered ${accrual.status}: ${JSON.stringify(accrual.body).slice(0, 300)}`);
    if (!(lookup.body as { items: unknown[] }).items.length) throw new Error(`the member lookup found no member for ${memberMobile}`);
    log(`captured: list ${list.statements.length} statements, 360 ${view360.statements.length}, search ${searches.map((t) => t.product!.statements.length).join('/')}`);

    // The raw indexed SQL an expert would write for each kind of search term (same rows, same order, same columns).
    const rawSearch = (t: SearchTerm): Statement => {
      const select = (where: string) => `SELECT c.*, u.display_name AS owner_name, ou.name AS store_name,
             to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_key
        FROM customers c LEFT JOIN users u ON u.id = c.owner_id LEFT JOIN org_units ou ON ou.id = c.store_id
       WHERE ${live} AND ${where}
       ORDER BY c.created_at DESC, c.id DESC LIMIT 21`;
      const digits = t.term.replace(/\D/g, '');
      switch (t.key) {
        case 'initials':
          return { text: select('(c.name_pinyin LIKE $2 OR c.name_initials LIKE $2)'), values: [tenant, `${t.term}%`] };
        case 'phone4':
          return { text: select('c.id IN (SELECT p.customer_id FROM customer_phones p WHERE p.tenant_id = $1 AND p.digits LIKE $2)'), values: [tenant, `%${digits}%`] };
        case 'phone':
          return { text: select('c.id IN (SELECT p.customer_id FROM customer_phones p WHERE p.tenant_id = $1 AND p.reversed LIKE $2)'), values: [tenant, `${[...digits].reverse().join('')}%`] };
        default:
          return { text: select('c.name_grams @> $2::text[] AND lower(c.name) LIKE $3'), values: [tenant, queryGrams(t.term), `%${t.term.toLowerCase()}%`] };
      }
    };
    for (const t of searches) {
      const raw = await rawPool.query(rawSearch(t));
      const productIds = ((t.product!.body as { items: { id: string }[] }).items ?? []).map((x) => x.id);
      t.sameRows = JSON.stringify(raw.rows.slice(0, 20).map((r) => r.id)) === JSON.stringify(productIds);
      t.plan = await explainPlan(rawPool, t.product!.statements.slice(1));
    }

    // ---------- the servers ----------
    const env = { BENCH_DATABASE_URL: o.url, LOG_LEVEL: 'error' };
    cronLease = await holdCronLease(o.url, log);
    const [product, bare] = await Promise.all([startChild('product', 'product-server.mjs', env), startChild('bare', 'bare-server.mjs', env)]);
    children.push(product, bare);
    await bare.call({ type: 'recipes', recipes: { list: list.statements, c360: view360.statements, me: [identity] } });
    const idleRss = { product: await product.rssMb(), bare: await bare.rssMb() };
    const headers = { cookie };
    for (const [server, path, h] of [[product, listPath, headers], [bare, '/r/list', {}], [bare, '/r/c360', {}], [bare, '/r/me', {}]] as const) {
      const res = await httpGetJson(server.port, path, h);
      if (res.status !== 200) throw new Error(`${server.name} ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    }

    // P2: walk the keyset cursor page by page to the target page once; then measure fetching that page.
    const walkStart = performance.now();
    let cursor: string | null = null;
    let reached = 1;
    while (reached < o.walkPages) {
      const res = await httpGetJson(product.port, cursor ? `${listPath}&cursor=${cursor}` : listPath, headers);
      const next = (res.body as { nextCursor?: string | null }).nextCursor;
      if (res.status !== 200 || !next) break;
      cursor = next;
      reached++;
    }
    const walk = { target: o.walkPages, reached, seconds: (performance.now() - walkStart) / 1000 };
    const deepPath = cursor ? `${listPath}&cursor=${cursor}` : listPath;
    const deep = ok(await capturing.capture(deepPath, cookie), `list page ${reached}`);
    log(`walked to page ${reached} of ${store.name} in ${walk.seconds.toFixed(1)} s`);

    const http = (server: ChildServer, path: string, h: Record<string, string> = {}) => (b: Bounds) => httpLoad({ port: server.port, path, headers: h }, b);
    const sql = (statements: Statement[]) => (b: Bounds) => sqlLoad(rawPool, statements, b);
    const subjects: Subject[] = [
      { name: 'product.list', label: 'product: customer list (page 1)', latency: true, load: true, run: http(product, listPath, headers), rssOf: product },
      { name: 'raw.list', label: 'raw SQL: identity + list query', latency: true, load: false, run: sql(list.statements) },
      { name: 'bare.list', label: 'bare route: identity + list query', latency: true, load: true, run: http(bare, '/r/list'), rssOf: bare },
      { name: 'product.deep', label: `product: customer list page ${reached}`, latency: true, load: false, run: http(product, deepPath, headers) },
      { name: 'product.total', label: 'product: customer list with total', latency: true, load: false, run: http(product, totalPath, headers) },
      { name: 'product.360', label: 'product: customer 360', latency: true, load: true, run: http(product, path360, headers) },
      { name: 'bare.360', label: 'bare route: the same 360 queries', latency: true, load: true, run: http(bare, '/r/c360') },
      ...searches.flatMap((t): Subject[] => [
        { name: `product.search.${t.key}`, label: `product: search ${t.label}`, latency: true, load: false, run: http(product, searchPath(t), headers) },
        { name: `raw.search.${t.key}`, label: `raw SQL: identity + indexed ${t.label} query`, latency: true, load: false, run: sql([identity, rawSearch(t)]) },
      ]),
      { name: 'product.funnel', label: 'product: pipeline funnel, whole tenant, 12 months', latency: true, load: false, run: http(product, funnelPath, headers) },
      { name: 'raw.funnel', label: 'raw SQL: identity + the funnel statements', latency: true, load: false, run: sql(funnel.statements) },
      { name: 'product.board', label: 'product: opportunity kanban board, whole tenant', latency: true, load: false, run: http(product, boardPath, headers) },
      { name: 'raw.board', label: 'raw SQL: identity + the board statements', latency: true, load: false, run: sql(board.statements) },
      { name: 'product.lookup', label: 'product: member counter lookup by phone', latency: true, load: false, run: http(product, lookupPath, headers) },
      { name: 'raw.lookup', label: 'raw SQL: identity + the lookup statements', latency: true, load: false, run: sql(lookup.statements) },
      {
        name: 'product.accrual', label: `product: POST ${accrualPath} (+10 points, own Idempotency-Key)`, latency: true, load: true, loadConcurrency: accrualClients,
        run: (b) => httpLoad({ port: product.port, path: accrualPath, method: 'POST', headers, each: accrualRequest(members, `${tag}-${Math.random().toString(36).slice(2, 8)}`) }, b),
      },
      {
        name: 'raw.accrual', label: 'raw transaction: lock account, entry, lot, balance, commit', latency: true, load: true, loadConcurrency: accrualClients,
        run: (b) => rawAccrual(accrualPool, tenant, members, `${tag}-${Math.random().toString(36).slice(2, 8)}`, b),
      },
      { name: 'product.me', label: 'product: GET /auth/me (session cookie)', latency: true, load: true, run: http(product, mePath, headers) },
      { name: 'bare.me', label: 'bare route: the same identity query', latency: true, load: true, run: http(bare, '/r/me') },
      { name: 'bare.empty', label: 'bare route: no database', latency: false, load: true, run: http(bare, '/empty') },
    ];

    // ---------- rounds ----------
    const lat = new Map<string, Sample[]>();
    const load = new Map<string, Sample[]>();
    const rss = new Map<string, number[]>();
    const push = <T>(m: Map<string, T[]>, k: string, v: T) => m.set(k, [...(m.get(k) ?? []), v]);
    const loadMs = o.loadSeconds * 1000;
    for (let round = 1; round <= o.rounds; round++) {
      log(`round ${round} of ${o.rounds}`);
      for (const s of subjects) {
        if (s.latency) {
          await s.run({ concurrency: 1, maxCount: Math.max(5, Math.min(50, Math.round(o.executions / 5))), maxMs: 2000 });
          push(lat, s.name, await s.run({ concurrency: 1, maxCount: o.executions, minCount: o.executions, maxMs: 60_000, hardMs: 60_000 }));
        }
        if (s.load) {
          const concurrency = s.loadConcurrency ?? o.concurrency;
          await s.run({ concurrency, maxCount: 1e9, maxMs: Math.min(500, loadMs / 3) });
          const bounds: Bounds = { concurrency, maxCount: 5_000_000, maxMs: loadMs, minCount: Math.min(200, o.executions), hardMs: loadMs * 3 + 10_000 };
          if (s.rssOf) {
            const { result, peakMb } = await peakRss(s.rssOf, () => s.run(bounds));
            push(load, s.name, result);
            push(rss, s.name, peakMb);
          } else push(load, s.name, await s.run(bounds));
        }
        const last = [...(lat.get(s.name) ?? []).slice(-1), ...(load.get(s.name) ?? []).slice(-1)];
        log(`  ${s.name.padEnd(26)} ${last.map((x) => `p50 ${x.p50.toFixed(2)} ms p99 ${x.p99.toFixed(2)} ms ${Math.round(x.rps)}/s n=${x.count}${x.errors ? ` ERRORS ${x.errors}: ${x.firstError}` : ''}`).join(' | ')}`);
      }
    }

    // P13: follow-up generation through the outbox, against the same rows written by raw SQL (service layer).
    const p13: FollowupGeneration[] = [];
    for (let round = 1; round <= o.rounds; round++) {
      const g = await measureFollowupGeneration(o.url, tenant, o.followupOrders ?? 300);
      p13.push(g);
      log(`  p13 follow-ups ${g.orders} orders: product ${g.productPerS.toFixed(0)}/s, raw ${g.rawPerS.toFixed(0)}/s, ${g.stepsPerOrder.toFixed(1)} steps per order`);
    }
    // P9 appended to the ledger; take it back before P17 reads the due lots (and so the next run starts the same).
    await undoLedger(rawPool, tenant, accrualMark);
    accrualMark = null;

    // P17: the nightly points expiry over the whole tenant, the night after a year end (service layer).
    const p17: PointsExpiry = await measurePointsExpiry(o.url, tenant, { rounds: o.expiryRounds ?? o.rounds, log, verify: o.verifyLedger });

    // P14: the SLA sweep over every open request of the tenant (service layer), against raw SQL doing the same escalations.
    const p14: SlaSweep = await measureSlaSweep(o.url, tenant, { rounds: o.rounds, log });

    const p13Row: Row = (() => {
      const product = median(p13.map((g) => g.productPerS));
      const baseline = median(p13.map((g) => g.rawPerS));
      return {
        id: 'P13', scenario: 'order follow-up generation (order.paid → steps through the outbox)', measure: `orders/s, sequential, ${p13[0].orders} per round`,
        product, baseline, baselineLabel: 'the same rows by raw SQL, a transaction per order', unit: 'orders/s', compare: 'ratio', value: product / baseline,
        target: 'info', pass: null, note: `${p13[0].stepsPerOrder.toFixed(1)} steps per order; the product also locks the delivery, writes audit rows and marks it delivered`,
      };
    })();

    const heapMb = async (c: ChildServer) => ((await c.call({ type: 'rss' })).heapUsed as number) / 1024 / 1024;
    const memory = { idleRss, heapUsed: { product: await heapMb(product), bare: await heapMb(bare) } };

    // P6: customer import from CSV through the product's API against raw COPY of the same rows (after the heap reading
    // above, which the import would swell; everything it writes is taken back).
    const importRows = o.importRows ?? defaultImportRows(o.sizeName, ds.customers);
    const p6: ImportBench = await measureImport({
      url: o.url, tenantId: tenant, seed: ds.seed, customers: ds.customers, rows: importRows, rounds: o.importRounds ?? defaultImportRounds(importRows, o.rounds), product, cookie, log,
    });
    const summaries: SubjectSummary[] = subjects.map((s) => {
      const l = lat.get(s.name) ?? [];
      const d = load.get(s.name) ?? [];
      const all = [...l, ...d];
      return {
        name: s.name,
        label: s.label,
        latency: l.length ? { p50: median(l.map((x) => x.p50)), p99: median(l.map((x) => x.p99)), rps: median(l.map((x) => x.rps)), count: median(l.map((x) => x.count)), rounds: l.length } : undefined,
        load: d.length ? { rps: median(d.map((x) => x.rps)), p50: median(d.map((x) => x.p50)), p99: median(d.map((x) => x.p99)), count: median(d.map((x) => x.count)), rounds: d.length } : undefined,
        rssMb: rss.has(s.name) ? median(rss.get(s.name)!) : undefined,
        errors: all.reduce((n, x) => n + x.errors, 0),
        firstError: all.find((x) => x.firstError)?.firstError,
      };
    });

    // ---------- plans of the product's statements, for the analysis of misses ----------
    const plans: BenchResult['plans'] = [];
    const statementLists: BenchResult['statementLists'] = [];
    for (const [label, c] of [['P1 list page 1', list], [`P2 list page ${reached}`, deep], ['P3 list with total', total], ['P4 customer 360', view360]] as const) {
      plans.push({ label, plan: await explainPlan(rawPool, c.statements.slice(1), true) });
    }
    plans.push({ label: 'P15 pipeline funnel', plan: await explainPlan(rawPool, funnel.statements.slice(1), true) });
    plans.push({ label: 'P16 opportunity board', plan: await explainPlan(rawPool, board.statements.slice(1), true) });
    plans.push({ label: 'P18 member lookup by phone', plan: await explainPlan(rawPool, lookup.statements.slice(1), true) });
    statementLists.push({ label: 'P9 one accrual (POST /api/v1/loyalty/adjustments)', statements: accrual.statements.map((x) => x.text.replace(/\s+/g, ' ').slice(0, 160)) });
    for (const t of searches) plans.push({ label: `P5 search ${t.label} "${t.term}"`, plan: await explainPlan(rawPool, t.product!.statements.slice(1), true) });

    return {
      startedAt: new Date(started).toISOString(),
      durationS: (Date.now() - started) / 1000,
      loadAverageAfter: Math.round(os.loadavg()[0] * 100) / 100,
      sizeName: o.sizeName,
      dbKind: o.dbKind,
      machine,
      dataset: ds,
      options: {
        dbKind: o.dbKind, sizeName: o.sizeName, rounds: o.rounds, executions: o.executions, loadSeconds: o.loadSeconds, concurrency: o.concurrency, walkPages: o.walkPages,
        followupOrders: o.followupOrders, accrualClients, expiryRounds: o.expiryRounds ?? o.rounds,
        importRows: p6.rows, importRounds: p6.rounds.length,
      },
      params: { storeName: store.name, storeCustomers: store.n, customer360: c360.code, customer360Contacts: c360.contacts },
      walk,
      memory,
      rows: [...buildRows(summaries, searches, reached, o.concurrency, memory, { clients: accrualClients, statements: accrual.statements.length }), p13Row, ...expiryRows(p17), ...importResultRows(p6), ...slaSweepRows(p14)],
      subjects: summaries,
      searches: searches.map(({ product: _p, ...t }) => t),
      plans,
      statementLists,
      notMeasured: NOT_MEASURED,
      imports: p6,
      slaSweep: p14,
    };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await cronLease?.release();
    if (accrualMark !== null) await undoLedger(rawPool, ds.tenantId, accrualMark).catch((err) => log(`could not take back the P9 entries: ${err}`));
    await capturing.close();
    await accrualPool.end();
    await rawPool.end();
  }
}

/** P17 rows: the product's expiry against the raw transaction per account (its shape) and the set-based floor. */
function expiryRows(x: PointsExpiry): Row[] {
  const scenario = 'points expiry over the whole tenant (expireDueLots), the night after a year end';
  const measure = `lots/s, ${x.dueLots.toLocaleString('en-US')} due lots (of ${x.openLots.toLocaleString('en-US')} open) on ${x.accounts.toLocaleString('en-US')} accounts`;
  const note = `the product took ${x.productS.toFixed(1)} s; a transaction per account, a dozen statements per lot`;
  const perAccount = x.productPerS / x.rawPerAccountPerS;
  return [
    { id: 'P17', scenario, measure, product: x.productPerS, baseline: x.rawPerAccountPerS, baselineLabel: 'raw SQL, a transaction per account', unit: 'lots/s', compare: 'ratio', value: perAccount, target: '≥ 0.5×', pass: Number.isFinite(perAccount) && perAccount >= 0.5, note },
    { id: 'P17', scenario, measure, product: x.productPerS, baseline: x.rawBatchedPerS, baselineLabel: 'raw SQL, a transaction per 500 accounts (set-based floor)', unit: 'lots/s', compare: 'ratio', value: x.productPerS / x.rawBatchedPerS, target: 'info', pass: null },
  ];
}

/** The results table: each scenario against its baseline of the same run, with its target. */
export function buildRows(subjects: SubjectSummary[], searches: SearchTerm[], page: number, concurrency: number, memory?: BenchResult['memory'], accrual = { clients: 16, statements: 0 }): Row[] {
  const accrualClients = accrual.clients;
  const s = (name: string) => {
    const x = subjects.find((y) => y.name === name);
    if (!x) throw new Error(`no subject ${name}`);
    return x;
  };
  const p50 = (n: string) => s(n).latency?.p50 ?? Number.NaN;
  const rps = (n: string) => s(n).load?.rps ?? Number.NaN;
  const p99 = (n: string) => s(n).load?.p99 ?? Number.NaN;
  const errorsOf = (...names: string[]) => names.reduce((n, x) => n + s(x).errors, 0);
  const rows: Row[] = [];
  const add = (r: Omit<Row, 'value' | 'pass'>, test: ((v: number) => boolean) | null, names: string[]) => {
    const value = r.compare === 'diff' ? r.product - r.baseline : r.product / r.baseline;
    const errors = errorsOf(...names);
    rows.push({ ...r, value, pass: test ? errors === 0 && Number.isFinite(value) && test(value) : null, note: errors ? `${errors} failed requests` : r.note });
  };
  const conc = `${concurrency} connections`;
  const LIST = 'customer list API, 20 rows, store filter + sort';
  add({ id: 'P1', scenario: LIST, measure: 'p50, sequential', product: p50('product.list'), baseline: p50('raw.list'), baselineLabel: 'same SQL through node-postgres', unit: 'ms', compare: 'diff', target: '≤ raw + 1.5 ms' }, (v) => v <= 1.5, ['product.list', 'raw.list']);
  add({ id: 'P1', scenario: LIST, measure: `throughput, ${conc}`, product: rps('product.list'), baseline: rps('bare.list'), baselineLabel: 'bare Fastify route running it', unit: 'req/s', compare: 'ratio', target: '≥ 0.8×' }, (v) => v >= 0.8, ['product.list', 'bare.list']);
  add({ id: 'P2', scenario: `page ${page} of that list (keyset cursor)`, measure: 'p50, sequential', product: p50('product.deep'), baseline: p50('product.list'), baselineLabel: 'page 1', unit: 'ms', compare: 'ratio', target: '≤ 1.5×' }, (v) => v <= 1.5, ['product.deep', 'product.list']);
  add({ id: 'P3', scenario: 'the list with its total (withTotal=true)', measure: 'p50, sequential', product: p50('product.total'), baseline: p50('product.list'), baselineLabel: 'the page alone', unit: 'ms', compare: 'ratio', target: '≤ 2×' }, (v) => v <= 2, ['product.total', 'product.list']);
  const C360 = 'customer 360 API (profile + contacts; the orders tab is its own request, not in this scenario yet)';
  add({ id: 'P4', scenario: C360, measure: `throughput, ${conc}`, product: rps('product.360'), baseline: rps('bare.360'), baselineLabel: 'bare route, same queries', unit: 'req/s', compare: 'ratio', target: '≥ 0.6×' }, (v) => v >= 0.6, ['product.360', 'bare.360']);
  add({ id: 'P4', scenario: C360, measure: `p99, ${conc}`, product: p99('product.360'), baseline: p99('bare.360'), baselineLabel: 'bare route, same queries', unit: 'ms', compare: 'ratio', target: '≤ 1.5×' }, (v) => v <= 1.5, ['product.360', 'bare.360']);
  for (const t of searches) {
    add({ id: 'P5', scenario: `search: ${t.label} "${t.term}"`, measure: 'p50, sequential', product: p50(`product.search.${t.key}`), baseline: p50(`raw.search.${t.key}`), baselineLabel: 'raw indexed SQL', unit: 'ms', compare: 'ratio', target: '≤ 3×', note: t.sameRows === false ? 'rows differ from the raw query' : undefined }, (v) => v <= 3, [`product.search.${t.key}`, `raw.search.${t.key}`]);
  }
  const offenders = searches.filter((t) => [...t.term.replace(/\s/g, '')].length >= 2 && t.plan?.seqScans.includes('customers'));
  rows.push({
    id: 'P5', scenario: 'EXPLAIN: no Seq Scan on customers for terms of 2+ characters', measure: 'plans checked', product: offenders.length, baseline: searches.length, baselineLabel: `${searches.length} search plans`,
    unit: 'plans', compare: 'count', value: offenders.length, target: '0 seq scans', pass: offenders.length === 0,
    note: offenders.length ? `Seq Scan for ${offenders.map((t) => `"${t.term}"`).join(', ')}` : undefined,
  });
  add({ id: 'P15', scenario: 'pipeline funnel API (stages, conversion, days in stage, stalled, win rate, loss reasons), whole tenant, 12 months', measure: 'p50, sequential', product: p50('product.funnel'), baseline: p50('raw.funnel'), baselineLabel: 'the same SQL through node-postgres', unit: 'ms', compare: 'ratio', target: '≤ 1.5×' }, (v) => v <= 1.5, ['product.funnel', 'raw.funnel']);
  add({ id: 'P16', scenario: 'opportunity kanban board API (open stages with counts, sums and first cards), whole tenant', measure: 'p50, sequential', product: p50('product.board'), baseline: p50('raw.board'), baselineLabel: 'the same SQL through node-postgres', unit: 'ms', compare: 'ratio', target: '≤ 1.5×' }, (v) => v <= 1.5, ['product.board', 'raw.board']);
  add({ id: 'P18', scenario: 'member counter lookup by phone (any store of the brand), typed "138 1234 5678"', measure: 'p50, sequential', product: p50('product.lookup'), baseline: p50('raw.lookup'), baselineLabel: 'the same SQL through node-postgres', unit: 'ms', compare: 'ratio', target: '≤ 1.5×' }, (v) => v <= 1.5, ['product.lookup', 'raw.lookup']);
  const ACCRUAL = 'points accrual API: ledger entry + lot + balance, durable (manual adjustment below the approval threshold)';
  const RAW_TX = 'raw transaction in one process (node-postgres)';
  const seqRps = (n: string) => s(n).latency?.rps ?? Number.NaN;
  const trips = accrual.statements ? `${accrual.statements} statements per request (identity, begin, idempotency key claimed and answered, member, settings, ledger: balance raised under its lock + entry and lot in one statement, adjustment + audit row, commit) against the raw 6; the rest is Node work per request (HTTP, session, schema checks, query building)` : undefined;
  add({ id: 'P9', scenario: ACCRUAL, measure: 'throughput, 1 client', product: seqRps('product.accrual'), baseline: seqRps('raw.accrual'), baselineLabel: RAW_TX, unit: 'req/s', compare: 'ratio', target: '≥ 0.8×', note: trips }, (v) => v >= 0.8, ['product.accrual', 'raw.accrual']);
  add({ id: 'P9', scenario: ACCRUAL, measure: `throughput, ${accrualClients} clients`, product: rps('product.accrual'), baseline: rps('raw.accrual'), baselineLabel: RAW_TX, unit: 'req/s', compare: 'ratio', target: '≥ 0.8×' }, (v) => v >= 0.8, ['product.accrual', 'raw.accrual']);
  add({ id: 'P9', scenario: ACCRUAL, measure: 'p50, 1 client', product: p50('product.accrual'), baseline: p50('raw.accrual'), baselineLabel: RAW_TX, unit: 'ms', compare: 'ratio', target: 'info' }, null, ['product.accrual', 'raw.accrual']);
  add({ id: 'P9', scenario: ACCRUAL, measure: `p99, ${accrualClients} clients`, product: p99('product.accrual'), baseline: p99('raw.accrual'), baselineLabel: RAW_TX, unit: 'ms', compare: 'ratio', target: 'info' }, null, ['product.accrual', 'raw.accrual']);
  const ME = 'product middleware: authenticated GET /api/v1/auth/me';
  add({ id: 'P10', scenario: ME, measure: `throughput, ${conc}`, product: rps('product.me'), baseline: rps('bare.me'), baselineLabel: 'bare route, same identity query', unit: 'req/s', compare: 'ratio', target: '≥ 0.7×' }, (v) => v >= 0.7, ['product.me', 'bare.me']);
  add({ id: 'P10', scenario: ME, measure: `p99, ${conc}`, product: p99('product.me'), baseline: p99('bare.me'), baselineLabel: 'bare route, same identity query', unit: 'ms', compare: 'ratio', target: '≤ 1.5×' }, (v) => v <= 1.5, ['product.me', 'bare.me']);
  add({ id: 'P10', scenario: ME, measure: `throughput, ${conc}`, product: rps('product.me'), baseline: rps('bare.empty'), baselineLabel: 'bare route without database (floor)', unit: 'req/s', compare: 'ratio', target: 'info' }, null, ['product.me', 'bare.empty']);
  add({ id: 'P11', scenario: 'server memory (RSS) under P1 load', measure: 'peak RSS', product: s('product.list').rssMb ?? Number.NaN, baseline: s('bare.list').rssMb ?? Number.NaN, baselineLabel: 'bare Fastify + node-postgres', unit: 'MiB', compare: 'ratio', target: '≤ 1.5×',
    note: memory ? `idle ${memory.idleRss.product.toFixed(0)} vs ${memory.idleRss.bare.toFixed(0)} MiB before any load; V8 heap in use ${memory.heapUsed.product.toFixed(0)} vs ${memory.heapUsed.bare.toFixed(0)} MiB` : undefined }, (v) => v <= 1.5, ['product.list', 'bare.list']);
  return rows;
}
