import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStore, newTenant, testApp, userIn, type TestApp } from '../helpers.ts';
import { countRows, createCustomer, expectErrorBody } from '../factories.ts';
import { uploadFile, type FilePart } from '../uploads.ts';

/** PLAT-10: attachments on customers, with type and size limits, safe downloads and the customer's own visibility. */

let t: TestApp;
let small: TestApp;
beforeAll(async () => {
  t = await testApp();
  small = await testApp({ MAX_UPLOAD_MB: '0.01' });
});
afterAll(async () => {
  await t.app.close();
  await small.app.close();
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(200)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), crypto.randomBytes(100)]);

async function world(app = t) {
  const ten = await newTenant(app);
  const customer = await createCustomer(ten.admin, { name: '量尺客户', phones: ['13900001111'] });
  const attach = (file: FilePart, entityId = customer.id, c = ten.admin, entityType = 'customer') =>
    uploadFile(app, c, '/api/v1/attachments', file, { entityType, entityId });
  return { ...ten, customer, attach };
}

const filesOf = (app: TestApp, tenantId: string) => {
  const dir = path.join(app.deps.config.filesDir, tenantId);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f !== 'tmp') : [];
};
const tmpFilesOf = (app: TestApp, tenantId: string) => {
  const dir = path.join(app.deps.config.filesDir, tenantId, 'tmp');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe('attachments (PLAT-10)', () => {
  it('stores a photo of a customer under a random name with its hash, and audits the upload', async () => {
    const w = await world();
    const res = await w.attach({ name: '客厅照片.png', content: PNG, type: 'image/png' });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ entityType: 'customer', entityId: w.customer.id, fileName: '客厅照片.png', mime: 'image/png', size: PNG.length });
    expect(a.sha256).toBe(crypto.createHash('sha256').update(PNG).digest('hex'));
    const stored = filesOf(t, w.tenant.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(fs.readFileSync(path.join(t.deps.config.filesDir, w.tenant.id, stored[0]))).toEqual(PNG);
    const audit = (await w.admin.get('/api/v1/audit?action=attachment.created')).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0].entityId).toBe(a.id);
  });

  it('lists the attachments of a customer, newest first', async () => {
    const w = await world();
    await w.attach({ name: 'a.pdf', content: PDF });
    t.clock.advance(1000);
    await w.attach({ name: 'b.png', content: PNG });
    const res = await w.admin.get(`/api/v1/attachments?entityType=customer&entityId=${w.customer.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((x: { fileName: string }) => x.fileName)).toEqual(['b.png', 'a.pdf']);
  });

  it('downloads as an attachment with the UTF-8 file name; only images and PDF keep their type, never inline', async () => {
    const w = await world();
    const pdf = (await w.attach({ name: '设计方案 v2.pdf', content: PDF })).json();
    const res = await w.admin.get(`/api/v1/attachments/${pdf.id}/download`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="____ v2.pdf"; filename*=UTF-8''${encodeURIComponent('设计方案 v2.pdf')}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.rawPayload).toEqual(PDF);

    for (const file of [{ name: '合同.docx', content: DOCX }, { name: '备注.txt', content: '客厅 4.2m × 3.6m\n' }]) {
      const a = (await w.attach(file)).json();
      const d = await w.admin.get(`/api/v1/attachments/${a.id}/download`);
      expect(d.headers['content-type']).toBe('application/octet-stream');
      expect(d.headers['content-disposition']).toMatch(/^attachment;/);
    }
  });

  it('refuses types outside the allow-list and content that does not match the extension; nothing is stored', async () => {
    const w = await world();
    const cases: FilePart[] = [
      { name: 'page.html', content: '<html><script>alert(1)</script></html>', type: 'text/html' },
      { name: 'logo.svg', content: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', type: 'image/svg+xml' },
      { name: 'tool.exe', content: Buffer.from('MZ\x90\x00\x03') },
      { name: 'app.js', content: 'alert(1)' },
      { name: 'photo.png', content: '<html><body>not a png</body></html>' },
      { name: 'notes.txt', content: '<!DOCTYPE html><html><script>alert(1)</script>' },
      { name: 'plan.pdf', content: PNG },
      { name: 'no-extension', content: PDF },
    ];
    for (const file of cases) {
      const res = await w.attach(file);
      expectErrorBody(res, 422, 'unsupported_file');
    }
    expect(await countRows(t, 'attachments', w.tenant.id)).toBe(0);
    expect(filesOf(t, w.tenant.id)).toEqual([]);
    expect(tmpFilesOf(t, w.tenant.id)).toEqual([]);
  });

  it('answers 413 with the standard error body for a file over the size limit, storing nothing', async () => {
    const w = await world(small);
    const res = await w.attach({ name: 'big.pdf', content: Buffer.concat([PDF, Buffer.alloc(20_000, 32)]) });
    expectErrorBody(res, 413, 'payload_too_large');
    expect(await countRows(small, 'attachments', w.tenant.id)).toBe(0);
    expect(filesOf(small, w.tenant.id)).toEqual([]);
    expect(tmpFilesOf(small, w.tenant.id)).toEqual([]);
    expect((await w.attach({ name: 'ok.pdf', content: PDF })).statusCode).toBe(201);
  });

  it('refuses an unknown kind of record, a missing file and an empty file', async () => {
    const w = await world();
    expectErrorBody(await w.attach({ name: 'a.pdf', content: PDF }, w.customer.id, w.admin, 'order'), 422, 'validation_failed');
    expectErrorBody(await uploadFile(t, w.admin, '/api/v1/attachments', { name: 'empty.pdf', content: '' }, { entityType: 'customer', entityId: w.customer.id }), 422, 'unsupported_file');
    const noFile = await t.app.inject({ method: 'POST', url: '/api/v1/attachments', headers: { cookie: w.admin.cookie }, payload: { entityType: 'customer' } });
    expect(noFile.statusCode).toBeGreaterThanOrEqual(400);
    expect(noFile.statusCode).toBeLessThan(500);
    expect(await countRows(t, 'attachments', w.tenant.id)).toBe(0);
  });

  it('answers 404 for a customer of another tenant or outside the caller’s store, on every attachment route', async () => {
    const a = await world();
    const b = await world();
    const storeA = await makeStore(a.admin, a.hq.id);
    const storeB = await makeStore(a.admin, a.hq.id);
    const inB = await createCustomer(a.admin, { name: '别店客户', storeId: storeB.id });
    const { client: manager } = await userIn(t, a.admin, a.code, storeA.id, '店长');
    const att = (await a.attach({ name: 'x.pdf', content: PDF }, inB.id)).json();

    expectErrorBody(await b.attach({ name: 'x.pdf', content: PDF }, inB.id), 404, 'not_found');
    expectErrorBody(await a.attach({ name: 'x.pdf', content: PDF }, inB.id, manager), 404, 'not_found');
    for (const c of [b.admin, manager]) {
      expectErrorBody(await c.get(`/api/v1/attachments?entityType=customer&entityId=${inB.id}`), 404, 'not_found');
      expectErrorBody(await c.get(`/api/v1/attachments/${att.id}/download`), 404, 'not_found');
    }
    expectErrorBody(await b.admin.delete(`/api/v1/attachments/${att.id}`), 404, 'not_found');
    expect(await countRows(t, 'attachments', b.tenant.id)).toBe(0);
    expect((await a.admin.get(`/api/v1/attachments/${att.id}/download`)).statusCode).toBe(200);
  });

  it('soft-deletes: the attachment leaves the list and downloads, the row and the audit trail stay', async () => {
    const w = await world();
    const a = (await w.attach({ name: 'x.png', content: PNG })).json();
    expect((await w.admin.delete(`/api/v1/attachments/${a.id}`)).statusCode).toBe(200);
    expect((await w.admin.get(`/api/v1/attachments?entityType=customer&entityId=${w.customer.id}`)).json().items).toEqual([]);
    expectErrorBody(await w.admin.get(`/api/v1/attachments/${a.id}/download`), 404, 'not_found');
    expectErrorBody(await w.admin.delete(`/api/v1/attachments/${a.id}`), 404, 'not_found');
    const row = await t.deps.db.pool.query('SELECT deleted_at FROM attachments WHERE id = $1', [a.id]);
    expect(row.rows[0].deleted_at).not.toBeNull();
    const audit = (await w.admin.get('/api/v1/audit?action=attachment.deleted')).json().items;
    expect(audit.map((x: { entityId: string }) => x.entityId)).toEqual([a.id]);
  });

  it('needs attachments:delete to delete (a sales associate may upload but not delete)', async () => {
    const w = await world();
    const store = await makeStore(w.admin, w.hq.id);
    const { client: sales } = await userIn(t, w.admin, w.code, store.id, '导购');
    const mine = await createCustomer(sales, { name: '导购的客户' });
    const a = await w.attach({ name: 'x.png', content: PNG }, mine.id, sales);
    expect(a.statusCode, a.body).toBe(201);
    expectErrorBody(await sales.delete(`/api/v1/attachments/${a.json().id}`), 403, 'forbidden');
  });
});
