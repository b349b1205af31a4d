import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendExpiryNotices } from '../../src/modules/loyalty/notices.service.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { createCustomer } from '../factories.ts';
import { type TestApp, testApp } from '../helpers.ts';
import { enrol, ok, setSettings } from './fixtures.ts';
import { chainWorld } from './settlement-world.ts';

/**
 * Members told ahead of points expiring (LOY-4): the 10:00 cron finds the lots expiring within the programme's days
 * ahead and makes one notice per account and expiry date — an SMS with the member's SMS consent and a mobile phone,
 * otherwise a record of why not — and never again for the same date.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ SESSION_TTL_HOURS: '8760' });
});
afterAll(async () => {
  await t.app.close();
});

const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const SMS_YES = { consents: [{ channel: 'sms', granted: true }] };

async function noticesOf(tenantId: string) {
  const r = await t.deps.db.pool.query(
    `SELECT n.member_id, n.expires_at, n.points::int, n.channel, n.status, n.reason, m.recipient, m.body, m.purpose, m.status AS message_status
       FROM loyalty_expiry_notices n LEFT JOIN outbound_messages m ON m.id = n.message_id
      WHERE n.tenant_id = $1 ORDER BY n.created_at, n.points`,
    [tenantId],
  );
  return r.rows as { member_id: string; expires_at: Date; points: number; channel: string; status: string; reason: string | null; recipient: string | null; body: string | null; purpose: string | null; message_status: string | null }[];
}
const messageCount = async (tenantId: string) => (await t.deps.db.pool.query('SELECT count(*)::int AS n FROM outbound_messages WHERE tenant_id = $1', [tenantId])).rows[0].n as number;

/** Points expire a month after earning (end of that Shanghai day); members are told 7 days ahead. */
async function world() {
  t.clock.set(sh('2026-11-22T10:00:00'));
  const c = await chainWorld(t);
  await setSettings(c.admin, { expiry: { kind: 'months', months: 1 }, notices: { expiryDaysAhead: 7 } });
  return c;
}

/** Run the daily cron at 10:00 Shanghai time on a day (the scheduler's first tick, an hour before, sets its baseline). */
async function cronOn(day: string, tenantId: string) {
  t.clock.set(sh(`${day}T09:00:00`));
  await t.deps.jobs.tickCron();
  t.clock.set(sh(`${day}T10:00:30`));
  await t.deps.jobs.tickCron();
  await t.deps.jobs.drain(tenantId);
}

/** The same run called directly at 10:00 on a day (the later tests: the scheduler only moves forward in time). */
async function runOn(day: string, tenantId: string) {
  t.clock.set(sh(`${day}T10:00:00`));
  const out = await sendExpiryNotices(systemCtx(t.deps.db.db, tenantId, t.clock.now, 'test.notices'), t.clock.now());
  await t.deps.jobs.drain(tenantId);
  return out;
}

describe('expiry notices', () => {
  it('texts a consenting member N days ahead, records why others are skipped, and tells each account once per expiry date', async () => {
    const c = await world();
    const tenantId = c.w.a.tenant.id;
    const yes = await c.member('王小明', c.d1.id, SMS_YES);
    const none = await c.member('李不语', c.f1.id);
    const withdrawn = await c.member('赵反悔', c.d1.id, SMS_YES);
    ok(await c.admin.post(`/api/v1/loyalty/members/${withdrawn.id}/consents`, { channel: 'sms', granted: false }));
    const landline = await createCustomer(c.admin, { name: '钱座机', storeId: c.d1.id, phones: ['01065521234'] });
    const noMobile = await enrol(c.admin, landline.id, SMS_YES);
    for (const m of [yes, none, withdrawn]) await c.earn(m.customerId, c.d1.id, 3); // 300 each, usable to the end of 22 December
    await c.earn(landline.id, c.d1.id, 1);
    t.clock.set(sh('2026-11-23T10:00:00'));
    await c.earn(yes.customerId, c.d1.id, 2); // 200 more, to the end of 23 December

    await cronOn('2026-12-15', tenantId); // 22 December is 7 days and 14 hours away: not yet
    expect(await noticesOf(tenantId)).toEqual([]);

    await cronOn('2026-12-16', tenantId);
    const expiresAt = new Date(sh('2026-12-23T00:00:00'));
    const notices = await noticesOf(tenantId);
    expect(notices).toHaveLength(4);
    const of = (memberId: string) => notices.find((n) => n.member_id === memberId);
    expect(of(yes.id)).toEqual({
      member_id: yes.id, expires_at: expiresAt, points: 300, channel: 'sms', status: 'queued', reason: null, recipient: `+86${yes.phone}`,
      body: '【测试家具】尊敬的王小明会员，您有 300 积分将于 2026年12月22日 后过期，请及时到店兑换礼品或抵扣货款。回T退订', purpose: 'points_expiry', message_status: 'sent',
    });
    expect(of(none.id)).toMatchObject({ points: 300, status: 'skipped', reason: 'no_consent', recipient: null });
    expect(of(withdrawn.id)).toMatchObject({ status: 'skipped', reason: 'no_consent' });
    expect(of(noMobile.id)).toMatchObject({ points: 100, status: 'skipped', reason: 'no_phone' });
    expect(await messageCount(tenantId)).toBe(1);

    // A run again the same day, and consent given afterwards: nothing more for 22 December.
    ok(await c.admin.post(`/api/v1/loyalty/members/${none.id}/consents`, { channel: 'sms', granted: true }));
    expect(await sendExpiryNotices(systemCtx(t.deps.db.db, tenantId, t.clock.now, 'test'), t.clock.now())).toEqual({ queued: 0, skipped: 0, failed: 0 });
    // The next day brings the member's second expiry date (23 December), once.
    await cronOn('2026-12-17', tenantId);
    const later = (await noticesOf(tenantId)).slice(4);
    expect(later).toEqual([expect.objectContaining({ member_id: yes.id, points: 200, status: 'queued', expires_at: new Date(sh('2026-12-24T00:00:00')) })]);
    await cronOn('2026-12-18', tenantId);
    expect(await noticesOf(tenantId)).toHaveLength(5);
    expect(await messageCount(tenantId)).toBe(2);
  });

  it('counts what is left of the points, says nothing once they are spent or to a frozen member, and is off at 0 days', async () => {
    const c = await world();
    const tenantId = c.w.a.tenant.id;
    const spent = await c.member('孙花光', c.d1.id, SMS_YES);
    const part = await c.member('周留半', c.d1.id, SMS_YES);
    await c.earn(spent.customerId, c.d1.id, 2);
    await c.earn(part.customerId, c.d1.id, 2);
    await c.redeem(spent.id, c.d1.id, 200);
    await c.redeem(part.id, c.d1.id, 120);
    const frozen = await c.member('冯冻结', c.d1.id, SMS_YES);
    await c.earn(frozen.customerId, c.d1.id, 1);
    // No API freezes a member yet (cards will): the state is set as it would be.
    await t.deps.db.pool.query("UPDATE loyalty_members SET status = 'frozen' WHERE id = $1", [frozen.id]);

    await setSettings(c.admin, { notices: { expiryDaysAhead: 0 } });
    expect(await runOn('2026-12-20', tenantId)).toEqual({ queued: 0, skipped: 0, failed: 0 });
    expect(await noticesOf(tenantId)).toEqual([]);

    await setSettings(c.admin, { notices: { expiryDaysAhead: 7 } });
    expect(await runOn('2026-12-21', tenantId)).toEqual({ queued: 1, skipped: 1, failed: 0 });
    expect(await noticesOf(tenantId)).toEqual([
      expect.objectContaining({ member_id: part.id, points: 80, status: 'queued' }),
      expect.objectContaining({ member_id: frozen.id, points: 100, status: 'skipped', reason: 'member_inactive' }),
    ]);
  });

  it('lists the notices of the caller’s members, with the member number', async () => {
    const c = await world();
    const tenantId = c.w.a.tenant.id;
    const d1 = await c.member('吴一店', c.d1.id, SMS_YES);
    const f1 = await c.member('郑加盟', c.f1.id);
    await c.earn(d1.customerId, c.d1.id, 1);
    await c.earn(f1.customerId, c.f1.id, 1);
    await runOn('2026-12-16', tenantId);

    const all = ok(await c.admin.get('/api/v1/loyalty/expiry-notices')).items;
    expect(all.map((n: { memberNumber: string }) => n.memberNumber).sort()).toEqual([d1.number, f1.number].sort());
    expect(all.find((n: { memberId: string }) => n.memberId === d1.id)).toMatchObject({ status: 'queued', reason: null, points: 100, channel: 'sms', messageId: expect.any(String), expiresAt: sh('2026-12-23T00:00:00') });
    const franchisee = await c.userOf(c.f1.id, '加盟商');
    expect(ok(await franchisee.get('/api/v1/loyalty/expiry-notices')).items).toEqual([expect.objectContaining({ memberId: f1.id, status: 'skipped', reason: 'no_consent' })]);
    expect(ok(await c.admin.get(`/api/v1/loyalty/expiry-notices?status=skipped`)).items.map((n: { memberId: string }) => n.memberId)).toEqual([f1.id]);
    expect(ok(await c.admin.get(`/api/v1/loyalty/expiry-notices?memberId=${d1.id}`)).items).toHaveLength(1);
  });
});
