import type { z } from 'zod';
import { CreateLeadAssignmentRule, type FieldIssue, type LeadAssignmentRuleDto, type LeadAssignmentStrategy, type LeadSource, type ReorderLeadAssignmentRules, type UpdateLeadAssignmentRule } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import { deleteScoped, insertScoped, updateScoped } from '../../platform/db/scoped.ts';
import * as repo from './assignment.repository.ts';
import { parseInput } from './parse-input.ts';

type RuleRow = repo.RuleRow;

async function toDtos(db: DbOrTx, tenantId: string, rows: RuleRow[]): Promise<LeadAssignmentRuleDto[]> {
  const people = new Map((await repo.usersByIds(db, tenantId, [...new Set(rows.flatMap((r) => r.userIds))])).map((u) => [u.id, u]));
  const stores = await repo.unitNames(db, tenantId, rows.map((r) => r.poolStoreId).filter((x): x is string => !!x));
  return rows.map((r) => ({
    id: r.id, name: r.name, position: r.position, enabled: r.enabled, sources: r.sources as LeadSource[], provinceCodes: r.provinceCodes,
    cityCodes: r.cityCodes, storeIds: r.storeIds, strategy: r.strategy as LeadAssignmentStrategy, userIds: r.userIds,
    users: r.userIds.map((id) => people.get(id)).filter((u): u is NonNullable<typeof u> => !!u),
    poolStoreId: r.poolStoreId, poolStoreName: r.poolStoreId ? (stores.get(r.poolStoreId) ?? null) : null,
    createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  }));
}

/** The rules in evaluation order (leads:admin). */
export async function listRules(ctx: Ctx, db: DbOrTx = ctx.db) {
  return { items: await toDtos(db, ctx.tenantId, await repo.allRules(db, ctx.tenantId)) };
}

async function ruleDto(ctx: Ctx, tx: DbOrTx, id: string) {
  return (await listRules(ctx, tx)).items.find((r) => r.id === id)!;
}

/**
 * A rule names what its strategy needs and nothing else: round robin a team; least open a team or a store (not both);
 * store by region neither. Users, stores and the pool store must be of the tenant.
 */
async function checkRule(ctx: Ctx, tx: DbOrTx, r: Pick<RuleRow, 'strategy' | 'userIds' | 'poolStoreId' | 'storeIds'>) {
  const issues: FieldIssue[] = [];
  if (r.strategy === 'round_robin' && !r.userIds.length) issues.push(issue('body.userIds', 'required', 'a round robin names its team'));
  if (r.strategy === 'least_open' && !r.userIds.length && !r.poolStoreId) issues.push(issue('body.userIds', 'required', 'name a team or a store'));
  if (r.strategy === 'least_open' && r.userIds.length && r.poolStoreId) issues.push(issue('body.poolStoreId', 'not_allowed', 'a team or a store, not both'));
  if (r.strategy === 'store_by_region' && r.userIds.length) issues.push(issue('body.userIds', 'not_allowed', 'this strategy picks from the store’s staff'));
  if (r.strategy !== 'least_open' && r.poolStoreId) issues.push(issue('body.poolStoreId', 'not_allowed', 'only a least-open rule draws from a store'));
  const known = new Set((await repo.usersByIds(tx, ctx.tenantId, r.userIds)).map((u) => u.id));
  r.userIds.forEach((id, i) => {
    if (!known.has(id)) issues.push(issue(`body.userIds.${i}`, 'not_found', 'user not found'));
  });
  const units = await repo.unitsExist(tx, ctx.tenantId, [...r.storeIds, ...(r.poolStoreId ? [r.poolStoreId] : [])]);
  r.storeIds.forEach((id, i) => {
    if (!units.has(id)) issues.push(issue(`body.storeIds.${i}`, 'not_found', 'store not found'));
  });
  if (r.poolStoreId && !units.has(r.poolStoreId)) issues.push(issue('body.poolStoreId', 'not_found', 'store not found'));
  if (issues.length) throw invalid(issues);
}

export async function createRule(ctx: Ctx, raw: z.input<typeof CreateLeadAssignmentRule>) {
  const input = parseInput(CreateLeadAssignmentRule, raw);
  return ctx.db.transaction(async (tx) => {
    const values = { ...input, poolStoreId: input.poolStoreId ?? null };
    await checkRule(ctx, tx, values);
    const row = await insertScoped<RuleRow>(ctx, tx, repo.ruleFence, {
      ...values,
      position: input.position ?? (await repo.nextPosition(tx, ctx.tenantId)),
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
    });
    return ruleDto(ctx, tx, row.id);
  });
}

/** Change a rule; a new team restarts its round robin at the top. */
export async function updateRule(ctx: Ctx, id: string, input: z.infer<typeof UpdateLeadAssignmentRule>) {
  return ctx.db.transaction(async (tx) => {
    const patch: Record<string, unknown> = { ...input };
    // A strategy that no longer uses a team or a store forgets them.
    if (input.strategy === 'store_by_region') Object.assign(patch, { userIds: input.userIds ?? [], poolStoreId: input.poolStoreId ?? null });
    if (input.strategy === 'round_robin' && input.poolStoreId === undefined) patch.poolStoreId = null;
    if (input.userIds) patch.lastUserId = null;
    const { after } = await updateScoped<RuleRow>(ctx, tx, repo.ruleFence, id, patch);
    await checkRule(ctx, tx, after);
    return ruleDto(ctx, tx, id);
  });
}

export async function deleteRule(ctx: Ctx, id: string) {
  await ctx.db.transaction((tx) => deleteScoped(ctx, tx, repo.ruleFence, id));
}

/** Put the rules in this order (every rule once): positions 10, 20, … One audit row per moved rule. */
export async function reorderRules(ctx: Ctx, input: z.infer<typeof ReorderLeadAssignmentRules>) {
  return ctx.db.transaction(async (tx) => {
    const rules = await repo.allRules(tx, ctx.tenantId);
    const ids = new Set(rules.map((r) => r.id));
    const unknown = input.ids.findIndex((id) => !ids.has(id));
    if (unknown >= 0) throw invalid([issue(`body.ids.${unknown}`, 'not_found', 'rule not found')]);
    if (input.ids.length !== rules.length) throw invalid([issue('body.ids', 'incomplete', 'list every rule once')]);
    for (const [i, id] of input.ids.entries()) {
      const position = (i + 1) * 10;
      if (rules.find((r) => r.id === id)!.position !== position) await updateScoped(ctx, tx, repo.ruleFence, id, { position }, { action: 'leadAssignmentRule.reordered' });
    }
    return listRules(ctx, tx);
  });
}
