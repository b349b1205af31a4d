import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { FEEDBACK_TYPES, type CreateSlaPolicy, type RequestPriority, type RequestType, type UpdateRequestSettings, type UpdateSlaPolicy } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, invalid, issue } from '../../platform/http/errors.ts';
import { deleteScoped, insertScoped, updateScoped, type Fence } from '../../platform/db/scoped.ts';
import { diff } from '../../platform/audit/audit.writer.ts';
import { addBusinessMinutes, calendarProblem, DEFAULT_CALENDAR, type BusinessCalendar } from './business-time.ts';
import { requestSettings, slaPolicies } from './requests.tables.ts';

type PolicyRow = typeof slaPolicies.$inferSelect;
export const slaPolicyFence: Fence = { table: slaPolicies, entity: 'requestSlaPolicy' };

export interface SlaTargets {
  firstResponseMinutes: number;
  resolutionMinutes: number;
  escalationStepMinutes: number | null;
}

/**
 * Targets used when no policy matches, in business minutes (a business day is 540 minutes at the default hours).
 * Feedback (praise, suggestion) has no built-in target.
 */
export const DEFAULT_TARGETS: Record<RequestPriority, { firstResponseMinutes: number; resolutionMinutes: number }> = {
  urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
  high: { firstResponseMinutes: 60, resolutionMinutes: 540 },
  normal: { firstResponseMinutes: 240, resolutionMinutes: 1620 },
  low: { firstResponseMinutes: 480, resolutionMinutes: 2700 },
};

export interface Settings extends BusinessCalendar {
  causes: string[];
  reassignOnEscalation: boolean;
}

const DEFAULT_SETTINGS: Settings = { ...DEFAULT_CALENDAR, causes: [], reassignOnEscalation: false };

export async function loadSettings(db: DbOrTx, tenantId: string): Promise<Settings> {
  const [row] = await db.select().from(requestSettings).where(eq(requestSettings.tenantId, tenantId));
  if (!row) return { ...DEFAULT_SETTINGS, weekdays: [...DEFAULT_SETTINGS.weekdays] };
  return {
    weekdays: row.weekdays, openTime: row.openTime, closeTime: row.closeTime, holidays: row.holidays, extraWorkdays: row.extraWorkdays,
    causes: row.causes, reassignOnEscalation: row.reassignOnEscalation,
  };
}

export async function updateSettings(ctx: Ctx, input: z.infer<typeof UpdateRequestSettings>): Promise<Settings> {
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`request_settings:${ctx.tenantId}`}))`);
    const before = await loadSettings(tx, ctx.tenantId);
    const after: Settings = {
      ...before,
      ...input,
      weekdays: [...new Set(input.weekdays ?? before.weekdays)].sort(),
      holidays: [...new Set(input.holidays ?? before.holidays)].sort(),
      extraWorkdays: [...new Set(input.extraWorkdays ?? before.extraWorkdays)].sort(),
      causes: [...new Set(input.causes ?? before.causes)],
    };
    const problem = calendarProblem(after);
    if (problem) throw invalid([issue(input.closeTime !== undefined ? 'body.closeTime' : 'body.openTime', 'invalid_hours', problem)]);
    const clash = after.holidays.find((d) => after.extraWorkdays.includes(d));
    if (clash) throw invalid([issue('body.extraWorkdays', 'conflict', `${clash} is both a holiday and a working day`)]);
    const values = { ...after, updatedAt: ctx.now() };
    await tx.insert(requestSettings).values({ tenantId: ctx.tenantId, ...values }).onConflictDoUpdate({ target: requestSettings.tenantId, set: values });
    const changes = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
    if (changes.length) await ctx.audit.record(tx, { action: 'requestSettings.updated', entityType: 'requestSettings', entityId: null, changes });
    return after;
  });
}

/**
 * The targets for a type and priority: the most specific enabled policy (type and priority, then type, then
 * priority, then the catch-all), else the built-in defaults; feedback types have none by default.
 */
export async function targetsFor(db: DbOrTx, tenantId: string, type: RequestType, priority: RequestPriority): Promise<SlaTargets | null> {
  const [p] = await db
    .select()
    .from(slaPolicies)
    .where(
      and(
        eq(slaPolicies.tenantId, tenantId),
        eq(slaPolicies.enabled, true),
        or(eq(slaPolicies.type, type), isNull(slaPolicies.type)),
        or(eq(slaPolicies.priority, priority), isNull(slaPolicies.priority)),
      ),
    )
    .orderBy(sql`(${slaPolicies.type} IS NOT NULL) DESC`, sql`(${slaPolicies.priority} IS NOT NULL) DESC`)
    .limit(1);
  if (p) return { firstResponseMinutes: p.firstResponseMinutes, resolutionMinutes: p.resolutionMinutes, escalationStepMinutes: p.escalationStepMinutes };
  if ((FEEDBACK_TYPES as readonly string[]).includes(type)) return null;
  return { ...DEFAULT_TARGETS[priority], escalationStepMinutes: null };
}

/** Due times of both clocks from the creation time; time paused while awaiting the customer pushes resolution out. */
export function dueTimes(createdAt: Date, targets: SlaTargets | null, cal: BusinessCalendar, resolutionClockFrom = createdAt, pausedMinutes = 0) {
  if (!targets) return { firstResponseDueAt: null, resolutionDueAt: null };
  return {
    firstResponseDueAt: addBusinessMinutes(createdAt, targets.firstResponseMinutes, cal),
    resolutionDueAt: addBusinessMinutes(resolutionClockFrom, targets.resolutionMinutes + pausedMinutes, cal),
  };
}

/**
 * The SLA columns of a request for its type and priority (at creation, or after either changed): the first response
 * is due counted from creation, the resolution from the start of the running clock plus its paused time.
 */
export async function slaColumns(
  db: DbOrTx, tenantId: string, type: RequestType, priority: RequestPriority, cal: BusinessCalendar,
  clock: { createdAt: Date; resolutionClockFrom: Date; clockPausedMinutes: number },
) {
  const targets = await targetsFor(db, tenantId, type, priority);
  return {
    firstResponseTargetMinutes: targets?.firstResponseMinutes ?? null,
    resolutionTargetMinutes: targets?.resolutionMinutes ?? null,
    escalationStepMinutes: targets?.escalationStepMinutes ?? null,
    ...dueTimes(clock.createdAt, targets, cal, clock.resolutionClockFrom, clock.clockPausedMinutes),
  };
}

// ---------- policies (requests:admin) ----------

export const toPolicyDto = (p: PolicyRow) => ({
  id: p.id, type: p.type as RequestType | null, priority: p.priority as RequestPriority | null, firstResponseMinutes: p.firstResponseMinutes,
  resolutionMinutes: p.resolutionMinutes, escalationStepMinutes: p.escalationStepMinutes, enabled: p.enabled,
});

export async function listPolicies(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(slaPolicies)
    .where(eq(slaPolicies.tenantId, ctx.tenantId))
    .orderBy(sql`${slaPolicies.type} NULLS LAST`, sql`${slaPolicies.priority} NULLS LAST`, asc(slaPolicies.id));
  return {
    items: rows.map(toPolicyDto),
    defaults: (Object.keys(DEFAULT_TARGETS) as RequestPriority[]).map((priority) => ({ priority, ...DEFAULT_TARGETS[priority] })),
  };
}

function checkTargets(p: { firstResponseMinutes: number; resolutionMinutes: number }) {
  if (p.resolutionMinutes < p.firstResponseMinutes) throw invalid([issue('body.resolutionMinutes', 'too_small', 'the resolution target cannot be shorter than the first-response target')]);
}

export async function createPolicy(ctx: Ctx, input: z.infer<typeof CreateSlaPolicy>) {
  checkTargets(input);
  return ctx.db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: slaPolicies.id })
      .from(slaPolicies)
      .where(and(eq(slaPolicies.tenantId, ctx.tenantId), sql`coalesce(${slaPolicies.type}, '') = ${input.type ?? ''}`, sql`coalesce(${slaPolicies.priority}, '') = ${input.priority ?? ''}`));
    if (dup) throw new AppError('conflict', 'a policy for this type and priority exists', { issues: [issue('body.type', 'taken', 'a policy for this type and priority exists')] });
    const row = await insertScoped<PolicyRow>(ctx, tx, slaPolicyFence, { ...input, createdAt: ctx.now(), updatedAt: ctx.now() });
    return toPolicyDto(row);
  });
}

export async function updatePolicy(ctx: Ctx, id: string, input: z.infer<typeof UpdateSlaPolicy>) {
  return ctx.db.transaction(async (tx) => {
    const { after } = await updateScoped<PolicyRow>(ctx, tx, slaPolicyFence, id, input);
    checkTargets(after);
    return toPolicyDto(after);
  });
}

export async function deletePolicy(ctx: Ctx, id: string) {
  await ctx.db.transaction((tx) => deleteScoped(ctx, tx, slaPolicyFence, id));
}
