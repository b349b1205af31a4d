import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ALL_PERMISSIONS, HISTORY_ENTITY_TYPES, type HistoryEntityType } from '@jiake/shared';
import { registerErrorHandling } from '../../src/platform/http/error-handler.ts';
import { type ApiRoute, apiRoutes, registerGuard } from '../../src/platform/http/guard.ts';
import { countRows, createCustomer, createRole, defineField, rowOf } from '../factories.ts';
import { type Client, makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { type Built, customerOf, type Factory, once, upload, type World } from '../isolation/world.ts';
import * as Catalogue from '../isolation/catalogue.factories.ts';
import * as Orders from '../isolation/orders.factories.ts';
import * as OrderFollowups from '../isolation/order-followups.factories.ts';
import * as ServiceRequests from '../isolation/service-requests.factories.ts';
import * as Knowledge from '../isolation/knowledge.factories.ts';
import * as Leads from '../isolation/leads.factories.ts';
import * as SalesActivities from '../isolation/sales-activities.factories.ts';
import * as Opportunities from '../isolation/opportunities.factories.ts';
import * as SalesTargets from '../isolation/sales-targets.factories.ts';
import * as Work from '../isolation/work.factories.ts';
import * as Loyalty from '../isolation/loyalty.factories.ts';
import * as LoyaltyTiers from '../isolation/loyalty-tiers.factories.ts';
import * as LoyaltyCards from '../isolation/loyalty-cards.factories.ts';
import * as LoyaltyStoredValue from '../isolation/loyalty-stored-value.factories.ts';
import * as LoyaltyBonusRules from '../isolation/loyalty-bonus-rules.factories.ts';
import * as LoyaltySettlement from '../isolation/loyalty-settlement.factories.ts';

/**
 * PLAT-1 / PLAT-4, generated: every /api/v1 route with a path parameter is called with a real record of tenant A
 * (a) by the administrator of tenant B and (b) for records owned by a customer, by a store user of tenant A
 * outside the owning store. Each call must answer 404 (existence does not leak) and leave the record unchanged.
 * A route whose record the walker cannot build fails the test: add a factory below.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

/** The platform records, one builder each; their own routes and the history route use the same record. */
const PLATFORM_RECORDS: Record<HistoryEntityType, (w: World) => Promise<Built>> = {
  orgUnit: async (w) => ({
    params: { id: w.storeA.id },
    rows: [['org_units', w.storeA.id]],
  }),
  role: (w) =>
    once(w, 'role', async () => {
      const r = await createRole(w.a.admin, {
        permissions: ['customers:view'],
        dataScope: 'unit',
      });
      return { params: { id: r.id }, rows: [['roles', r.id]] };
    }),
  user: (w) =>
    once(w, 'user', async () => {
      const { user } = await userIn(t, w.a.admin, w.a.code, w.storeA.id, '导购');
      return { params: { id: user.id }, rows: [['users', user.id]] };
    }),
  apiKey: (w) =>
    once(w, 'apiKey', async () => {
      const role = (await w.a.admin.get('/api/v1/roles')).json().items[0];
      const res = await w.a.admin.post('/api/v1/api-keys', {
        name: 'ERP',
        roleId: role.id,
        unitId: w.a.hq.id,
      });
      if (res.statusCode !== 201) throw new Error(res.body);
      return {
        params: { id: res.json().id },
        rows: [['api_keys', res.json().id]],
      };
    }),
  customField: (w) =>
    once(w, 'customField', async () => {
      const f = await defineField(w.a.admin, {
        key: 'iso_field',
        type: 'text',
      });
      return { params: { id: f.id }, rows: [['custom_field_defs', f.id]] };
    }),
};

/** Rows per table of one tenant, over every table with a tenant_id column. */
async function tenantFootprint(tenantId: string) {
  const tables = await t.deps.db.pool.query(
    "SELECT table_name FROM information_schema.columns WHERE column_name = 'tenant_id' AND table_schema = current_schema() ORDER BY table_name",
  );
  const out: Record<string, number> = {};
  for (const { table_name } of tables.rows) out[table_name] = await countRows(t, table_name, tenantId);
  return out;
}

/** One factory per kind of record. Keep in step with the routes: the walker fails for a route none of these serves. */
const PLATFORM_FACTORIES: Factory[] = [
  {
    name: 'contact of a customer',
    match: /^\/api\/v1\/customers\/:id\/contacts\/:contactId(\/|$)/,
    customerOwned: true,
    build: (w) =>
      once(w, 'contact', async () => {
        const c = await customerOf(w);
        const res = await w.a.admin.post(`/api/v1/customers/${c.params.id}/contacts`, { name: '甲方联系人', phones: ['13700001234'] });
        if (res.statusCode !== 201) throw new Error(res.body);
        return {
          params: { id: c.params.id, contactId: res.json().id },
          rows: [...c.rows, ['customer_contacts', res.json().id]],
        };
      }),
  },
  {
    name: 'customer',
    match: /^\/api\/v1\/customers\/:id(\/|$)/,
    customerOwned: true,
    build: customerOf,
  },
  {
    name: 'customer import (an uploaded file, run once as a dry run)',
    match: /^\/api\/v1\/customer-imports\/:id(\/|$)/,
    customerOwned: true,
    build: (w) =>
      once(w, 'import', async () => {
        const up = await upload(t, w.a.admin, '/api/v1/customer-imports', {}, '客户.csv', 'text/csv', '姓名,手机\n导入客户,13811112222\n');
        if (up.statusCode !== 201) throw new Error(`import upload failed: ${up.statusCode} ${up.body}`);
        const id = up.json().id as string;
        const run = await w.a.admin.post(`/api/v1/customer-imports/${id}/run`, {
          mapping: { 姓名: 'name', 手机: 'phones' },
          dryRun: true,
        });
        if (run.statusCode !== 202) throw new Error(`import run failed: ${run.statusCode} ${run.body}`);
        await t.deps.jobs.drain(w.a.tenant.id);
        return {
          params: { id },
          rows: [
            ['customer_imports', id],
            ['jobs', run.json().id],
          ],
        };
      }),
  },
  {
    name: 'customer export (a finished export job)',
    match: /^\/api\/v1\/customer-exports\/:jobId(\/|$)/,
    customerOwned: true,
    build: (w) =>
      once(w, 'export', async () => {
        await customerOf(w);
        const res = await w.a.admin.post('/api/v1/customer-exports', {
          format: 'csv',
        });
        if (res.statusCode !== 202) throw new Error(`export failed: ${res.statusCode} ${res.body}`);
        await t.deps.jobs.drain(w.a.tenant.id);
        return {
          params: { jobId: res.json().id },
          rows: [['jobs', res.json().id]],
        };
      }),
  },
  {
    name: 'attachment of a customer',
    match: /^\/api\/v1\/attachments\/:id(\/|$)/,
    customerOwned: true,
    build: (w) =>
      once(w, 'attachment', async () => {
        const c = await customerOf(w);
        const res = await upload(
          t,
          w.a.admin,
          '/api/v1/attachments',
          { entityType: 'customer', entityId: c.params.id },
          '量尺记录.txt',
          'text/plain',
          '客厅 4.2m × 3.6m',
        );
        if (res.statusCode !== 201) throw new Error(`attachment upload failed: ${res.statusCode} ${res.body}`);
        return {
          params: { id: res.json().id },
          rows: [...c.rows, ['attachments', res.json().id]],
        };
      }),
  },
  {
    name: 'org unit',
    match: /^\/api\/v1\/org\/units\/:id(\/|$)/,
    customerOwned: false,
    build: PLATFORM_RECORDS.orgUnit,
  },
  {
    name: 'role',
    match: /^\/api\/v1\/roles\/:id(\/|$)/,
    customerOwned: false,
    build: PLATFORM_RECORDS.role,
  },
  {
    name: 'user',
    match: /^\/api\/v1\/users\/:id(\/|$)/,
    customerOwned: false,
    build: PLATFORM_RECORDS.user,
  },
  {
    name: 'API key',
    match: /^\/api\/v1\/api-keys\/:id(\/|$)/,
    customerOwned: false,
    build: PLATFORM_RECORDS.apiKey,
  },
  {
    name: 'custom field',
    match: /^\/api\/v1\/custom-fields\/:id(\/|$)/,
    customerOwned: false,
    build: PLATFORM_RECORDS.customField,
  },
  {
    name: 'history of a platform record (one record of every type)',
    match: /^\/api\/v1\/history\/:entityType\/:id$/,
    customerOwned: false,
    build: (w) =>
      Promise.all(
        HISTORY_ENTITY_TYPES.map(async (entityType) => {
          const rec = await PLATFORM_RECORDS[entityType](w);
          return { params: { entityType, id: rec.params.id }, rows: rec.rows };
        }),
      ),
  },
  {
    name: 'event delivery (dead, so a retry would change it)',
    match: /^\/api\/v1\/event-deliveries\/:id(\/|$)/,
    customerOwned: false,
    build: (w) =>
      once(w, 'eventDelivery', async () => {
        const e = await t.deps.db.pool.query(
          "INSERT INTO outbox_events (tenant_id, type, aggregate_type, payload, occurred_at) VALUES ($1, 'isolation.probe', 'probe', '{}', now()) RETURNING id",
          [w.a.tenant.id],
        );
        const d = await t.deps.db.pool.query(
          "INSERT INTO event_deliveries (tenant_id, event_id, subscriber, status, attempts, available_at) VALUES ($1, $2, 'isolation.probe', 'dead', 10, now()) RETURNING id",
          [w.a.tenant.id, e.rows[0].id],
        );
        return { params: { id: d.rows[0].id }, rows: [['event_deliveries', d.rows[0].id]] };
      }),
  },
  {
    name: 'job',
    match: /^\/api\/v1\/jobs\/:id(\/|$)/,
    customerOwned: false,
    build: (w) =>
      once(w, 'job', async () => {
        // A kind no worker handles, so the row stays as it is.
        const me = (await w.a.admin.get('/api/v1/auth/me')).json();
        const r = await t.deps.db.pool.query("INSERT INTO jobs (tenant_id, kind, input, created_by) VALUES ($1, 'isolation.probe', '{}', $2) RETURNING id", [
          w.a.tenant.id,
          me.user.id,
        ]);
        return { params: { id: r.rows[0].id }, rows: [['jobs', r.rows[0].id]] };
      }),
  },
];

/** Bodies that would make a real change (so "unchanged" means something); `{}` is used when the schema accepts it. */
const PLATFORM_BODIES: Record<string, unknown> = {
  'PATCH /api/v1/customers/:id': { notes: '越权修改', tags: ['被改'] },
  'POST /api/v1/customers/:id/contacts': { name: '越权联系人' },
  'PATCH /api/v1/customers/:id/contacts/:contactId': { name: '越权改名' },
  'POST /api/v1/customers/:id/release': { reason: '越权释放' },
  'POST /api/v1/customer-imports/:id/run': {
    mapping: { 姓名: 'name', 手机: 'phones' },
    dryRun: false,
  },
  'PATCH /api/v1/org/units/:id': { name: '越权改名', status: 'closed' },
  'PATCH /api/v1/roles/:id': {
    permissions: ['customers:view', 'customers:delete'],
    dataScope: 'tenant',
  },
  'PATCH /api/v1/users/:id': { displayName: '越权改名', status: 'disabled' },
  'PATCH /api/v1/custom-fields/:id': { label: '越权', required: true },
};

/** Platform and customer factories here; each later module's in apps/server/test/isolation/<module>.factories.ts. */
const MODULES = [Catalogue, Orders, OrderFollowups, ServiceRequests, Knowledge, Leads, SalesActivities, Opportunities, SalesTargets, Work, Loyalty, LoyaltyTiers, LoyaltyCards, LoyaltyStoredValue, LoyaltyBonusRules, LoyaltySettlement];
const FACTORIES: Factory[] = [...MODULES.flatMap((m) => m.FACTORIES), ...PLATFORM_FACTORIES];
const BODIES: Record<string, unknown> = Object.assign({}, PLATFORM_BODIES, ...MODULES.map((m) => m.BODIES));

const isZod = (s: unknown): s is z.ZodType => !!s && typeof s === 'object' && '_zod' in s;

function bodyFor(route: ApiRoute): { body?: unknown; error?: string } {
  const key = `${route.method} ${route.url}`;
  if (key in BODIES) return { body: BODIES[key] };
  const schema = route.schema?.body;
  if (!schema) return { body: undefined };
  if (isZod(schema) && schema.safeParse({}).success) return { body: {} };
  return {
    error: `${key}: its body schema needs fields; add a sample body to BODIES in isolation.test.ts`,
  };
}

const paramNames = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
const fill = (url: string, params: Record<string, string>) => url.replace(/:([A-Za-z0-9_]+)/g, (_, k: string) => params[k]);

async function call(c: Client, route: ApiRoute, url: string, body: unknown) {
  const headers: Record<string, string> = { cookie: c.cookie };
  return t.app.inject({
    method: route.method as 'GET',
    url,
    headers,
    ...(body !== undefined ? { payload: body as object } : {}),
  });
}

async function snapshot(rows: [string, string][]) {
  return Promise.all(rows.map(([table, id]) => rowOf(t, table, id)));
}

/**
 * Routes with a path parameter, but not the public ones (`config.public`): they answer anyone by design (the
 * self-service page of a tenant code); their isolation between tenants and visitors is tested by their module
 * (apps/server/test/self-service).
 */
const walkedRoutes = () => apiRoutes(t.app).filter((r) => r.url.includes(':') && !r.config.public);

describe('tenant and scope isolation of every route with an id (generated)', () => {
  it('lists the routes it walks, and has a factory for each', () => {
    const routes = walkedRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const missing = routes
      .filter((r) => {
        const f = FACTORIES.find((x) => x.match.test(r.url));
        return !f;
      })
      .map((r) => `${r.method} ${r.url}`);
    expect(missing, `no factory builds a record for these routes; add one to FACTORIES in apps/server/test/platform/isolation.test.ts`).toEqual([]);
  });

  it('answers 404 to another tenant’s administrator and to a store user outside the owning store, and changes nothing', async () => {
    const a = await newTenant(t, '甲品牌');
    const b = await newTenant(t, '乙品牌');
    const region = await makeStore(a.admin, a.hq.id, 'direct', 'region');
    const storeA = await makeStore(a.admin, region.id);
    const sibling = await makeStore(a.admin, region.id);
    const w: World = { t, a, storeA, memo: new Map() };
    // The strongest store role there is, but only its own store.
    const storeRole = await createRole(a.admin, {
      // Every right of every module (incl. administration), limited to its own store by the data scope.
      permissions: [...ALL_PERMISSIONS],
      dataScope: 'unit',
    });
    const outsider = (await userIn(t, a.admin, a.code, sibling.id, storeRole.name)).client;

    const problems: string[] = [];
    const routes = walkedRoutes();
    const built: [ApiRoute, Built][] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const f = FACTORIES.find((x) => x.match.test(route.url));
      if (!f) {
        problems.push(`${key}: no factory; add one to FACTORIES`);
        continue;
      }
      for (const rec of [await f.build(w)].flat()) {
        const absent = paramNames(route.url).filter((p) => !(p in rec.params));
        if (absent.length) {
          problems.push(`${key}: factory "${f.name}" does not provide :${absent.join(', :')}; add a factory for this record`);
          continue;
        }
        built.push([route, rec]);
      }
    }
    const footprint = await tenantFootprint(a.tenant.id);
    let calls = 0;
    for (const [route, rec] of built) {
      const url = fill(route.url, rec.params);
      // A route may be walked with several kinds of record: the message names the record's tables.
      const key = `${route.method} ${route.url} [${rec.rows.map(([table]) => table).join(', ')}]`;
      const f = FACTORIES.find((x) => x.match.test(route.url))!;
      const { body, error } = bodyFor(route);
      if (error) {
        problems.push(error);
        continue;
      }
      const callers: [string, Client][] = [['admin of tenant B', b.admin]];
      if (f.customerOwned) callers.push(['store user of tenant A outside the store', outsider]);
      for (const [who, c] of callers) {
        const before = await snapshot(rec.rows);
        const res = await call(c, route, url, body);
        calls++;
        if (res.statusCode !== 404) problems.push(`${key} as ${who}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        else if (res.json().error?.code !== 'not_found') problems.push(`${key} as ${who}: 404 without the not_found body`);
        const after = await snapshot(rec.rows);
        if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${key} as ${who}: the record changed`);
      }
      // Positive control: the owner reaches the very same URL, so the 404s above are not about a wrong address.
      if (route.method === 'GET') {
        const own = await call(a.admin, route, url, undefined);
        if (own.statusCode !== 200) problems.push(`${key} as tenant A's administrator: ${own.statusCode} (the walker built a wrong URL)`);
      }
    }
    expect(problems).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(built.length);
    // Nothing happened in tenant A: no row added or removed in any table (audit trail and job queue included).
    expect(await tenantFootprint(a.tenant.id)).toEqual(footprint);
    // And the same records are reachable by their owner (the walker did not test dead ids).
    const c = await customerOf(w);
    expect((await a.admin.get(`/api/v1/customers/${c.params.id}`)).statusCode).toBe(200);
  });

  it('refuses ids of another tenant inside request bodies', async () => {
    const a = await newTenant(t, '甲品牌');
    const b = await newTenant(t, '乙品牌');
    const storeA = await makeStore(a.admin, a.hq.id);
    const roleA = (await a.admin.get('/api/v1/roles')).json().items[0];
    const { user: userA } = await userIn(t, a.admin, a.code, storeA.id, '导购');
    const custA = await createCustomer(a.admin, {
      kind: 'company',
      name: '甲方公司',
      storeId: storeA.id,
    });
    const contactA = (
      await a.admin.post(`/api/v1/customers/${custA.id}/contacts`, {
        name: '甲方联系人',
      })
    ).json();
    const roleB = (await b.admin.get('/api/v1/roles')).json().items[0];
    const custB = await createCustomer(b.admin, {
      kind: 'company',
      name: '乙方公司',
    });
    const counts = async () =>
      Promise.all(['customers', 'users', 'roles', 'org_units', 'api_keys', 'customer_contacts'].map((x) => countRows(t, x, b.tenant.id)));
    const before = await counts();
    const cases: [string, Promise<{ statusCode: number; body: string }>][] = [
      [
        'user in a unit of A',
        b.admin.post('/api/v1/users', {
          username: 'cross1',
          displayName: '越界',
          password: 'password-1',
          unitId: storeA.id,
          roleIds: [roleB.id],
        }),
      ],
      [
        'user with a role of A',
        b.admin.post('/api/v1/users', {
          username: 'cross2',
          displayName: '越界',
          password: 'password-1',
          unitId: b.hq.id,
          roleIds: [roleA.id],
        }),
      ],
      [
        'unit under a unit of A',
        b.admin.post('/api/v1/org/units', {
          parentId: storeA.id,
          kind: 'store',
          storeKind: 'direct',
          code: 'X1',
          name: '越界店',
        }),
      ],
      [
        'API key with a role of A',
        b.admin.post('/api/v1/api-keys', {
          name: 'x',
          roleId: roleA.id,
          unitId: b.hq.id,
        }),
      ],
      [
        'API key in a unit of A',
        b.admin.post('/api/v1/api-keys', {
          name: 'x',
          roleId: roleB.id,
          unitId: storeA.id,
        }),
      ],
      [
        'customer in a store of A',
        b.admin.post('/api/v1/customers', {
          kind: 'person',
          name: '越界客',
          storeId: storeA.id,
        }),
      ],
      [
        'customer owned by a user of A',
        b.admin.post('/api/v1/customers', {
          kind: 'person',
          name: '越界客',
          ownerId: userA.id,
        }),
      ],
      [
        'contact reporting to a contact of A',
        b.admin.post(`/api/v1/customers/${custB.id}/contacts`, {
          name: '越界',
          reportsToId: contactA.id,
        }),
      ],
    ];
    // Bulk routes of the customer module take ids in the body (present once registered).
    const registered = new Set(apiRoutes(t.app).map((r) => `${r.method} ${r.url}`));
    if (registered.has('POST /api/v1/customers/transfer')) {
      cases.push([
        'transfer of a customer of A',
        b.admin.post('/api/v1/customers/transfer', {
          customerIds: [custA.id],
          ownerId: null,
        }),
      ]);
    }
    if (registered.has('POST /api/v1/customers/merge')) {
      cases.push([
        'merge of a customer of A',
        b.admin.post('/api/v1/customers/merge', {
          survivorId: custB.id,
          mergedIds: [custA.id],
        }),
      ]);
      cases.push([
        'merge into a customer of A',
        b.admin.post('/api/v1/customers/merge', {
          survivorId: custA.id,
          mergedIds: [custB.id],
        }),
      ]);
    }
    const custARow = await rowOf(t, 'customers', custA.id);
    for (const [what, p] of cases) {
      const res = await p;
      expect([404, 422], `${what}: ${res.body}`).toContain(res.statusCode);
    }
    const moveUser = await b.admin.patch(`/api/v1/users/${(await b.admin.get('/api/v1/auth/me')).json().user.id}`, { unitId: storeA.id });
    expect(moveUser.statusCode).toBe(422);
    expect(await counts()).toEqual(before);
    expect((await rowOf(t, 'customer_contacts', contactA.id))?.tenant_id).toBe(a.tenant.id);
    expect(await rowOf(t, 'customers', custA.id)).toEqual(custARow);
  });
});

describe('route declarations', () => {
  it('fails start-up for an /api/v1 route that declares neither a permission nor public', async () => {
    const app = Fastify();
    registerGuard(app, t.deps.db.db, () => new Date());
    let failure: unknown = null;
    try {
      app.get('/api/v1/forgotten', async () => ({ ok: true }));
      await app.ready();
    } catch (err) {
      failure = err;
    }
    expect(String(failure)).toMatch(/GET \/api\/v1\/forgotten declares neither a permission nor public/);
    await app.close().catch(() => {});
  });

  it('accepts routes that declare a permission, public or authenticated, and routes outside /api/v1', async () => {
    const app = Fastify();
    registerErrorHandling(app);
    await app.register(cookie);
    registerGuard(app, t.deps.db.db, () => new Date());
    app.get('/api/v1/a', { config: { permission: 'customers:view' } }, async () => ({}));
    app.get('/api/v1/b', { config: { public: true } }, async () => ({}));
    app.get('/api/v1/c', { config: { authenticated: true } }, async () => ({}));
    app.get('/health-outside', async () => ({}));
    await app.ready();
    expect(apiRoutes(app).map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v1/a', 'GET /api/v1/b', 'GET /api/v1/c']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/a' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/b' })).statusCode).toBe(200);
    await app.close();
  });
});
