import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkItem, WorkSource, WorkSourceEntry } from '../../src/platform/work/work-items.ts';
import { WORK_LIMIT } from '../../src/platform/work/work.service.ts';
import { createRole } from '../factories.ts';
import { type Client, makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { workApp } from './work-app.ts';

/**
 * "My work today" (PLAT-12): the route asks every source the caller may use, with the clock's now and the end of the
 * day in Shanghai, merges the answers into sections, and keeps answering when a source fails.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

const NOW = '2026-11-22T07:30:00.000Z'; // 15:30 in Shanghai

const item = (id: string, over: Partial<WorkItem> = {}): WorkItem => ({ source: 'x', id, kind: 'activity.due', title: id, detail: null, dueAt: null, overdue: false, link: `/x/${id}`, ...over });
const fixed = (items: WorkItem[]): WorkSource => async () => items;

async function salesperson() {
  const a = await newTenant(t, '工作家具');
  const store = await makeStore(a.admin, a.hq.id);
  const sales = await userIn(t, a.admin, a.code, store.id, '导购');
  return { a, store, sales };
}

interface Section {
  key: string;
  count: number;
  more: boolean;
  items: WorkItem[];
}
async function today(app: Awaited<ReturnType<typeof workApp>>['app'], c: Client) {
  const res = await app.inject({ method: 'GET', url: '/api/v1/work/today', headers: { cookie: c.cookie } });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { now: string; endOfToday: string; sections: Section[]; total: number; failed: { source: string; error: string }[] };
  return { ...body, section: (key: string) => body.sections.find((s) => s.key === key) };
}

describe('merging the sources', () => {
  it('puts tasks into overdue and due today by their flag, the other sources into their sections, most urgent first', async () => {
    t.clock.set(NOW);
    const { sales } = await salesperson();
    const { app } = await workApp(t, {
      activities: {
        permission: 'customers:view',
        section: 'tasks',
        load: fixed([
          item('call-later', { dueAt: '2026-11-22T12:00:00.000Z' }),
          item('visit-late', { dueAt: '2026-11-21T02:00:00.000Z', overdue: true }),
          item('call-soon', { dueAt: '2026-11-22T08:00:00.000Z' }),
        ]),
      },
      followups: { permission: 'customers:view', section: 'tasks', load: fixed([item('step-late', { kind: 'followup.due', dueAt: '2026-11-20T15:59:59.000Z', overdue: true })]) },
      leads: { permission: 'customers:view', section: 'newLeads', load: fixed([item('lead-1', { kind: 'lead.new' }), item('lead-2', { kind: 'lead.new' })]) },
      proposals: { permission: 'customers:view', section: 'proposals', load: fixed([]) },
    });
    const w = await today(app, sales.client);
    expect(w.sections.map((s) => s.key)).toEqual(['overdue', 'dueToday', 'newLeads', 'proposals']);
    expect(w.section('overdue')!.items.map((i) => `${i.source}:${i.id}`)).toEqual(['followups:step-late', 'activities:visit-late']);
    expect(w.section('dueToday')!.items.map((i) => i.id)).toEqual(['call-soon', 'call-later']);
    expect(w.section('newLeads')).toMatchObject({ count: 2, more: false });
    expect(w.section('proposals')).toEqual({ key: 'proposals', count: 0, more: false, items: [] });
    expect(w.total).toBe(6);
    expect(w.failed).toEqual([]);
    await app.close();
  });

  it('reports a failing, a slow and a malformed source and still answers with the others; each failure is logged', async () => {
    const { sales } = await salesperson();
    const { app, logs } = await workApp(
      t,
      {
        leads: { permission: 'customers:view', section: 'newLeads', load: fixed([item('lead-1', { kind: 'lead.new' })]) },
        broken: {
          permission: 'customers:view',
          section: 'tasks',
          load: async () => {
            throw new Error('relation "sales_activities" does not exist');
          },
        },
        slow: { permission: 'customers:view', section: 'proposals', load: () => new Promise(() => {}) },
        sloppy: { permission: 'customers:view', section: 'requests', load: async () => [{ id: 1, title: null }] as unknown as WorkItem[] },
      },
      { timeoutMs: 150 },
    );
    const w = await today(app, sales.client);
    expect(w.section('newLeads')!.items.map((i) => i.id)).toEqual(['lead-1']);
    expect(w.failed).toEqual([
      { source: 'broken', error: 'failed' },
      { source: 'slow', error: 'timeout' },
      { source: 'sloppy', error: 'invalid_items' },
    ]);
    // The failure's detail goes to the log, not to the browser.
    expect(JSON.stringify(w)).not.toContain('sales_activities');
    expect(logs.filter((l) => l.msg === 'work source failed').map((l) => l.source).sort()).toEqual(['broken', 'sloppy', 'slow']);
    expect(JSON.stringify(logs)).toContain('relation \\"sales_activities\\" does not exist');
    await app.close();
  });

  it('asks only the sources whose permission the caller holds', async () => {
    const { a, store } = await salesperson();
    const role = await createRole(a.admin, { permissions: ['followups:view'], dataScope: 'own' });
    const limited = await userIn(t, a.admin, a.code, store.id, role.name);
    const asked: string[] = [];
    const spy = (name: string, permission: WorkSourceEntry['permission'], section: WorkSourceEntry['section']): WorkSourceEntry => ({
      permission,
      section,
      load: async () => {
        asked.push(name);
        return [item(`${name}-1`)];
      },
    });
    const { app } = await workApp(t, {
      followups: spy('followups', 'followups:view', 'tasks'),
      requests: spy('requests', 'requests:view', 'requests'),
      leads: spy('leads', 'leads:view', 'newLeads'),
    });
    const w = await today(app, limited.client);
    expect(asked).toEqual(['followups']);
    expect(w.sections.map((s) => s.key)).toEqual(['overdue', 'dueToday']);
    expect(w.failed).toEqual([]);
    await app.close();
  });

  it('asks each source for at most the limit and says when a section may hold more', async () => {
    const { sales } = await salesperson();
    const many = Array.from({ length: WORK_LIMIT + 5 }, (_, i) => item(`lead-${i}`, { kind: 'lead.new' }));
    let limit = 0;
    const { app } = await workApp(t, {
      leads: {
        permission: 'customers:view',
        section: 'newLeads',
        load: async (_ctx, input) => {
          limit = input.limit;
          return many;
        },
      },
      proposals: { permission: 'customers:view', section: 'proposals', load: fixed([item('p-1', { kind: 'proposal.awaiting' })]) },
    });
    const w = await today(app, sales.client);
    expect(limit).toBe(WORK_LIMIT);
    expect(w.section('newLeads')).toMatchObject({ count: WORK_LIMIT, more: true });
    expect(w.section('proposals')).toMatchObject({ count: 1, more: false });
    await app.close();

    // A task source at its limit may have more of the kind it gave: all overdue here, so due today is complete.
    const backlog = Array.from({ length: WORK_LIMIT }, (_, i) => item(`late-${i}`, { dueAt: '2026-11-01T02:00:00.000Z', overdue: true }));
    const tasks = await workApp(t, { activities: { permission: 'customers:view', section: 'tasks', load: fixed(backlog) } });
    const w2 = await today(tasks.app, sales.client);
    expect(w2.section('overdue')).toMatchObject({ count: WORK_LIMIT, more: true });
    expect(w2.section('dueToday')).toMatchObject({ count: 0, more: false });
    await tasks.app.close();

    // A full answer with some overdue items: today's were kept whole, the overdue ones were cut.
    const mixed = [item('today-1', { dueAt: '2026-11-22T12:00:00.000Z' }), ...backlog.slice(1)];
    const both = await workApp(t, { activities: { permission: 'customers:view', section: 'tasks', load: fixed(mixed) } });
    const w3 = await today(both.app, sales.client);
    expect(w3.section('overdue')).toMatchObject({ count: WORK_LIMIT - 1, more: true });
    expect(w3.section('dueToday')).toMatchObject({ count: 1, more: false });
    await both.app.close();
  });
});

describe('today in Shanghai', () => {
  it('ends today at the next Shanghai midnight, whatever the server’s zone, and moves on at midnight', async () => {
    const { sales } = await salesperson();
    const seen: { now: string; endOfToday: string }[] = [];
    const { app } = await workApp(t, {
      echo: {
        permission: 'customers:view',
        section: 'tasks',
        load: async (_ctx, input) => {
          seen.push({ now: input.now.toISOString(), endOfToday: input.endOfToday.toISOString() });
          return [];
        },
      },
    });
    t.clock.set('2026-11-22T15:59:59.999Z'); // 23:59:59.999 on the 22nd in Shanghai
    expect((await today(app, sales.client)).endOfToday).toBe('2026-11-22T16:00:00.000Z');
    t.clock.set('2026-11-22T16:00:00.000Z'); // midnight: the 23rd begins
    expect((await today(app, sales.client)).endOfToday).toBe('2026-11-23T16:00:00.000Z');
    t.clock.set('2026-11-22T00:30:00.000Z'); // 08:30 on the 22nd in Shanghai, still the 22nd in UTC too
    expect((await today(app, sales.client)).endOfToday).toBe('2026-11-22T16:00:00.000Z');
    t.clock.set('2026-11-21T23:30:00.000Z'); // 07:30 on the 22nd in Shanghai, the 21st in UTC
    const w = await today(app, sales.client);
    expect(w.endOfToday).toBe('2026-11-22T16:00:00.000Z');
    expect(w.now).toBe('2026-11-21T23:30:00.000Z');
    expect(seen.at(-1)).toEqual({ now: '2026-11-21T23:30:00.000Z', endOfToday: '2026-11-22T16:00:00.000Z' });
    await app.close();
  });
});
