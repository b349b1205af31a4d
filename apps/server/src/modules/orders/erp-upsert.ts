import { sql } from 'drizzle-orm';
import { CreateCustomer, type ErpOrderInput, type FieldIssue, type OrderStatus } from '@jiake/shared';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import { can, type Ctx } from '../../platform/http/context.ts';
import { insertScoped, unitWithinScope } from '../../platform/db/scoped.ts';
import { invalid, issue, notFound } from '../../platform/http/errors.ts';
import { missingPermission } from '../../platform/http/guard.ts';
import { normalisePhone } from '../../platform/phone.ts';
import { diff } from '../../platform/audit/audit.writer.ts';
import { createCustomer, customersByContact, isCustomerVisible } from '../customers/index.ts';
import * as repo from './orders.repository.ts';
import { loadOrderDto } from './orders.dto.ts';
import { linesChange, matchBySku, resolveSkuLines, writeLines } from './order-lines.ts';
import { collectIssues, patchOrder, resolveParty, settle } from './order-writes.ts';
import { cancelIn, completeIn, confirmIn, deliverIn, recordPayment } from './order-lifecycle.ts';
import { balanceOf, isCovered, totalsOf } from './order-math.ts';
import { CHANGEABLE_ITEMS, pathTo, refuse } from './order-status.ts';
import { emitDeliveryScheduled } from './order-events.ts';

/**
 * PUT /orders/external/{externalId}: the ERP sends the whole order; Jiake makes its copy equal to it. Everything is
 * compared first and only differences are written, so replaying a body changes nothing (no update, no audit row, no
 * event). Fields left out stay as they are; null clears. Lines are matched by SKU, payments by their ERP reference
 * (payments are added or corrected, never removed); the status moves forward along the machine, emitting its events
 * once. An order the caller cannot see, or a store out of its reach, answers 404.
 */
export async function upsertExternalOrder(ctx: Ctx, externalId: string, body: ErpOrderInput) {
  const result = await ctx.db.transaction(async (tx) => {
    // One upsert per external id at a time (two deliveries of the same ERP message race otherwise).
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${ctx.tenantId}:order:${externalId}`}, 0))`);
    const existing = await repo.findByExternalId(tx, ctx.tenantId, externalId);
    const current = existing ? await repo.lockOrder(ctx, tx, existing.id) : null;
    const store = await repo.storeByCode(tx, ctx.tenantId, body.storeCode);
    if (!store || !(await unitWithinScope(ctx, tx, store.id))) throw notFound('store');
    if (!current && !can(ctx, 'orders:create')) throw missingPermission('orders:create');

    const issues: FieldIssue[] = [];
    const salesperson = await resolveSalesperson(tx, ctx.tenantId, body.salespersonUsername, issues);
    const lines = await collectIssues(issues, resolveSkuLines(ctx, tx, body.lines));
    const customerId = await resolveCustomer(ctx, tx, body.customer, store.id, salesperson ?? current?.salespersonId ?? null, issues, current?.customerId);
    const party = customerId && customerId !== current?.customerId ? await resolveParty(ctx, tx, { customerId }, issues) : {};
    if (issues.length || !lines || !customerId) throw invalid(issues);

    const header: Partial<repo.OrderRow> = {
      ...party,
      storeId: store.id,
      ...(salesperson !== undefined ? { salespersonId: salesperson } : {}),
      ...pick(body, ['designerId', 'campaignId', 'leadId', 'opportunityId', 'deliveryAddress', 'deliveryDate', 'notes']),
      ...(body.orderedAt ? { orderedAt: new Date(body.orderedAt) } : {}),
    };
    let order = current ?? (await insertNew(ctx, tx, externalId, header, lines));
    const created = !current;
    const auditBefore = await auditCount(tx, ctx.tenantId, order.id);

    if (current) {
      const existingLines = await repo.linesOf(tx, ctx.tenantId, order.id);
      const matched = matchBySku(existingLines, lines);
      const same = existingLines.length === matched.length && matched.every((l) => l.id && sameLine(existingLines.find((e) => e.id === l.id)!, l));
      const extraChanges = [];
      if (!same) {
        if (!CHANGEABLE_ITEMS.includes(order.status)) throw refuse('change the lines of', order.status, `the items of a ${order.status} order cannot change`);
        await writeLines(ctx, tx, order.id, existingLines, matched);
        extraChanges.push(linesChange(existingLines, matched));
        Object.assign(header, totalsOf(matched));
      }
      order = await patchOrder(ctx, tx, order, header, { action: 'order.synced', meta: { externalId }, extraChanges });
    }
    order = await syncPayments(ctx, tx, order, body.payments);
    order = await moveTo(ctx, tx, order, body);
    const changed = created || (await auditCount(tx, ctx.tenantId, order.id)) > auditBefore;
    return { id: order.id, created, changed };
  });
  return { created: result.created, changed: result.changed, order: await loadOrderDto(ctx, ctx.db, result.id) };
}

const pick = <K extends keyof ErpOrderInput>(b: ErpOrderInput, keys: K[]) => Object.fromEntries(keys.filter((k) => b[k] !== undefined).map((k) => [k, b[k]]));

const sameLine = (a: repo.LineRow, b: { quantity: number; unitPriceFen: number; discountFen: number; notes: string | null; position: number; productId: string | null }) =>
  a.quantity === b.quantity && a.unitPriceFen === b.unitPriceFen && a.discountFen === b.discountFen && (a.notes ?? null) === (b.notes ?? null) && a.position === b.position && a.productId === b.productId;

async function auditCount(tx: DbOrTx, tenantId: string, orderId: string) {
  const r = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = ${tenantId} AND entity_type = 'order' AND entity_id = ${orderId}`);
  return r.rows[0].n;
}

async function resolveSalesperson(tx: DbOrTx, tenantId: string, username: string | null | undefined, issues: FieldIssue[]) {
  if (username === undefined) return undefined;
  if (username === null) return null;
  const u = await repo.userOfTenant(tx, tenantId, { username });
  if (!u) issues.push(issue('body.salespersonUsername', 'not_found', `no user ${username}`));
  return u?.id ?? null;
}

/**
 * The customer by id (visible to the caller), else by phone (a customer the caller sees; the order's own customer
 * first), else a new customer in the order's store, made by the customers module.
 */
async function resolveCustomer(
  ctx: Ctx,
  tx: DbOrTx,
  c: ErpOrderInput['customer'],
  storeId: string,
  ownerId: string | null,
  issues: FieldIssue[],
  currentId?: string,
): Promise<string | null> {
  const txCtx: Ctx = { ...ctx, db: tx as Db };
  if (c.id) {
    if (await isCustomerVisible(txCtx, c.id)) return c.id;
    issues.push(issue('body.customer.id', 'not_found', 'customer not found'));
    return null;
  }
  const phone = normalisePhone(c.phone!);
  if (!phone) {
    issues.push(issue('body.customer.phone', 'invalid_phone', `not a valid phone number: ${c.phone}`));
    return null;
  }
  const found = await customersByContact(tx, ctx.tenantId, { e164: phone.e164 }, 20);
  if (currentId && found.some((f) => f.id === currentId)) return currentId;
  for (const f of found) if (await isCustomerVisible(txCtx, f.id)) return f.id;
  if (!c.name) {
    issues.push(issue('body.customer.name', 'required', 'no customer has this phone: give the name to create one'));
    return null;
  }
  const made = await createCustomer(txCtx, CreateCustomer.parse({ kind: 'person', name: c.name, phones: [phone.e164], storeId, ownerId, source: 'other', ignoreDuplicates: true }));
  return made.id;
}

async function insertNew(ctx: Ctx, tx: DbOrTx, externalId: string, header: Partial<repo.OrderRow>, lines: Awaited<ReturnType<typeof resolveSkuLines>>) {
  const now = ctx.now();
  const orderedAt = header.orderedAt ?? now;
  const row = await insertScoped<repo.OrderRow>(ctx, tx, repo.orderFence, {
    ...header,
    orderNo: await repo.nextOrderNo(tx, ctx.tenantId, orderedAt),
    externalId, source: 'erp', status: 'draft', orderedAt, ...totalsOf(lines),
    createdBy: ctx.actor.kind === 'system' ? null : ctx.actor.id, createdAt: now, updatedAt: now,
  }, { meta: { externalId } });
  await writeLines(ctx, tx, row.id, [], lines);
  if (row.deliveryDate) await emitDeliveryScheduled(ctx, tx, row, null);
  return row;
}

/** Payments by ERP reference: new ones are recorded, changed ones corrected (audited), the rest left alone. */
async function syncPayments(ctx: Ctx, tx: DbOrTx, order: repo.OrderRow, payments: ErpOrderInput['payments']) {
  for (const p of payments) {
    const paidAt = new Date(p.paidAt);
    const old = await repo.paymentByReference(tx, ctx.tenantId, order.id, p.reference);
    if (!old) {
      order = (await recordPayment(ctx, tx, order, { ...p, paidAt }, { externalId: order.externalId })).order;
      continue;
    }
    if (old.kind === p.kind && old.method === p.method && old.amountFen === p.amountFen && old.paidAt.getTime() === paidAt.getTime()) continue;
    const fixed = await repo.updatePayment(tx, ctx.tenantId, old.id, { kind: p.kind, method: p.method, amountFen: p.amountFen, paidAt });
    const signed = (x: { kind: string; amountFen: number }) => (x.kind === 'refund' ? { paid: 0, refunded: x.amountFen } : { paid: x.amountFen, refunded: 0 });
    const [a, b] = [signed(old), signed(fixed)];
    order = await patchOrder(ctx, tx, order, { paidFen: order.paidFen - a.paid + b.paid, refundedFen: order.refundedFen - a.refunded + b.refunded }, {
      action: 'order.payment_corrected',
      meta: { reference: p.reference },
      extraChanges: diff(old, fixed).filter((c) => c.field !== 'createdAt').map((c) => ({ ...c, field: `payment.${c.field}` })),
    });
    order = await settle(ctx, tx, order);
  }
  return order;
}

/** Walk the status forward to what the ERP says; a status behind the order's (it moved on in Jiake) is left. */
async function moveTo(ctx: Ctx, tx: DbOrTx, order: repo.OrderRow, body: ErpOrderInput): Promise<repo.OrderRow> {
  const target: OrderStatus = body.status;
  if (order.status === 'cancelled' && target !== 'cancelled') throw refuse('reopen', order.status, 'the order is cancelled');
  const steps = pathTo(order.status, target);
  if (!steps && target === 'cancelled') throw refuse('cancel', order.status);
  for (const step of steps ?? []) {
    if (step === 'confirmed') order = await confirmIn(ctx, tx, order);
    else if (step === 'paid' && order.status !== 'paid') {
      if (!isCovered(order)) throw invalid([issue('body.status', 'not_covered', `the payments do not cover the order (${balanceOf(order)} fen missing)`)]);
      order = await settle(ctx, tx, order);
    } else if (step === 'delivered') order = await deliverIn(ctx, tx, order, { deliveredAt: body.deliveredAt ?? undefined });
    else if (step === 'completed') order = await completeIn(ctx, tx, order);
    else if (step === 'cancelled') {
      if (!can(ctx, 'orders:cancel')) throw missingPermission('orders:cancel');
      order = await cancelIn(ctx, tx, order, body.cancelReason ?? 'cancelled in the ERP');
    }
  }
  return order;
}
