import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { MemberKpiQuery, MemberKpisDto } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere } from '../../platform/db/scoped.ts';
import { loyaltyMembers } from './loyalty.tables.ts';
import { memberFence } from './members.repository.ts';
import { loadSettings } from './program.service.ts';
import { settlementFen } from './settlement.ts';
import * as repo from './kpis.repository.ts';

/**
 * Member KPIs (会员指标) of the caller's members — those whose join store is within its scope, or of one store —
 * over a period of Shanghai calendar days: new and active members, points by kind, the points liability now, and
 * redemptions with the top gifts. See the contract `MemberKpis` for what each number counts.
 */

const TOP_GIFTS = 5;

export async function memberKpis(ctx: Ctx, q: z.output<typeof MemberKpiQuery>): Promise<MemberKpisDto> {
  const members = scopedWhere(ctx, memberFence, q.storeId ? eq(loyaltyMembers.joinStoreId, q.storeId) : undefined);
  const [totals, lines, settings] = await Promise.all([
    repo.memberPointTotals(ctx.db, ctx.tenantId, members, q),
    repo.redemptionLines(ctx.db, ctx.tenantId, members, q),
    loadSettings(ctx.db, ctx.tenantId),
  ]);
  const { pointsPerYuan } = settings.redemption;
  const redeemed = lines.filter((l) => l.status === 'redeemed');
  const topGifts = redeemed
    .filter((l): l is repo.GiftLine & { giftId: string } => !!l.giftId)
    .map((l) => ({ giftId: l.giftId, giftName: l.giftName ?? '', quantity: l.quantity, redemptions: l.redemptions, points: l.points }))
    .sort((a, b) => b.quantity - a.quantity || b.points - a.points || a.giftName.localeCompare(b.giftName, 'zh-CN'))
    .slice(0, TOP_GIFTS);
  return {
    from: q.from,
    to: q.to,
    storeId: q.storeId ?? null,
    members: { total: totals.total, new: totals.new, active: totals.active },
    points: {
      issued: totals.earned + totals.adjustedIn,
      earned: totals.earned,
      adjusted: totals.adjusted,
      redeemed: totals.redeemed,
      expired: totals.expired,
      reversed: totals.reversed,
    },
    liability: { points: totals.liability, fen: settlementFen(totals.liability, pointsPerYuan), pointsPerYuan },
    redemptions: {
      count: redeemed.reduce((n, l) => n + l.redemptions, 0),
      cancelled: lines.filter((l) => l.status === 'cancelled').reduce((n, l) => n + l.redemptions, 0),
      points: redeemed.reduce((n, l) => n + l.points, 0),
    },
    topGifts,
  };
}
