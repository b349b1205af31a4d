import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { categoryTree } from '../catalogue/index.ts';
import { customerBirthday } from '../customers/index.ts';
import { loadSettings } from './program.service.ts';
import { shanghaiDay } from './program.ts';
import { rulesInForce, storeFacts } from './bonus-rules.repository.ts';
import { conditionsOf, evaluateAward, type Award, type AwardLine } from './bonus-evaluate.ts';

/** An order as an award sees it: from the order.paid event, or from the preview's form. */
export interface OrderForAward {
  storeId: string;
  totalFen: number;
  paidFen: number;
  lines: AwardLine[];
  paidAt: Date;
  campaignId: string | null;
  /** Whose birthday counts (null: nobody's). */
  customerId: string | null;
  orderNo?: string;
}

/**
 * The points an order earns (base + bonus rules, see bonus-evaluate.ts), with the rules as they are now and the
 * programme's settings, evaluated at the payment time. The one path for the real award and the preview. Reads the
 * birthday and the category tree only when a rule in force needs them.
 */
export async function awardFor(ctx: Ctx, db: DbOrTx, o: OrderForAward): Promise<Award> {
  const settings = await loadSettings(db, ctx.tenantId);
  const store = await storeFacts(db, ctx.tenantId, o.storeId);
  const rules = await rulesInForce(db, ctx.tenantId, shanghaiDay(o.paidAt));
  const conditions = rules.map((r) => conditionsOf(r.conditions));
  const birthday = o.customerId && conditions.some((c) => c?.birthdayMonth) ? await customerBirthday(db, ctx.tenantId, o.customerId) : null;
  const categoryParents = conditions.some((c) => c?.categoryIds.length) ? await categoryTree(ctx, db) : new Map<string, string | null>();
  return evaluateAward(settings, rules, {
    storeId: o.storeId, storeKind: store?.storeKind ?? null, storePath: store?.path ?? null, totalFen: o.totalFen, paidFen: o.paidFen, lines: o.lines,
    paidAt: o.paidAt, campaignId: o.campaignId, birthday, categoryParents, orderNo: o.orderNo,
  });
}
