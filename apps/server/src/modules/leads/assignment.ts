import type { LeadAssignmentStrategy } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { notify } from '../../platform/notifications/notify.ts';
import * as repo from './assignment.repository.ts';
import type { LeadRow } from './leads.repository.ts';

/** What the rules look at. */
export interface LeadFacts {
  source: string;
  provinceCode: string | null;
  cityCode: string | null;
  /** The store chosen at capture (by the creator, or the web form's default store). */
  storeId: string | null;
}

export interface RuleRef {
  id: string;
  name: string;
  strategy: LeadAssignmentStrategy;
}

export interface Assignment {
  assigneeId: string | null;
  /** The lead's store: the chosen one, else the one a rule found for its address or its assignee's store. */
  storeId: string | null;
  rule: RuleRef | null;
}

const matches = (r: repo.RuleRow, l: LeadFacts) =>
  (!r.sources.length || r.sources.includes(l.source)) &&
  (!r.provinceCodes.length || (!!l.provinceCode && r.provinceCodes.includes(l.provinceCode))) &&
  (!r.cityCodes.length || (!!l.cityCode && r.cityCodes.includes(l.cityCode))) &&
  (!r.storeIds.length || (!!l.storeId && r.storeIds.includes(l.storeId)));

interface Picked {
  user: repo.Eligible | null;
  /** A store the rule found for the lead, even when nobody there could take it. */
  storeId?: string | null;
}

async function leastLoadedOf(ctx: Ctx, tx: DbOrTx, pool: repo.Eligible[]): Promise<repo.Eligible | null> {
  const id = await repo.leastLoaded(tx, ctx.tenantId, pool.map((u) => u.id));
  return pool.find((u) => u.id === id) ?? null;
}

async function pick(ctx: Ctx, tx: DbOrTx, rule: repo.RuleRow, lead: LeadFacts, now: Date): Promise<Picked> {
  const tenantId = ctx.tenantId;
  switch (rule.strategy) {
    case 'store_by_region': {
      const storeId = lead.storeId ?? (await repo.storeForRegion(tx, tenantId, lead));
      if (!storeId) return { user: null };
      const staff = await repo.eligibleUsers(tx, tenantId, now, { storeId, unitId: storeId });
      return { user: await leastLoadedOf(ctx, tx, staff), storeId };
    }
    case 'least_open': {
      const pool = await repo.eligibleUsers(tx, tenantId, now, rule.poolStoreId ? { storeId: lead.storeId, unitId: rule.poolStoreId } : { storeId: lead.storeId, among: rule.userIds });
      return { user: await leastLoadedOf(ctx, tx, pool) };
    }
    case 'round_robin': {
      const team = rule.userIds;
      const ok = new Map((await repo.eligibleUsers(tx, tenantId, now, { storeId: lead.storeId, among: team })).map((u) => [u.id, u]));
      if (!ok.size) return { user: null };
      const last = await repo.lockCursor(tx, tenantId, rule.id);
      const start = last ? team.indexOf(last) + 1 : 0;
      for (let i = 0; i < team.length; i++) {
        const next = ok.get(team[(start + i) % team.length]);
        if (!next) continue;
        await repo.advanceCursor(tx, tenantId, rule.id, next.id);
        return { user: next };
      }
      return { user: null };
    }
  }
}

/**
 * Assignment rules (LEAD-1): enabled rules in position order (ties by creation); the first matching rule that yields an
 * assignee wins. Disabled and locked-out users, users without leads:edit and — for a lead of a store — users outside
 * that store (and the units above it) are skipped.
 *  - `store_by_region`: the chosen store, else an active store of the address's city (else province); within it, the
 *    staff member with the fewest open leads;
 *  - `round_robin`: the next user of the rule's team after the one given the last lead (a cursor on the rule);
 *  - `least_open`: the fewest open leads among the team or a store's staff; ties → the one assigned longest ago, then id.
 * No rule: unassigned, in the queue, with the store known (chosen, or found for the address). Assignments of a tenant
 * are serialised, so concurrent captures see each other's counts and turns.
 */
export async function runRules(ctx: Ctx, tx: DbOrTx, lead: LeadFacts): Promise<Assignment> {
  await repo.lockAssignment(tx, ctx.tenantId);
  const now = ctx.now();
  let storeHint = lead.storeId;
  for (const rule of (await repo.enabledRules(tx, ctx.tenantId)).filter((r) => matches(r, lead))) {
    const got = await pick(ctx, tx, rule, lead, now);
    storeHint ??= got.storeId ?? null;
    if (!got.user) continue;
    const storeId = lead.storeId ?? got.storeId ?? (got.user.unitKind === 'store' ? got.user.unitId : null);
    return { assigneeId: got.user.id, storeId, rule: { id: rule.id, name: rule.name, strategy: rule.strategy } };
  }
  return { assigneeId: null, storeId: storeHint, rule: null };
}

/** Whether a user may be given a lead of this store (same test as the rules). */
export async function canTake(ctx: Ctx, tx: DbOrTx, userId: string, storeId: string | null): Promise<repo.Eligible | null> {
  const [u] = await repo.eligibleUsers(tx, ctx.tenantId, ctx.now(), { storeId, among: [userId] });
  return u ?? null;
}

export type AssignmentKind = 'assigned' | 'reassigned' | 'unassigned';

export interface AssignmentMove {
  kind: AssignmentKind;
  from: string | null;
  to: string | null;
  fromStore?: string | null;
  toStore?: string | null;
  rule: RuleRef | null;
  reason?: string | null;
}

/** The trail of one assignment (the meta of its `lead.<kind>` audit row): from/to with names, the rule or `manual`, the reason. */
export async function assignmentMeta(ctx: Ctx, tx: DbOrTx, a: AssignmentMove) {
  const people = new Map((await repo.usersByIds(tx, ctx.tenantId, [a.from, a.to].filter((x): x is string => !!x))).map((u) => [u.id, u.displayName]));
  const name = (id: string | null) => (id ? (people.get(id) ?? null) : null);
  return {
    from: a.from,
    fromName: name(a.from),
    to: a.to,
    toName: name(a.to),
    ...(a.fromStore !== a.toStore ? { fromStore: a.fromStore ?? null, toStore: a.toStore ?? null } : {}),
    rule: a.rule?.name ?? null,
    ruleId: a.rule?.id ?? null,
    strategy: a.rule?.strategy ?? 'manual',
    reason: a.reason ?? null,
  };
}

/**
 * The new assignee's inbox (PLAT-12), in the transaction of the assignment: `lead.assigned`, or `lead.reassigned` when
 * the lead came from someone else. Nobody is told about what they did themselves; keyed by the lead's assignment
 * count, so one assignment notifies once.
 */
export async function notifyAssignee(ctx: Ctx, tx: DbOrTx, lead: Pick<LeadRow, 'id' | 'name' | 'source' | 'assignmentSeq'>, meta: Awaited<ReturnType<typeof assignmentMeta>>) {
  if (!meta.to || (ctx.actor.kind === 'user' && ctx.actor.id === meta.to)) return;
  await notify(
    tx,
    ctx.tenantId,
    {
      userId: meta.to,
      kind: meta.from ? 'lead.reassigned' : 'lead.assigned',
      params: { name: lead.name, source: lead.source, from: meta.fromName, by: ctx.actor.kind === 'user' ? ctx.actor.name : null, rule: meta.rule, reason: meta.reason },
      link: `/leads/${lead.id}`,
      entityType: 'lead',
      entityId: lead.id,
      dedupeKey: `lead:${lead.id}:assignment:${lead.assignmentSeq}`,
    },
    ctx.now(),
  );
}
