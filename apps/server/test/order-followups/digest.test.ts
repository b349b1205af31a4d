import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { sendDueDigests } from '../../src/modules/order-followups/due-digest.ts';
import { type TestApp, testApp, userIn } from '../helpers.ts';
import { followupWorld, payOrder } from './followups-world.ts';

/** The 09:00 digest: one e-mail per owner with the steps overdue and due today, once per owner and day. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

describe('morning digest (cron followups.dueDigest)', () => {
  it('e-mails each owner with an address the day’s and the overdue steps at 09:00 Shanghai, once', async () => {
    t.clock.set('2026-11-22T07:30:00.000Z'); // 15:30 on the 22nd in Shanghai
    const w = await followupWorld(t);
    expect((await w.a.admin.patch(`/api/v1/users/${w.sales.user.id}`, { email: 'Zhang.San@Example.cn' })).statusCode).toBe(200);
    const noMail = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    const a = await payOrder(t, w, '2026-11-20T02:00:00.000Z');
    const b = await payOrder(t, w, '2026-11-22T07:30:00.000Z');
    await payOrder(t, w, '2026-11-22T07:30:00.000Z', { salespersonId: noMail.user.id });

    // The scheduler counts from its first tick; the next 09:00 in Shanghai is 01:00 UTC on the 23rd.
    await t.deps.jobs.tickCron();
    const digestJobs = async () =>
      (await t.deps.db.pool.query("SELECT count(*)::int AS n FROM jobs WHERE tenant_id = $1 AND kind = 'cron:followups.dueDigest'", [w.tenantId])).rows[0].n;
    t.clock.set('2026-11-23T00:59:00.000Z');
    await t.deps.jobs.tickCron();
    expect(await digestJobs()).toBe(0);
    t.clock.set('2026-11-23T01:00:30.000Z');
    await t.deps.jobs.tickCron();
    expect(await digestJobs()).toBe(1);
    await t.deps.jobs.drain(w.tenantId);

    const mails = await t.deps.db.pool.query("SELECT channel, recipient, subject, body, purpose FROM outbound_messages WHERE tenant_id = $1 ORDER BY created_at", [w.tenantId]);
    expect(mails.rows).toHaveLength(1);
    const [mail] = mails.rows;
    // A: confirmation (20th), thanks (21st), appointment (22nd) and B's confirmation (22nd) are overdue; B's thanks is due today.
    expect(mail).toMatchObject({ channel: 'email', recipient: 'zhang.san@example.cn', purpose: 'followup_digest', subject: '【售后跟进】今日到期 1 项，逾期 4 项' });
    expect(mail.body).toContain(`${w.sales.user.displayName}，您好！`);
    expect(mail.body).toContain('截至 2026-11-23 09:00');
    expect(mail.body).toContain(`· 订单确认｜王芳｜订单 ${a.orderNo}｜应于 2026-11-20`);
    expect(mail.body).toContain(`· 订单答谢｜王芳｜订单 ${b.orderNo}｜到期 2026-11-23`);
    expect(mail.body.indexOf(a.orderNo)).toBeLessThan(mail.body.indexOf('今日到期（1 项）'));
    const digest = await t.deps.db.pool.query('SELECT user_id, day::text AS day, due_today, overdue, message_id FROM followup_digests WHERE tenant_id = $1', [w.tenantId]);
    expect(digest.rows).toEqual([{ user_id: w.sales.user.id, day: '2026-11-23', due_today: 1, overdue: 4, message_id: expect.any(String) }]);

    // The same day again (a re-run after a crash): nothing more is sent.
    expect(await sendDueDigests(systemCtx(t.deps.db.db, w.tenantId, t.clock.now, 'test'), t.clock.now())).toEqual({ owners: 1, sent: 0 });
    expect((await t.deps.db.pool.query('SELECT count(*)::int AS n FROM outbound_messages WHERE tenant_id = $1', [w.tenantId])).rows[0].n).toBe(1);

    // Once the steps are done, the next morning has nothing to tell.
    await t.deps.db.pool.query("UPDATE followup_steps SET status = 'done', closed_at = now() WHERE tenant_id = $1", [w.tenantId]);
    t.clock.set('2026-11-24T01:00:30.000Z');
    await t.deps.jobs.tickCron();
    await t.deps.jobs.drain(w.tenantId);
    expect((await t.deps.db.pool.query('SELECT count(*)::int AS n FROM outbound_messages WHERE tenant_id = $1', [w.tenantId])).rows[0].n).toBe(1);
  });
});
