import type { z } from 'zod';
import type { BonusConditionsDto, BonusRuleDto, BonusRuleListQuery, CreateBonusRule, FieldIssue, UpdateBonusRule } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue, notFound } from '../../platform/http/errors.ts';
import { insertScoped, lockScoped, updateScoped } from '../../platform/db/scoped.ts';
import { decodeCursor } from '../../platform/db/keyset.ts';
import { categoryTree, seriesExisting } from '../catalogue/index.ts';
import * as repo from './bonus-rules.repository.ts';
import { toBonusRuleDto } from './bonus-rules.dto.ts';

/**
 * Bonus rules of the programme (LOY-2): the administrator keeps them; awards read them when an order is paid and copy
 * what they used into the entry, so a change here applies to payments from now on and never to past awards.
 */

/** The window runs forward, and every store, category and series named (when conditions are given) exists in the tenant. */
async function checkRule(ctx: Ctx, db: DbOrTx, window: { validFrom: string | null; validTo: string | null }, c?: BonusConditionsDto) {
  const out: FieldIssue[] = [];
  if (window.validFrom && window.validTo && window.validTo < window.validFrom) out.push(issue('body.validTo', 'before_start', 'the window ends before it starts'));
  if (c) out.push(...(await conditionIssues(ctx, db, c)));
  if (out.length) throw invalid(out);
}

async function conditionIssues(ctx: Ctx, db: DbOrTx, c: BonusConditionsDto): Promise<FieldIssue[]> {
  const out: FieldIssue[] = [];
  const units = await repo.existingUnitIds(db, ctx.tenantId, c.storeIds);
  c.storeIds.forEach((id, i) => !units.has(id) && out.push(issue(`body.conditions.storeIds.${i}`, 'not_found', 'store or region not found')));
  if (c.categoryIds.length) {
    const categories = await categoryTree(ctx, db);
    c.categoryIds.forEach((id, i) => !categories.has(id) && out.push(issue(`body.conditions.categoryIds.${i}`, 'not_found', 'category not found')));
  }
  const series = await seriesExisting(ctx, c.seriesIds, db);
  c.seriesIds.forEach((id, i) => !series.has(id) && out.push(issue(`body.conditions.seriesIds.${i}`, 'not_found', 'series not found')));
  return out;
}

export async function createBonusRule(ctx: Ctx, input: z.output<typeof CreateBonusRule>): Promise<BonusRuleDto> {
  const now = ctx.now();
  const row = await ctx.db.transaction(async (tx) => {
    await checkRule(ctx, tx, input, input.conditions);
    return insertScoped<repo.BonusRuleRow>(ctx, tx, repo.bonusRuleFence, {
      ...input, createdById: ctx.actor.kind === 'user' ? ctx.actor.id : null, createdAt: now, updatedAt: now,
    });
  });
  return toBonusRuleDto(row);
}

/** Change a rule (conditions and effect are replaced whole); audited field by field. */
export async function updateBonusRule(ctx: Ctx, id: string, patch: z.output<typeof UpdateBonusRule>): Promise<BonusRuleDto> {
  const { after } = await ctx.db.transaction(async (tx) => {
    const before = await lockScoped<repo.BonusRuleRow>(ctx, tx, repo.bonusRuleFence, id);
    const window = { validFrom: patch.validFrom !== undefined ? patch.validFrom : before.validFrom, validTo: patch.validTo !== undefined ? patch.validTo : before.validTo };
    // Conditions are checked when given: a category deleted since does not block renaming the rule.
    await checkRule(ctx, tx, window, patch.conditions);
    return updateScoped<repo.BonusRuleRow>(ctx, tx, repo.bonusRuleFence, id, patch);
  });
  return toBonusRuleDto(after);
}

/** DELETE: the rule stops applying (kept, so the awards that name it keep meaning something); once. */
export async function deactivateBonusRule(ctx: Ctx, id: string): Promise<BonusRuleDto> {
  const row = await ctx.db.transaction(async (tx) => {
    const before = await lockScoped<repo.BonusRuleRow>(ctx, tx, repo.bonusRuleFence, id);
    if (!before.active) return before;
    return (await updateScoped<repo.BonusRuleRow>(ctx, tx, repo.bonusRuleFence, id, { active: false }, { action: 'loyaltyBonusRule.deactivated' })).after;
  });
  return toBonusRuleDto(row);
}

export async function getBonusRule(ctx: Ctx, id: string): Promise<BonusRuleDto> {
  const row = await repo.findBonusRule(ctx, ctx.db, id);
  if (!row) throw notFound('loyaltyBonusRule');
  return toBonusRuleDto(row);
}

export async function listBonusRules(ctx: Ctx, q: z.output<typeof BonusRuleListQuery>) {
  const page = await repo.bonusRulePage(ctx.db, repo.bonusRuleListWhere(ctx, q), q.limit, decodeCursor(q.cursor));
  return { items: page.rows.map((r) => toBonusRuleDto(r.rule)), nextCursor: page.nextCursor };
}
