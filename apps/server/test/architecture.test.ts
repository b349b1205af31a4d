import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../src/db-schema.ts';
import { responseSerializerOf } from '../src/app.ts';
import { type ApiRoute, apiRoutes } from '../src/platform/http/guard.ts';
import { type TestApp, testApp } from './helpers.ts';

/**
 * The rules of docs/ARCHITECTURE.md that a machine can check:
 *  1. every business table has a non-null uuid `tenant_id` (in the Drizzle schema and in the migrated database);
 *  2. tables are imported only where they belong (see TABLE_IMPORT_RULES);
 *  3. every /api/v1 route validates its input with Zod and declares a Zod response schema.
 */

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(serverRoot, '../..');
const rel = (abs: string) => path.relative(repoRoot, abs).split(path.sep).join('/');

/** Tables that are not business data, and why. Everything else must carry tenant_id. */
const NOT_TENANT_TABLES: Record<string, string> = {
  tenants: 'the tenant registry itself',
  login_attempts: 'pre-login throttle by address across tenants; the typed tenant code may not exist',
  scheduler_leases: 'which server instance leads the cron scheduler; one per deployment, not per tenant',
  scheduler_state: 'the last cron slot fired per schedule; per deployment, not per tenant',
};

describe('every business table has tenant_id (PLAT-1)', () => {
  const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));

  it('finds the tables of every *.tables.ts file through db-schema.ts', () => {
    const files = walk(path.join(serverRoot, 'src')).filter((f) => f.endsWith('.tables.ts'));
    const dbSchema = fs.readFileSync(path.join(serverRoot, 'src/db-schema.ts'), 'utf8');
    const exported = [...dbSchema.matchAll(/export \* from '(.+?)'/g)].map((m) => rel(path.resolve(serverRoot, 'src', m[1])));
    expect(files.map(rel).sort()).toEqual(exported.sort());
    expect(tables.length).toBeGreaterThanOrEqual(15);
  });

  it('declares a non-null uuid tenant_id on every table but the documented exceptions', () => {
    const names = tables.map((t) => getTableConfig(t).name);
    for (const exempt of Object.keys(NOT_TENANT_TABLES)) expect(names, `exception ${exempt} is stale`).toContain(exempt);
    const bad = tables
      .map((t) => getTableConfig(t))
      .filter((c) => !(c.name in NOT_TENANT_TABLES))
      .filter((c) => {
        const col = c.columns.find((x) => x.name === 'tenant_id');
        return !col || !col.notNull || col.getSQLType() !== 'uuid';
      })
      .map((c) => c.name);
    expect(bad, 'tables without a non-null uuid tenant_id column').toEqual([]);
  });

  it('has tenant_id on every table of the migrated database too (raw SQL migrations included)', async () => {
    const { testDatabase } = await import('./helpers.ts');
    const res = await testDatabase().pool.query(`
      SELECT t.table_name, c.is_nullable, c.data_type
        FROM information_schema.tables t
        LEFT JOIN information_schema.columns c
          ON c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'tenant_id'
       WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`);
    const bad = res.rows
      .filter((r) => !(r.table_name in NOT_TENANT_TABLES))
      .filter((r) => r.is_nullable !== 'NO' || r.data_type !== 'uuid')
      .map((r) => r.table_name);
    expect(res.rows.length).toBeGreaterThanOrEqual(15);
    expect(bad).toEqual([]);
  });
});

// ---------- who imports tables ----------

/**
 * The rule (enforced below):
 *  - a module's tables (src/modules/<m>/**\/*.tables.ts) are imported only from inside src/modules/<m>/;
 *  - platform tables (src/platform/**\/*.tables.ts) are imported from src/platform/**, and in a module only by its
 *    *.repository.ts and *.service.ts files (joins with users, units …);
 *  - platform code imports nothing from src/modules/ (it knows no business module);
 *  - always allowed: src/db-schema.ts (drizzle-kit), src/demo/** (seed data), bench/** and tests.
 */
export function tableImportViolations(edges: { from: string; to: string }[]): string[] {
  const out: string[] = [];
  const free = (f: string) =>
    f === 'apps/server/src/db-schema.ts' ||
    f.startsWith('apps/server/src/demo/') ||
    f.startsWith('bench/') ||
    f.startsWith('apps/server/test/') ||
    f.startsWith('e2e/');
  for (const { from, to } of edges) {
    if (from.startsWith('apps/server/src/platform/') && to.startsWith('apps/server/src/modules/')) {
      out.push(`${from} imports ${to}: platform code must not know business modules`);
      continue;
    }
    if (!to.endsWith('.tables.ts') || free(from)) continue;
    const mod = /^apps\/server\/src\/modules\/([^/]+)\//.exec(to);
    if (mod) {
      if (!from.startsWith(`apps/server/src/modules/${mod[1]}/`)) out.push(`${from} imports ${to}: a module's tables are used only inside that module`);
      continue;
    }
    if (to.startsWith('apps/server/src/platform/')) {
      if (from.startsWith('apps/server/src/platform/')) continue;
      if (from.startsWith('apps/server/src/modules/') && /\.(repository|service)\.ts$/.test(from)) continue;
      out.push(`${from} imports ${to}: platform tables are used by platform code and by module repositories/services only`);
      continue;
    }
    out.push(`${from} imports ${to}: tables live in src/platform/** or src/modules/<m>/`);
  }
  return out;
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) return [];
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.(ts|tsx|mts)$/.test(e.name) ? [p] : [];
  });
}

function importEdges(files: string[]) {
  const edges: { from: string; to: string }[] = [];
  for (const file of files) {
    const src = fs.readFileSync(file, 'utf8');
    const specs = [
      ...[...src.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)].map((m) => m[1]),
      ...[...src.matchAll(/\bimport\s+['"]([^'"]+)['"]/g)].map((m) => m[1]),
      ...[...src.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]),
    ];
    for (const s of specs)
      if (s.startsWith('.'))
        edges.push({
          from: rel(file),
          to: rel(path.resolve(path.dirname(file), s)),
        });
  }
  return edges;
}

describe('tables are imported only where they belong', () => {
  const files = [...walk(path.join(serverRoot, 'src')), ...walk(path.join(repoRoot, 'bench')), ...walk(path.join(serverRoot, 'test'))];
  const edges = importEdges(files);

  it('reads the import graph (sanity: the known edges are there)', () => {
    expect(edges).toContainEqual({
      from: 'apps/server/src/modules/customers/customers.repository.ts',
      to: 'apps/server/src/modules/customers/customers.tables.ts',
    });
    expect(edges).toContainEqual({
      from: 'apps/server/src/db-schema.ts',
      to: 'apps/server/src/modules/customers/customers.tables.ts',
    });
    expect(edges.length).toBeGreaterThan(100);
  });

  it('flags the violations it is meant to flag', () => {
    expect(
      tableImportViolations([
        {
          from: 'apps/server/src/platform/audit/audit.service.ts',
          to: 'apps/server/src/modules/customers/customers.tables.ts',
        },
        {
          from: 'apps/server/src/modules/orders/orders.repository.ts',
          to: 'apps/server/src/modules/customers/customers.tables.ts',
        },
        {
          from: 'apps/server/src/modules/customers/customers.routes.ts',
          to: 'apps/server/src/platform/tenancy/tenancy.tables.ts',
        },
        {
          from: 'apps/server/src/platform/files/files.service.ts',
          to: 'apps/server/src/modules/customers/index.ts',
        },
      ]),
    ).toHaveLength(4);
    expect(
      tableImportViolations([
        {
          from: 'apps/server/src/modules/customers/import/import.repository.ts',
          to: 'apps/server/src/modules/customers/customers.tables.ts',
        },
        {
          from: 'apps/server/src/modules/customers/pool.repository.ts',
          to: 'apps/server/src/platform/tenancy/tenancy.tables.ts',
        },
        {
          from: 'apps/server/src/demo/seed.ts',
          to: 'apps/server/src/modules/customers/customers.tables.ts',
        },
        {
          from: 'apps/server/src/platform/auth/login.ts',
          to: 'apps/server/src/platform/tenancy/tenancy.tables.ts',
        },
      ]),
    ).toEqual([]);
  });

  it('holds for the code base', () => {
    expect(tableImportViolations(edges)).toEqual([]);
  });
});

// ---------- route schemas ----------

describe('every /api/v1 route is schema-first', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  const isZod = (s: unknown) => !!s && typeof s === 'object' && '_zod' in (s as object);
  const paramNames = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]).sort();

  /** What a route is missing; handler source tells whether it reads the body or the query string. */
  function problemsOf(r: ApiRoute): string[] {
    const s = r.schema ?? {};
    const out: string[] = [];
    const src = String(r.handler);
    const multipart = ((s as { consumes?: string[] }).consumes ?? []).some((c) => c.startsWith('multipart/'));
    if (paramNames(r.url).length) {
      if (!isZod(s.params)) out.push('path parameters without a Zod params schema');
      else {
        const keys = Object.keys((s.params as { shape?: object }).shape ?? {}).sort();
        if (JSON.stringify(keys) !== JSON.stringify(paramNames(r.url)))
          out.push(`params schema names ${keys.join(',')} but the path has ${paramNames(r.url).join(',')}`);
      }
    }
    if (s.body !== undefined && !isZod(s.body)) out.push('body schema is not Zod');
    if (['PATCH', 'PUT'].includes(r.method) && !isZod(s.body) && !multipart) out.push(`${r.method} without a Zod body schema`);
    if (/\b(req|request)\.body\b/.test(src) && !isZod(s.body)) out.push('reads req.body without a Zod body schema');
    if (s.querystring !== undefined && !isZod(s.querystring)) out.push('querystring schema is not Zod');
    if (/\b(req|request)\.query\b/.test(src) && !isZod(s.querystring)) out.push('reads req.query without a Zod querystring schema');
    const ok = Object.entries(s.response ?? {}).filter(([code]) => /^2\d\d$/.test(code));
    if (!ok.length) out.push('no 2xx response schema (a file download declares one too, e.g. 200: z.string().meta({ format: "binary" }))');
    for (const [code, rs] of ok) if (!isZod(rs)) out.push(`response ${code} is not Zod`);
    return out;
  }

  it('checks a representative set of routes', () => {
    const keys = apiRoutes(t.app).map((r) => `${r.method} ${r.url}`);
    for (const k of [
      'GET /api/v1/customers',
      'POST /api/v1/customers',
      'PATCH /api/v1/customers/:id',
      'POST /api/v1/auth/login',
      'GET /api/v1/audit',
      'PATCH /api/v1/users/:id',
    ]) {
      expect(keys).toContain(k);
    }
    expect(
      problemsOf({
        method: 'PATCH',
        url: '/api/v1/x/:id',
        config: {},
        schema: {},
        handler: () => null,
      }),
    ).toEqual([
      'path parameters without a Zod params schema',
      'PATCH without a Zod body schema',
      'no 2xx response schema (a file download declares one too, e.g. 200: z.string().meta({ format: "binary" }))',
    ]);
  });

  it('has Zod params, body and querystring where they apply, and a Zod 2xx response schema, on every route', () => {
    const bad = apiRoutes(t.app)
      .map((r) => ({ route: `${r.method} ${r.url}`, problems: problemsOf(r) }))
      .filter((x) => x.problems.length);
    expect(bad).toEqual([]);
  });

  it('shows every non-hidden route in the OpenAPI document with its responses', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const missing = apiRoutes(t.app)
      .filter((r) => !r.schema?.hide)
      .filter((r) => {
        const p = doc.paths[r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[r.method.toLowerCase()];
        return !p || !Object.keys(p.responses ?? {}).some((c) => /^2\d\d$/.test(c));
      })
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('compiles every response schema into the fast serializer (none falls back to zod)', () => {
    const serializer = responseSerializerOf(t.app)!;
    expect(serializer.compiled()).toBeGreaterThan(apiRoutes(t.app).length);
    expect(serializer.fallbacks).toEqual([]);
  });
});
