import type { z } from 'zod';
import type { ApproveChange, CreateChangeRequestInput, RefuseChange } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import * as repo from './orders.repository.ts';
import { toChangeDto } from './orders.dto.ts';
import { CHANGEABLE_DELIVERY, CHANGEABLE_ITEMS, refuse } from './order-status.ts';
import { linesChange, resolveLines, writeLines } from './order-lines.ts';
import { totalsOf } from './order-math.ts';
import { patchOrder, settle } from './order-writes.ts';

/**
 * Order changes (ORD-3): items, delivery address and/or date are requested (orders:edit), then approved — which
 * applies them — or refused (orders:approve), each with a reason. One open request per order at a time; all are
 * kept. Every step is audited on the order, so its history tells the whole story.
 */

function checkStatus(o: repo.OrderRow, c: { lines: unknown; changesAddress: boolean; changesDate: boolean }, action: string) {
  if (c.lines && !CHANGEABLE_ITEMS.includes(o.status)) throw refuse(action, o.status, `the items of a ${o.status} order cannot change`);
  if ((c.changesAddress || c.changesDate) && !CHANGEABLE_DELIVERY.includes(o.status)) throw refuse(action, o.status, `the delivery of a ${o.status} order cannot change`);
}

export async function requestChange(ctx: Ctx, orderId: string, input: CreateChangeRequestInput) {
  const id = await ctx.db.transaction(async (tx) => {
    const o = await repo.lockOrder(ctx, tx, orderId);
    const wanted = { lines: input.lines, changesAddress: input.deliveryAddress !== undefined, changesDate: input.deliveryDate !== undefined };
    checkStatus(o, wanted, 'request a change of');
    if (await repo.openChange(tx, ctx.tenantId, orderId)) throw new AppError('conflict', 'a change request of this order is waiting for a decision');
    const existing = await repo.linesOf(tx, ctx.tenantId, orderId);
    const lines = input.lines ? await resolveLines(ctx, tx, input.lines, existing) : null;
    const row = await repo.insertChange(tx, {
      tenantId: ctx.tenantId, orderId, status: 'requested', lines,
      changesAddress: wanted.changesAddress, deliveryAddress: input.deliveryAddress ?? null,
      changesDate: wanted.changesDate, deliveryDate: input.deliveryDate ?? null,
      totalBeforeFen: o.totalFen, totalAfterFen: lines ? totalsOf(lines).totalFen : o.totalFen,
      reason: input.reason, requestedBy: ctx.actor.kind === 'user' ? ctx.actor.id : null, requestedAt: ctx.now(),
    });
    await ctx.audit.record(tx, { action: 'order.change_requested', entityType: 'order', entityId: orderId, meta: { changeId: row.id, reason: input.reason, ...describe(row) } });
    return row.id;
  });
  return loadChange(ctx, orderId, id);
}

const describe = (c: repo.ChangeRow) => ({
  ...(c.lines ? { lines: c.lines.map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity, amountFen: l.amountFen })), totalAfterFen: c.totalAfterFen } : {}),
  ...(c.changesAddress ? { deliveryAddress: c.deliveryAddress } : {}),
  ...(c.changesDate ? { deliveryDate: c.deliveryDate } : {}),
});

async function lockOpen(ctx: Ctx, tx: DbOrTx, orderId: string, changeId: string) {
  const o = await repo.lockOrder(ctx, tx, orderId);
  const c = await repo.findChange(tx, ctx.tenantId, orderId, changeId);
  if (!c) throw notFound('change request');
  if (c.status !== 'requested') throw new AppError('conflict', `the change request was already ${c.status}`, { params: { status: c.status } });
  return { o, c };
}

const decided = (ctx: Ctx, status: 'approved' | 'refused', reason: string | null) => ({
  status, decidedBy: ctx.actor.kind === 'user' ? ctx.actor.id : null, decidedAt: ctx.now(), decisionReason: reason,
});

/** Apply the change to the order (new lines and totals, address, date → `order.deliveryScheduled`), then settle. */
export async function approveChange(ctx: Ctx, orderId: string, changeId: string, input: z.infer<typeof ApproveChange>) {
  await ctx.db.transaction(async (tx) => {
    const { o, c } = await lockOpen(ctx, tx, orderId, changeId);
    checkStatus(o, c, 'apply the change to');
    const patch: Partial<repo.OrderRow> = {};
    const extraChanges = [];
    if (c.lines) {
      const existing = await repo.linesOf(tx, ctx.tenantId, orderId);
      // Lines removed since the request (a draft edited meanwhile) come back as new lines.
      const ids = new Set(existing.map((l) => l.id));
      const lines = c.lines.map((l) => (l.id && ids.has(l.id) ? l : { ...l, id: null }));
      const { changed, totals } = await writeLines(ctx, tx, orderId, existing, lines);
      if (changed) extraChanges.push(linesChange(existing, lines));
      Object.assign(patch, totals);
    }
    if (c.changesAddress) patch.deliveryAddress = c.deliveryAddress;
    if (c.changesDate) patch.deliveryDate = c.deliveryDate;
    await repo.updateChange(tx, ctx.tenantId, changeId, decided(ctx, 'approved', input.reason ?? null));
    const after = await patchOrder(ctx, tx, o, patch, { action: 'order.change_approved', meta: { changeId, reason: input.reason ?? null, ...describe(c) }, extraChanges });
    await settle(ctx, tx, after);
  });
  return loadChange(ctx, orderId, changeId);
}

export async function refuseChange(ctx: Ctx, orderId: string, changeId: string, input: z.infer<typeof RefuseChange>) {
  await ctx.db.transaction(async (tx) => {
    const { c } = await lockOpen(ctx, tx, orderId, changeId);
    await repo.updateChange(tx, ctx.tenantId, changeId, decided(ctx, 'refused', input.reason));
    await ctx.audit.record(tx, { action: 'order.change_refused', entityType: 'order', entityId: orderId, meta: { changeId, reason: input.reason, ...describe(c) } });
  });
  return loadChange(ctx, orderId, changeId);
}

/** When an order is delivered or cancelled, a change still waiting can no longer apply: it is refused, saying why. */
export async function refuseOpenChanges(ctx: Ctx, tx: DbOrTx, o: repo.OrderRow, reason: string) {
  const open = await repo.openChange(tx, ctx.tenantId, o.id);
  if (!open) return;
  await repo.updateChange(tx, ctx.tenantId, open.id, decided(ctx, 'refused', reason));
  await ctx.audit.record(tx, { action: 'order.change_refused', entityType: 'order', entityId: o.id, meta: { changeId: open.id, reason } });
}

export async function listChanges(ctx: Ctx, orderId: string) {
  if (!(await repo.isVisible(ctx, orderId))) throw notFound('order');
  return { items: (await repo.changesOf(ctx.db, ctx.tenantId, orderId)).map(toChangeDto) };
}

async function loadChange(ctx: Ctx, orderId: string, changeId: string) {
  const c = (await repo.changesOf(ctx.db, ctx.tenantId, orderId)).find((x) => x.id === changeId);
  if (!c) throw notFound('change request');
  return toChangeDto(c);
}
