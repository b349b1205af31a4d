import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { systemCtx } from '../platform/jobs/system-ctx.ts';
import { customers } from '../modules/customers/customers.tables.ts';
import { loyaltyMembers } from '../modules/loyalty/loyalty.tables.ts';
import { updateSettings } from '../modules/loyalty/program.service.ts';
import { issueCard } from '../modules/loyalty/cards.service.ts';
import { activateCard, replaceCard, reportCardLost } from '../modules/loyalty/card-lifecycle.service.ts';
import { topUp } from '../modules/loyalty/stored-value-movements.service.ts';
import { addFamilyMember } from '../modules/loyalty/family-members.service.ts';
import { Rng } from './random.ts';
import { as, storeStaff } from './staff.ts';

const DAY = 86_400_000;

/**
 * Member cards and accounts of the demo (LOY-6, LOY-7), through the module's services as store staff: top-up bonus
 * steps (充 5000 送 300, 充 10000 送 800), most members holding an active card (三卡合一: member, stored-value and
 * discount card in one), a few lost cards replaced, stored value topped up by some, and family accounts with a sub
 * card and monthly limits.
 */
export async function seedDemoMemberCards(db: Db, tenantId: string, opts: { seed: number; now: Date }) {
  const r = new Rng(opts.seed + 7);
  const now = opts.now.getTime();
  await updateSettings(systemCtx(db, tenantId, () => opts.now, 'demo-loyalty'), {
    storedValue: { topUpBonuses: [{ minFen: 500_000, bonusFen: 30_000 }, { minFen: 1_000_000, bonusFen: 80_000 }], maxBalanceFen: 5_000_000_00 },
  });
  const { managerOf } = await storeStaff(db, tenantId);
  const members = await db
    .select({ id: loyaltyMembers.id, storeId: loyaltyMembers.joinStoreId, enrolledAt: loyaltyMembers.enrolledAt, customerId: loyaltyMembers.customerId })
    .from(loyaltyMembers)
    .where(eq(loyaltyMembers.tenantId, tenantId))
    .orderBy(asc(loyaltyMembers.number));
  let families = 0;
  for (const m of members) {
    const mgr = m.storeId ? managerOf(m.storeId) : null;
    if (!mgr) continue;
    let t = m.enrolledAt.getTime() + 3_600_000;
    const at = () => as(db, tenantId, mgr, Math.min((t += r.int(1, 20) * DAY), now - 3_600_000), 'demo-loyalty');
    if (r.chance(0.85)) {
      const card = await issueCard(at(), m.id, {});
      await activateCard(at(), card.id, null);
      if (r.chance(0.04)) {
        await reportCardLost(at(), card.id, '顾客电话挂失');
        const replacement = await replaceCard(at(), card.id, { reason: '挂失补卡' });
        await activateCard(at(), replacement.id, null);
      }
    }
    if (r.chance(0.15)) {
      const amountFen = r.pick([100_000, 200_000, 500_000, 1_000_000]);
      await topUp(at(), m.id, { amountFen, method: r.pick(['wechat', 'alipay', 'card'] as const) }, crypto.randomUUID());
    }
    // A family account: a spouse of the same store joins with a sub card limited to 2000 points and ¥3000 a month.
    if (families < 6 && r.chance(0.05)) {
      const [spouse] = await db
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), eq(customers.storeId, m.storeId!), eq(customers.kind, 'person')))
        .orderBy(asc(customers.code))
        .offset(r.int(0, 40))
        .limit(1);
      if (!spouse || spouse.id === m.customerId) continue;
      try {
        await addFamilyMember(at(), m.id, { customerId: spouse.id, monthlyPointsLimit: 2000, monthlyValueLimitFen: 300_000 }, crypto.randomUUID());
        families++;
      } catch {
        // Already in a family or a member elsewhere: the counter would refuse it the same way.
      }
    }
  }
}
