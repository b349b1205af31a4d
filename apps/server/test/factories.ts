import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Client, TestApp } from './helpers.ts';
import { uniq } from './helpers.ts';

/** Small builders shared by the customer, access, audit and isolation suites. Each works inside the caller's tenant. */

export interface CustomerBody {
  kind?: 'person' | 'company';
  name: string;
  [k: string]: unknown;
}

/** Create a customer (duplicates allowed unless the body says otherwise) and return the response body; fails loudly otherwise. */
export async function createCustomer(c: Client, body: CustomerBody) {
  const res = await c.post('/api/v1/customers', {
    kind: 'person',
    ignoreDuplicates: true,
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`customer create failed: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, unknown> & {
    id: string;
    code: string;
    name: string;
    phones: string[];
  };
}

export async function createRole(
  admin: Client,
  r: {
    name?: string;
    permissions: string[];
    dataScope: 'own' | 'unit' | 'subtree' | 'tenant';
    fieldRules?: Record<string, string>;
  },
) {
  const name = r.name ?? uniq('角色');
  const res = await admin.post('/api/v1/roles', {
    name,
    permissions: r.permissions,
    dataScope: r.dataScope,
    fieldRules: r.fieldRules ?? {},
  });
  if (res.statusCode !== 201) throw new Error(`role create failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; name: string };
}

export async function defineField(
  admin: Client,
  f: {
    key: string;
    label?: string;
    type: 'text' | 'number' | 'date' | 'select' | 'multiselect';
    options?: string[];
    required?: boolean;
  },
) {
  const res = await admin.post('/api/v1/custom-fields', {
    object: 'customer',
    label: f.label ?? f.key,
    options: [],
    ...f,
  });
  if (res.statusCode !== 201) throw new Error(`custom field create failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; key: string };
}

/** Rows of a table belonging to one tenant (to prove that a refused request changed nothing). */
export async function countRows(t: TestApp, table: string, tenantId: string): Promise<number> {
  const r = await t.deps.db.pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenantId]);
  return r.rows[0].n as number;
}

/** A row exactly as stored, for before/after comparisons. */
export async function rowOf(t: TestApp, table: string, id: string): Promise<Record<string, unknown> | null> {
  const r = await t.deps.db.pool.query(`SELECT to_jsonb(x) AS j FROM ${table} x WHERE id = $1`, [id]);
  return (r.rows[0]?.j as Record<string, unknown>) ?? null;
}

/** The standard error body `{ error: { code, message, issues?, params?, requestId } }`, with the request id of the response. */
export function expectErrorBody(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.requestId).toBe(res.headers['x-request-id']);
  for (const k of Object.keys(body.error)) expect(['code', 'message', 'issues', 'params', 'requestId']).toContain(k);
  if (body.error.issues) {
    for (const i of body.error.issues) {
      expect(typeof i.path).toBe('string');
      expect(typeof i.code).toBe('string');
      expect(typeof i.message).toBe('string');
    }
  }
  return body.error as {
    code: string;
    message: string;
    issues?: { path: string; code: string; message: string }[];
    params?: Record<string, unknown>;
    requestId: string;
  };
}

/** Paths of the issues of an error body. */
export const issuePaths = (res: LightMyRequestResponse): string[] => (res.json().error?.issues ?? []).map((i: { path: string }) => i.path);

export const ids = (res: LightMyRequestResponse): string[] => res.json().items.map((i: { id: string }) => i.id);
