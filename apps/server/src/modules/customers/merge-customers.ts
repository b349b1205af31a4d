import type { Ctx } from '../../platform/http/context.ts';
import { fieldAccess } from '../../platform/http/context.ts';
import { invalid, issue, notFound } from '../../platform/http/errors.ts';
import { updateScoped } from '../../platform/db/scoped.ts';
import { toCustomerDto, type CustomerRow } from './customers.dto.ts';
import { customerFence, findVisible, live, writePhones } from './customers.repository.ts';
import { lockVisible, moveToSurvivor } from './dedupe.repository.ts';
import { customerMerged } from './customers.events.ts';

/**
 * Fields an empty survivor takes from the merged customers (first non-empty in the order given), by the field name
 * field rules use, with the columns that travel together.
 */
const FILLABLE: { field: string; columns: (keyof CustomerRow)[]; empty?: (v: unknown) => boolean }[] = [
  ...(['gender', 'weddingAnniversary', 'ageBand', 'education', 'occupation', 'title', 'incomeBand', 'maritalStatus', 'email', 'wechat', 'qq',
    'otherIm', 'provinceCode', 'cityCode', 'districtCode', 'address', 'referrer', 'source', 'ownerId', 'storeId', 'creditRating', 'industry',
    'homeProfile', 'notes'] as const).map((f) => ({ field: f, columns: [f] })),
  { field: 'birthday', columns: ['birthday', 'birthdayCalendar', 'birthdayMonth', 'birthdayDay'] },
  { field: 'listStatus', columns: ['listStatus', 'listReason'], empty: (v) => v === 'none' },
];
const isEmpty = (v: unknown) => v === null || v === undefined || v === '';
const union = (...lists: string[][]) => [...new Set(lists.flat())];

/**
 * What the survivor becomes: union of phones (its primary first), tags and hobbies; its empty fields filled from the
 * merged ones where the caller may edit them; custom fields merged with the survivor winning; the earliest creation
 * time; the latest contact time.
 */
export function mergedPatch(ctx: Ctx, survivor: CustomerRow, merged: CustomerRow[], now: Date): Partial<CustomerRow> {
  const patch: Record<string, unknown> = {
    phones: union(survivor.phones, ...merged.map((m) => m.phones)),
    tags: union(survivor.tags, ...merged.map((m) => m.tags)),
    hobbies: union(survivor.hobbies, ...merged.map((m) => m.hobbies)),
    lastTouchedAt: now,
  };
  for (const f of FILLABLE) {
    const empty = f.empty ?? isEmpty;
    if (!empty(survivor[f.columns[0]]) || fieldAccess(ctx, 'customer', f.field) !== 'editable') continue;
    const donor = merged.find((m) => !empty(m[f.columns[0]]));
    if (donor) for (const c of f.columns) patch[c] = donor[c];
  }
  if (fieldAccess(ctx, 'customer', 'customFields') === 'editable') {
    const cf: Record<string, unknown> = { ...survivor.customFields };
    for (const m of merged) for (const [k, v] of Object.entries(m.customFields ?? {})) if (isEmpty(cf[k]) && !isEmpty(v)) cf[k] = v;
    patch.customFields = cf;
  }
  const all = [survivor, ...merged];
  patch.createdAt = new Date(Math.min(...all.map((c) => c.createdAt.getTime())));
  const contacts = all.map((c) => c.lastContactAt?.getTime()).filter((t): t is number => t !== undefined);
  if (contacts.length) patch.lastContactAt = new Date(Math.max(...contacts));
  return patch as Partial<CustomerRow>;
}

/**
 * Merge customers into a survivor (CUS-6), in one transaction: every customer must be visible to the caller (else 404);
 * contacts, attachments and phones move over; merged records keep their row and history but point to the survivor
 * (`merged_into_id`) and vanish from lists, search and get. Audited on every record; modules react through
 * `onCustomerMerged` hooks inside the same transaction.
 */
export async function mergeCustomers(ctx: Ctx, input: { survivorId: string; mergedIds: string[] }) {
  const { survivorId, mergedIds } = input;
  if (mergedIds.includes(survivorId)) throw invalid([issue('body.mergedIds', 'self_merge', 'a customer cannot be merged into itself')]);
  if (new Set(mergedIds).size !== mergedIds.length) throw invalid([issue('body.mergedIds', 'duplicate_ids', 'duplicate ids')]);
  return ctx.db.transaction(async (tx) => {
    const rows = await lockVisible(ctx, tx, [survivorId, ...mergedIds]);
    if (rows.length !== mergedIds.length + 1) throw notFound('customer');
    const byId = new Map(rows.map((r) => [r.id, r]));
    const survivor = byId.get(survivorId)!;
    const merged = mergedIds.map((id) => byId.get(id)!);
    const patch = mergedPatch(ctx, survivor, merged, ctx.now());
    const moved = await moveToSurvivor(tx, ctx.tenantId, survivorId, mergedIds);
    for (const m of merged) {
      await updateScoped(ctx, tx, customerFence, m.id, { mergedIntoId: survivorId }, { action: 'customer.merged', meta: { survivorId }, extra: live() });
    }
    const { after } = await updateScoped<CustomerRow>(ctx, tx, customerFence, survivorId, patch, {
      action: 'customer.merged',
      extra: live(),
      meta: {
        mergedIds,
        createdAt: { before: survivor.createdAt.toISOString(), after: patch.createdAt!.toISOString() },
        movedContactIds: moved.contactIds,
        movedAttachmentIds: moved.attachmentIds,
      },
    });
    await writePhones(tx, ctx.tenantId, survivorId, patch.phones!);
    await customerMerged(ctx, tx, { survivorId, mergedIds });
    return toCustomerDto((await findVisible(ctx, tx, survivorId)) ?? after);
  });
}
