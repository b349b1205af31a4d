import { inject } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type AppDeps } from '../src/app.ts';
import { readConfig } from '../src/platform/config.ts';
import { openDatabase, type Database } from '../src/platform/db/client.ts';
import { createMailer } from '../src/platform/mail/mailer.ts';
import { JobRunner } from '../src/platform/jobs/runner.ts';
import { registerJobs } from '../src/jobs.ts';
import { createTenant } from '../src/platform/tenancy/tenancy.service.ts';
import type { App } from '../src/platform/http/types.ts';

let shared: Database | null = null;
/** The run's database (one pool per test file). */
export function testDatabase(): Database {
  shared ??= openDatabase(inject('databaseUrl'), inject('databaseKind'), 10);
  return shared;
}

/** A controllable clock for time-dependent behaviour. */
export function testClock(start = new Date()) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set: (d: Date | string) => {
      t = new Date(d).getTime();
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

export interface TestApp {
  /** Tenants made by this test file; its job runner runs only their jobs. */
  tenantIds: string[];
  app: App;
  deps: AppDeps;
  clock: ReturnType<typeof testClock>;
}

export async function testApp(env: Record<string, string> = {}): Promise<TestApp> {
  const clock = testClock();
  const database = testDatabase();
  const config = { ...readConfig({ DATA_DIR: `/tmp/jiake-test-files-${process.pid}`, ...env }), databaseUrl: inject('databaseUrl') };
  const tenantIds: string[] = [];
  const jobs = new JobRunner(database.db, clock.now, { onlyTenants: () => tenantIds, scope: uniq('test-scope-') });
  const deps: AppDeps = { db: database, config, now: clock.now, mailer: createMailer(config), jobs };
  registerJobs(deps);
  const app = await buildApp(deps);
  await app.ready();
  return { app, deps, clock, tenantIds };
}

let seq = 0;
export const uniq = (prefix = 't') => `${prefix}${Date.now().toString(36)}${process.pid.toString(36)}${(seq++).toString(36)}`;

/** A fresh tenant with an administrator logged in; every test builds in its own tenant. */
export async function newTenant(t: TestApp, name = '测试家具') {
  const code = uniq('t');
  const created = await createTenant(t.deps.db.db, { code, name, admin: { username: 'admin', password: 'admin-pass-1', displayName: '管理员' } });
  t.tenantIds.push(created.tenant.id);
  const admin = await loginAs(t, code, 'admin', 'admin-pass-1');
  return { ...created, code, admin };
}

/** A tenant made by newTenant, with its administrator logged in. */
export type TestTenant = Awaited<ReturnType<typeof newTenant>>;

export interface Client {
  cookie: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export function client(t: TestApp, headers: Record<string, string>): Client {
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    t.app.inject({ method, url, headers, ...(body !== undefined ? { payload: body as object } : {}) });
  return {
    cookie: headers.cookie ?? '',
    get: (u) => call('GET', u),
    post: (u, b) => call('POST', u, b ?? {}),
    patch: (u, b) => call('PATCH', u, b ?? {}),
    delete: (u) => call('DELETE', u),
  };
}

export async function loginAs(t: TestApp, tenant: string, username: string, password: string): Promise<Client> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant, username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return client(t, { cookie });
}

/** Create a unit and a user with one of the built-in roles (by name) in it, logged in. */
export async function userIn(t: TestApp, admin: Client, tenantCode: string, unitId: string, roleName: string, roleList?: { id: string; name: string }[]) {
  const roles = roleList ?? (await admin.get('/api/v1/roles')).json().items;
  const role = roles.find((r: { name: string }) => r.name === roleName);
  const username = uniq('u');
  const res = await admin.post('/api/v1/users', { username, displayName: `用户${username.slice(-4)}`, password: 'user-pass-1', unitId, roleIds: [role.id] });
  if (res.statusCode !== 201) throw new Error(`user create failed: ${res.body}`);
  return { user: res.json(), client: await loginAs(t, tenantCode, username, 'user-pass-1') };
}

export async function makeStore(admin: Client, parentId: string, storeKind: 'direct' | 'franchise' | 'dealer' = 'direct', kind: 'store' | 'region' = 'store') {
  const code = uniq('S');
  const res = await admin.post('/api/v1/org/units', { parentId, kind, storeKind: kind === 'store' ? storeKind : undefined, code, name: `${kind === 'store' ? '门店' : '大区'}${code.slice(-5)}` });
  if (res.statusCode !== 201) throw new Error(`unit create failed: ${res.body}`);
  return res.json() as { id: string; code: string; name: string };
}
