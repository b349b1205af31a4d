import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateRoutingRule, RequestChannel, RequestType, RoutingStrategy, UpdateRoutingRule } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import { deleteScoped, insertScoped, updateScoped, type Fence } from '../../platform/db/scoped.ts';
import { orgUnits, users } from '../../platform/tenancy/tenancy.tables.ts';
import { routingRules } from './requests.tables.ts';
import { activeUsersWithPermission, canServe, rootUnitId } from './requests.repository.ts';

type RuleRow = typeof routingRules.$inferSelect;
export const routingRuleFence: Fence = { table: routingRules, entity: 'requestRoutingRule' };

export interface Routed {
  assigneeId: string | null;
  ruleId: string | null;
  strategy: RoutingStrategy | null;
}

const matches = (r: RuleRow, req: { type: string; channel: string; storeId: string | null }) =>
  (!r.types.length || r.types.includes(req.type)) &&
  (!r.channels.length || r.channels.includes(req.channel)) &&
  (!r.storeIds.length || (req.storeId !== null && r.storeIds.includes(req.storeId)));

/**
 * Routing (SVC-2): enabled rules in position order (ties by creation); the first matching rule that can assign wins.
 *  - `user`: the named user, when active and able to serve the request's store (else the next rule is tried);
 *  - `round_robin`: the next active user of the request's store (the head office for a request without store)
 *    holding requests:edit, after the one the rule gave its last request to; no such user: the next rule;
 *  - `queue`: unassigned, in the store's queue.
 * No rule: the store's queue. The rule row is locked while it picks, so concurrent requests take turns.
 */
export async function route(ctx: Ctx, tx: DbOrTx, req: { type: RequestType; channel: RequestChannel; storeId: string | null }): Promise<Routed> {
  const rules = await tx
    .select()
    .from(routingRules)
    .where(and(eq(routingRules.tenantId, ctx.tenantId), eq(routingRules.enabled, true)))
    .orderBy(asc(routingRules.position), asc(routingRules.createdAt), asc(routingRules.id));
  for (const rule of rules.filter((r) => matches(r, req))) {
    if (rule.strategy === 'queue') return { assigneeId: null, ruleId: rule.id, strategy: 'queue' };
    if (rule.strategy === 'user') {
      if (rule.assigneeId && (await canServe(tx, ctx.tenantId, rule.assigneeId, req.storeId))) return { assigneeId: rule.assigneeId, ruleId: rule.id, strategy: 'user' };
      continue;
    }
    const unitId = req.storeId ?? (await rootUnitId(tx, ctx.tenantId));
    const pool = await activeUsersWithPermission(tx, ctx.tenantId, unitId, 'requests:edit');
    if (!pool.length) continue;
    const [locked] = await tx.select({ last: routingRules.lastAssigneeId }).from(routingRules).where(eq(routingRules.id, rule.id)).for('update');
    const last = locked?.last;
    const next = (last && pool.find((u) => u.id > last)) || pool[0];
    await tx.update(routingRules).set({ lastAssigneeId: next.id }).where(eq(routingRules.id, rule.id));
    return { assigneeId: next.id, ruleId: rule.id, strategy: 'round_robin' };
  }
  return { assigneeId: null, ruleId: null, strategy: null };
}

// ---------- rules (requests:admin) ----------

type RuleDto = ReturnType<typeof toRuleDto>;
const toRuleDto = (r: RuleRow, assigneeName: string | null) => ({
  id: r.id, name: r.name, position: r.position, enabled: r.enabled, types: r.types as RequestType[], channels: r.channels as RequestChannel[],
  storeIds: r.storeIds, strategy: r.strategy, assigneeId: r.assigneeId, assigneeName,
});

export async function listRules(ctx: Ctx, db: DbOrTx = ctx.db): Promise<RuleDto[]> {
  const rows = await db
    .select({ rule: routingRules, assigneeName: users.displayName })
    .from(routingRules)
    .leftJoin(users, eq(users.id, routingRules.assigneeId))
    .where(eq(routingRules.tenantId, ctx.tenantId))
    .orderBy(asc(routingRules.position), asc(routingRules.createdAt), asc(routingRules.id));
  return rows.map((r) => toRuleDto(r.rule, r.assigneeName));
}

async function checkRule(ctx: Ctx, tx: DbOrTx, r: { strategy: RoutingStrategy; assigneeId?: string | null; storeIds: string[] }) {
  const issues = [];
  if (r.strategy === 'user') {
    if (!r.assigneeId) issues.push(issue('body.assigneeId', 'required', 'a rule that assigns to a user names the user'));
    else {
      const [u] = await tx.select({ status: users.status }).from(users).where(and(eq(users.tenantId, ctx.tenantId), eq(users.id, r.assigneeId)));
      if (!u) issues.push(issue('body.assigneeId', 'not_found', 'user not found'));
    }
  } else if (r.assigneeId) issues.push(issue('body.assigneeId', 'not_allowed', 'only a rule that assigns to a user names one'));
  if (r.storeIds.length) {
    const found = await tx.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.tenantId, ctx.tenantId), inArray(orgUnits.id, r.storeIds)));
    const known = new Set(found.map((u) => u.id));
    r.storeIds.forEach((id, i) => {
      if (!known.has(id)) issues.push(issue(`body.storeIds.${i}`, 'not_found', 'store not found'));
    });
  }
  if (issues.length) throw invalid(issues);
}

async function ruleDto(ctx: Ctx, tx: DbOrTx, id: string) {
  return (await listRules(ctx, tx)).find((r) => r.id === id)!;
}

export async function createRule(ctx: Ctx, input: z.infer<typeof CreateRoutingRule>) {
  return ctx.db.transaction(async (tx) => {
    await checkRule(ctx, tx, input);
    const position =
      input.position ??
      Number((await tx.execute<{ p: number }>(sql`SELECT coalesce(max(position), 0) + 10 AS p FROM request_routing_rules WHERE tenant_id = ${ctx.tenantId}`)).rows[0].p);
    const row = await insertScoped<RuleRow>(ctx, tx, routingRuleFence, {
      ...input, storeIds: [...new Set(input.storeIds)], assigneeId: input.assigneeId ?? null, position, createdAt: ctx.now(), updatedAt: ctx.now(),
    });
    return ruleDto(ctx, tx, row.id);
  });
}

export async function updateRule(ctx: Ctx, id: string, input: z.infer<typeof UpdateRoutingRule>) {
  return ctx.db.transaction(async (tx) => {
    const patch: Record<string, unknown> = { ...input };
    if (input.storeIds) patch.storeIds = [...new Set(input.storeIds)];
    // A rule that no longer assigns to a user forgets the user.
    if (input.strategy && input.strategy !== 'user' && input.assigneeId === undefined) patch.assigneeId = null;
    const { after } = await updateScoped<RuleRow>(ctx, tx, routingRuleFence, id, patch);
    await checkRule(ctx, tx, after);
    return ruleDto(ctx, tx, id);
  });
}

export async function deleteRule(ctx: Ctx, id: string) {
  await ctx.db.transaction((tx) => deleteScoped(ctx, tx, routingRuleFence, id));
}
