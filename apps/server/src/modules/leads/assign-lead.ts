import type { z } from 'zod';
import type { AssignLead } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, invalid, issue } from '../../platform/http/errors.ts';
import { unitWithinScope, updateScoped } from '../../platform/db/scoped.ts';
import * as repo from './leads.repository.ts';
import { assignmentMeta, canTake, notifyAssignee, type AssignmentKind } from './assignment.ts';
import { getLead, isOpen } from './leads.service.ts';

/**
 * Assign, reassign or send back to the queue by hand (leads:assign), optionally moving the lead to another store of
 * the caller's scope. The new assignee must be able to take a lead of that store (active, not locked out, leads:edit,
 * in the store or above). Taking a lead from someone needs a reason. Trailed as `lead.assigned` / `lead.reassigned` /
 * `lead.unassigned` with from/to; the new assignee is notified. Only open leads move (409 otherwise).
 */
export async function assignLead(ctx: Ctx, id: string, input: z.infer<typeof AssignLead>) {
  await ctx.db.transaction(async (tx) => {
    const before = await repo.lockVisible(ctx, tx, id);
    if (!isOpen(before.status)) throw new AppError('conflict', `a ${before.status} lead cannot be assigned`, { params: { reason: before.status } });
    const storeId = input.storeId ?? before.storeId;
    if (input.storeId && input.storeId !== before.storeId && !(await unitWithinScope(ctx, tx, input.storeId))) {
      throw invalid([issue('body.storeId', 'not_found', 'store not found')]);
    }
    if (input.assigneeId === before.assigneeId && storeId === before.storeId) return;
    if (input.assigneeId && !(await canTake(ctx, tx, input.assigneeId, storeId))) {
      throw invalid([issue('body.assigneeId', 'not_found', 'no active user with leads:edit serves this store')]);
    }
    const reason = input.reason?.trim() || null;
    if (before.assigneeId && input.assigneeId !== before.assigneeId && !reason) throw invalid([issue('body.reason', 'required', 'say why the lead changes hands')]);
    const kind: AssignmentKind = !input.assigneeId ? 'unassigned' : before.assigneeId ? 'reassigned' : 'assigned';
    const changesHands = input.assigneeId !== before.assigneeId;
    const meta = await assignmentMeta(ctx, tx, { kind, from: before.assigneeId, to: input.assigneeId, fromStore: before.storeId, toStore: storeId, rule: null, reason });
    const seq = before.assignmentSeq + (changesHands && input.assigneeId ? 1 : 0);
    const { after } = await updateScoped<repo.LeadRow>(
      ctx,
      tx,
      repo.leadFence,
      id,
      { assigneeId: input.assigneeId, storeId, ...(changesHands ? { assignedAt: input.assigneeId ? ctx.now() : null, assignmentSeq: seq } : {}) },
      { action: changesHands ? `lead.${kind}` : 'lead.moved', meta },
    );
    if (changesHands) await notifyAssignee(ctx, tx, after, meta);
  });
  return getLead(ctx, id);
}
