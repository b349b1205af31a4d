import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AdjustmentDto, AdjustmentListQuery, CreateAdjustment } from '@jiake/shared';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, invalid, issue, notFound } from '../../platform/http/errors.ts';
import { insertScoped, lockScoped, updateScoped } from '../../platform/db/scoped.ts';
import { decodeCursor } from '../../platform/db/keyset.ts';
import * as repo from './adjustments.repository.ts';
import { findVisible as findMember } from './members.repository.ts';
import { loadSettings } from './program.service.ts';
import { postPoints } from './ledger.ts';
import { toAdjustmentDto } from './loyalty.dto.ts';
import { idempotent, type Outcome } from './idempotency.ts';

/**
 * Manual adjustments (LOY-4, PLAT-11): a reason always; up to the programme's threshold (in points, either way) the
 * entry is posted at once; above it the adjustment waits until a second person with loyalty:approve approves it
 * (which posts the entry) or rejects it. The requester never decides their own adjustment.
 */

type CreateInput = z.output<typeof CreateAdjustment>;
const userId = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.id : null);
const conflict = (reason: string, message: string, params: Record<string, unknown> = {}) => new AppError('conflict', message, { params: { reason, ...params } });

async function load(ctx: Ctx, tx: Tx, id: string): Promise<AdjustmentDto> {
  const row = await repo.findVisible(ctx, tx, id);
  if (!row) throw notFound('loyaltyAdjustment');
  return toAdjustmentDto(row);
}

type Posted = Pick<repo.AdjustmentRow, 'id' | 'accountId' | 'memberId' | 'points' | 'storeId' | 'reason'>;

/** Post an adjustment's entry; `freshSource`: the adjustment is being made in this transaction (no earlier entry). */
async function post(ctx: Ctx, tx: Tx, a: Posted, freshSource = false) {
  const r = await postPoints(ctx, tx, {
    accountId: a.accountId, memberId: a.memberId, kind: 'adjust', points: a.points, source: { type: 'adjustment', id: a.id }, freshSource, storeId: a.storeId, note: a.reason,
    breakdown: [{ rule: 'manual', adjustmentId: a.id }],
  });
  return r.entry;
}

/** Request an adjustment of a member the caller can see; `idempotencyKey` makes a retried request answer the first. */
export async function requestAdjustment(ctx: Ctx, input: CreateInput, idempotencyKey?: string): Promise<Outcome<AdjustmentDto>> {
  return idempotent(ctx, idempotencyKey, { route: 'POST /api/v1/loyalty/adjustments', body: input }, 201, async (tx) => {
    const member = await findMember(ctx, tx, input.memberId);
    if (!member) throw invalid([issue('body.memberId', 'not_found', 'member not found')]);
    const { adjustments } = await loadSettings(tx, ctx.tenantId);
    const needsApproval = Math.abs(input.points) > adjustments.approvalThreshold;
    const now = ctx.now();
    // The id is made here so that an adjustment posted at once is written after its entry, already pointing at it.
    const fields = { id: randomUUID(), memberId: member.id, accountId: member.accountId, storeId: member.joinStoreId, points: input.points, reason: input.reason };
    const entry = needsApproval ? null : await post(ctx, tx, fields, true);
    const a = await insertScoped<repo.AdjustmentRow>(ctx, tx, repo.adjustmentFence, {
      ...fields, status: needsApproval ? 'pending' : 'posted', threshold: adjustments.approvalThreshold, requestedById: userId(ctx), requestedAt: now, entryId: entry?.id ?? null, createdAt: now, updatedAt: now,
    }, { action: needsApproval ? 'loyaltyAdjustment.requested' : 'loyaltyAdjustment.posted', meta: { memberNumber: member.number, threshold: adjustments.approvalThreshold } });
    return toAdjustmentDto({ ...a, memberNumber: member.number });
  });
}

async function decide(ctx: Ctx, id: string, approve: boolean, note: string | null) {
  return ctx.db.transaction(async (tx) => {
    const a = await lockScoped<repo.AdjustmentRow>(ctx, tx, repo.adjustmentFence, id);
    if (a.status !== 'pending') throw conflict('not_pending', `the adjustment is already ${a.status}`, { status: a.status });
    if (a.requestedById && a.requestedById === userId(ctx)) {
      throw new AppError('forbidden', 'a second person decides an adjustment, not its requester', { params: { reason: 'own_request' } });
    }
    const entry = approve ? await post(ctx, tx, a) : null;
    await updateScoped(ctx, tx, repo.adjustmentFence, id, {
      status: approve ? 'approved' : 'rejected', decidedById: userId(ctx), decidedAt: ctx.now(), decisionNote: note, ...(entry ? { entryId: entry.id } : {}),
    }, { action: approve ? 'loyaltyAdjustment.approved' : 'loyaltyAdjustment.rejected', meta: { points: a.points, entryId: entry?.id ?? null } });
    return load(ctx, tx, id);
  });
}

/** Approve a pending adjustment: its entry is posted now (409 `insufficient_points` leaves it pending). */
export const approveAdjustment = (ctx: Ctx, id: string, note?: string | null) => decide(ctx, id, true, note ?? null);
export const rejectAdjustment = (ctx: Ctx, id: string, note: string) => decide(ctx, id, false, note);

export async function getAdjustment(ctx: Ctx, id: string): Promise<AdjustmentDto> {
  const row = await repo.findVisible(ctx, ctx.db, id);
  if (!row) throw notFound('loyaltyAdjustment');
  return toAdjustmentDto(row);
}

export async function listAdjustments(ctx: Ctx, q: z.output<typeof AdjustmentListQuery>) {
  const page = await repo.listPage(ctx.db, repo.listWhere(ctx, q), q.limit, decodeCursor(q.cursor));
  return { items: page.rows.map(toAdjustmentDto), nextCursor: page.nextCursor };
}
