import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createRole, expectErrorBody } from '../factories.ts';
import { newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { uploadFile } from '../uploads.ts';
import { type Activity, activityWorld, callWithStep, logActivity } from './activities-world.ts';

/** Who may log, read and act on activities: permissions, the subject's visibility, tenants, field rules, attachments. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

describe('the subject decides who may log and read', () => {
  it('answers 404 to a store user who logs on, or reads, another store’s customer', async () => {
    const w = await activityWorld(t);
    const a = await logActivity(w.salesA.client, callWithStep(w.customerA.id, new Date(Date.now() + 86_400_000).toISOString()));
    const before = await countRows(t, 'sales_activities', w.tenantId);
    for (const c of [w.salesB.client, w.salesA2.client]) {
      expectErrorBody(await c.post('/api/v1/activities', { subjectType: 'customer', subjectId: w.customerA.id, kind: 'call', outcome: 'reached' }), 404, 'not_found');
      expectErrorBody(await c.get(`/api/v1/activities?subjectType=customer&subjectId=${w.customerA.id}`), 404, 'not_found');
      expectErrorBody(await c.get(`/api/v1/activities/${a.id}`), 404, 'not_found');
      expectErrorBody(await c.get(`/api/v1/activities/${a.id}/history`), 404, 'not_found');
      expectErrorBody(await c.post(`/api/v1/activities/${a.id}/next-step/done`, {}), 404, 'not_found');
    }
    expectErrorBody(await w.managerA.client.post('/api/v1/activities', { subjectType: 'customer', subjectId: w.customerB.id, kind: 'call', outcome: 'reached' }), 404, 'not_found');
    expectErrorBody(await w.salesA.client.post('/api/v1/activities', { subjectType: 'lead', subjectId: w.customerA.id, kind: 'call', outcome: 'reached' }), 404, 'not_found');
    expect(await countRows(t, 'sales_activities', w.tenantId)).toBe(before);
    // The store manager sees the store's customer, its timeline and the activity's history.
    expect((await w.managerA.client.get(`/api/v1/activities?subjectType=customer&subjectId=${w.customerA.id}`)).json().items.map((x: Activity) => x.id)).toEqual([a.id]);
    const history = (await w.managerA.client.get(`/api/v1/activities/${a.id}/history`)).json();
    expect(history.items.map((h: { action: string }) => h.action)).toEqual(['salesActivity.created']);
  });

  it('needs activities:view to read and activities:edit to write (403)', async () => {
    const w = await activityWorld(t);
    const viewer = await createRole(w.a.admin, { permissions: ['customers:view', 'activities:view'], dataScope: 'unit' });
    const blind = await createRole(w.a.admin, { permissions: ['customers:view'], dataScope: 'unit' });
    const v = (await userIn(t, w.a.admin, w.a.code, w.storeA.id, viewer.name)).client;
    const b = (await userIn(t, w.a.admin, w.a.code, w.storeA.id, blind.name)).client;
    const a = await logActivity(w.salesA.client, { subjectType: 'customer', subjectId: w.customerA.id, kind: 'call', outcome: 'reached' });
    expect((await v.get(`/api/v1/activities/${a.id}`)).statusCode).toBe(200);
    expect(expectErrorBody(await v.post('/api/v1/activities', { subjectType: 'customer', subjectId: w.customerA.id, kind: 'call', outcome: 'reached' }), 403, 'forbidden').params).toEqual({ permission: 'activities:edit' });
    expectErrorBody(await v.post(`/api/v1/activities/${a.id}/next-step/done`, {}), 403, 'forbidden');
    expectErrorBody(await b.get(`/api/v1/activities/${a.id}`), 403, 'forbidden');
    expectErrorBody(await b.get('/api/v1/activities/next-steps'), 403, 'forbidden');
    expectErrorBody(await b.get(`/api/v1/customers/${w.customerA.id}/sales-timeline`), 403, 'forbidden');
    const noCustomers = await createRole(w.a.admin, { permissions: ['activities:view'], dataScope: 'unit' });
    const n = (await userIn(t, w.a.admin, w.a.code, w.storeA.id, noCustomers.name)).client;
    expect(expectErrorBody(await n.get(`/api/v1/customers/${w.customerA.id}/sales-timeline`), 403, 'forbidden').params).toEqual({ permission: 'customers:view' });
  });

  it('keeps tenants apart: another tenant’s ids answer 404 and its plans stay empty', async () => {
    const w = await activityWorld(t);
    const other = await newTenant(t, '别家');
    const a = await logActivity(w.salesA.client, callWithStep(w.customerA.id, new Date(Date.now() + 3_600_000).toISOString()));
    expectErrorBody(await other.admin.get(`/api/v1/activities/${a.id}`), 404, 'not_found');
    expectErrorBody(await other.admin.post(`/api/v1/activities/${a.id}/next-step/done`, {}), 404, 'not_found');
    expectErrorBody(await other.admin.post('/api/v1/activities', { subjectType: 'customer', subjectId: w.customerA.id, kind: 'call', outcome: 'reached' }), 404, 'not_found');
    expectErrorBody(await other.admin.get(`/api/v1/customers/${w.customerA.id}/sales-timeline`), 404, 'not_found');
    const plan = (await other.admin.get('/api/v1/activities/next-steps?owner=all&view=today')).json();
    expect(plan.items).toEqual([]);
    expect((await other.admin.get('/api/v1/activities/next-steps/counts?owner=all')).json()).toMatchObject({ today: 0, overdue: 0, upcoming: 0, done: 0 });
    const stranger = await other.admin.post('/api/v1/activities', {
      subjectType: 'customer', subjectId: w.customerA.id, kind: 'invitation', invitedFor: new Date(Date.now() + 86_400_000).toISOString(), invitedStoreId: w.storeA.id,
    });
    expect(stranger.statusCode).toBe(404);
    expect(await countRows(t, 'sales_activities', other.tenant.id)).toBe(0);
  });

  it('hides the customer’s name where the caller’s field rules hide it', async () => {
    const w = await activityWorld(t);
    const role = await createRole(w.a.admin, { permissions: ['customers:view', 'activities:view', 'activities:edit'], dataScope: 'unit', fieldRules: { 'customer.name': 'hidden' } });
    const masked = await userIn(t, w.a.admin, w.a.code, w.storeA.id, role.name);
    const a = await logActivity(masked.client, callWithStep(w.customerA.id, new Date(Date.now() + 3_600_000).toISOString()));
    expect(a.subjectName).toBeNull();
    expect((await masked.client.get('/api/v1/activities/next-steps')).json().items[0].subjectName).toBeNull();
    expect((await w.managerA.client.get(`/api/v1/activities/${a.id}`)).json().subjectName).toBe('王芳');
  });
});

describe('photos and files', () => {
  it('attaches photos to an activity and files to a proposal version, shown with them; outsiders get 404', async () => {
    const w = await activityWorld(t);
    const visit = await logActivity(w.salesA.client, { subjectType: 'customer', subjectId: w.customerA.id, kind: 'visit', outcome: 'visited', visitType: 'visit' });
    const photo = await uploadFile(t, w.salesA.client, '/api/v1/attachments', { name: '客厅.jpg', content: JPEG, type: 'image/jpeg' }, { entityType: 'salesActivity', entityId: visit.id });
    expect(photo.statusCode, photo.body).toBe(201);
    const shown = (await w.salesA.client.get(`/api/v1/activities/${visit.id}`)).json() as Activity;
    expect(shown.attachments.map((f) => f.fileName)).toEqual(['客厅.jpg']);

    const proposal = await logActivity(w.salesA.client, { subjectType: 'customer', subjectId: w.customerA.id, kind: 'proposal', title: '客厅方案' });
    const v1 = proposal.proposal!.versions[0];
    const plan = await uploadFile(t, w.salesA.client, '/api/v1/attachments', { name: '方案V1.pdf', content: '%PDF-1.4 test', type: 'application/pdf' }, { entityType: 'proposalVersion', entityId: v1.id });
    expect(plan.statusCode, plan.body).toBe(201);
    const withFile = (await w.salesA.client.get(`/api/v1/activities/${proposal.id}`)).json();
    expect(withFile.proposal.versions[0].attachments.map((f: { fileName: string }) => f.fileName)).toEqual(['方案V1.pdf']);
    expect(withFile.attachments).toEqual([]);

    const outsider = await uploadFile(t, w.salesB.client, '/api/v1/attachments', { name: 'x.jpg', content: JPEG, type: 'image/jpeg' }, { entityType: 'salesActivity', entityId: visit.id });
    expectErrorBody(outsider, 404, 'not_found');
    expectErrorBody(await w.salesB.client.get(`/api/v1/attachments?entityType=proposalVersion&entityId=${v1.id}`), 404, 'not_found');
    expect((await w.salesB.client.get(`/api/v1/attachments/${photo.json().id}/download`)).statusCode).toBe(404);
    // Deleted: gone from the activity.
    expect((await w.a.admin.delete(`/api/v1/attachments/${photo.json().id}`)).statusCode).toBe(200);
    expect(((await w.salesA.client.get(`/api/v1/activities/${visit.id}`)).json() as Activity).attachments).toEqual([]);
  });
});
