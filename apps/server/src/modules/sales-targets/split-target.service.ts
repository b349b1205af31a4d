import { allocateFen, type FieldIssue, type SplitTargetInput } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import * as repo from './targets.repository.ts';
import { toTargetDto } from './targets.dto.ts';
import { subjectOr404, writeTarget } from './set-target.service.ts';

/**
 * Split a unit's target of a period down to its direct children — child units (a region's stores) and the unit's own
 * users (a store's salespeople) — equally or by integer shares (STAFF-1, "分拆"). Parts are whole fen rounded down with
 * the remainder on the last child, so the children add up exactly. A convenience: every child's target is an ordinary
 * target afterwards (each write audited), plus one `salesTarget.split` row on the unit's target saying what was done.
 */
export async function splitTarget(ctx: Ctx, input: SplitTargetInput) {
  const ids = await ctx.db.transaction(async (tx) => {
    const unit = await subjectOr404(ctx, tx, 'unit', input.unitId);
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    input.children.forEach((c, i) => {
      if (seen.has(c.subjectId)) issues.push(issue(`body.children.${i}.subjectId`, 'duplicate', 'each child once'));
      seen.add(c.subjectId);
    });
    const pick = (type: 'user' | 'unit') => input.children.filter((c) => c.subjectType === type).map((c) => c.subjectId);
    const found = await repo.childSubjects(ctx, tx, unit.id, { units: pick('unit'), users: pick('user') });
    const byKey = new Map(found.map((s) => [`${s.type}:${s.id}`, s]));
    input.children.forEach((c, i) => {
      if (!byKey.has(`${c.subjectType}:${c.subjectId}`)) issues.push(issue(`body.children.${i}.subjectId`, 'not_a_child', 'not a unit or user directly under this unit'));
    });
    await repo.lockSubject(tx, ctx.tenantId, unit.id, input.period);
    const current = await repo.lockBySubject(tx, ctx.tenantId, 'unit', unit.id, input.period);
    const amountFen = input.amountFen ?? current?.amountFen;
    if (amountFen === undefined) issues.push(issue('body.amountFen', 'required', 'the unit has no target for this period: give the amount to split'));
    if (issues.length || amountFen === undefined) throw invalid(issues);

    const parent = input.amountFen !== undefined || !current ? await writeTarget(ctx, tx, unit, input.period, { amountFen }) : current;
    const parts = allocateFen(amountFen, input.children.map((c) => (input.mode === 'equal' ? 1 : (c.share ?? 0))));
    const children = [];
    for (const [i, c] of input.children.entries()) {
      const subject = byKey.get(`${c.subjectType}:${c.subjectId}`)!;
      children.push(await writeTarget(ctx, tx, subject, input.period, { amountFen: parts[i] }, { meta: { splitFrom: parent.id } }));
    }
    await ctx.audit.record(tx, {
      action: 'salesTarget.split',
      entityType: 'salesTarget',
      entityId: parent.id,
      meta: { period: input.period, amountFen, mode: input.mode, children: children.map((t) => ({ subjectType: t.subjectType, subjectId: t.subjectId, amountFen: t.amountFen })) },
    });
    return { parent: parent.id, children: children.map((t) => t.id) };
  });
  const rows = new Map((await repo.findInTenant(ctx.db, ctx.tenantId, [ids.parent, ...ids.children])).map((r) => [r.id, r]));
  return { parent: toTargetDto(rows.get(ids.parent)!), children: ids.children.map((id) => toTargetDto(rows.get(id)!)) };
}
