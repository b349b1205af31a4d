import type { z } from 'zod';
import { CreateLead, type CapturedLead, type FieldIssue } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import { can, type Ctx } from '../../platform/http/context.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import { missingPermission } from '../../platform/http/guard.ts';
import { insertScoped, unitWithinScope } from '../../platform/db/scoped.ts';
import { customersByContact, isCustomerVisible, normalisePhones } from '../customers/index.ts';
import * as repo from './leads.repository.ts';
import type { StoredDuplicate, StoredSourceDetail } from './leads.tables.ts';
import { assignmentMeta, canTake, notifyAssignee, runRules, type Assignment } from './assignment.ts';
import { toLeadDetail } from './leads.dto.ts';
import { parseInput } from './parse-input.ts';

export type CaptureInput = z.output<typeof CreateLead>;

/** Where a lead goes when no store is given: the creator's unit; none for the head office and for the system (web forms). */
export function defaultStore(ctx: Ctx): string | null {
  if (ctx.actor.kind === 'system') return null;
  return ctx.actor.unitPath.split('/').filter(Boolean).length === 1 ? null : ctx.actor.unitId;
}

/**
 * Customers and open leads reached at the same numbers (whatever the caller's scope: a duplicate elsewhere matters
 * too; the DTO hides the identity of what the caller may not see). At most 10.
 */
export async function findDuplicates(tx: DbOrTx, tenantId: string, e164s: string[], excludeLeadId?: string): Promise<StoredDuplicate[]> {
  const out: StoredDuplicate[] = [];
  const has = (kind: string, id: string) => out.some((d) => d.kind === kind && d.id === id);
  for (const e164 of e164s) {
    for (const c of await customersByContact(tx, tenantId, { e164 }, 5)) if (!has('customer', c.id)) out.push({ kind: 'customer', id: c.id, name: c.name, phone: e164 });
  }
  for (const l of await repo.openLeadsWithPhones(tx, tenantId, e164s, excludeLeadId)) if (!has('lead', l.id)) out.push({ kind: 'lead', id: l.id, name: l.name, phone: l.e164 });
  return out.slice(0, 10);
}

/** Phones and the referrer's phone as E.164, and the referring customer (one the caller can see). */
export async function checkContactDetails(ctx: Ctx, input: { phones?: string[]; sourceDetail?: CaptureInput['sourceDetail'] }) {
  const issues: FieldIssue[] = [];
  const phones = input.phones ? normalisePhones(input.phones) : null;
  if (phones) issues.push(...phones.issues);
  const detail = input.sourceDetail ? { ...input.sourceDetail } : undefined;
  if (detail?.referrerPhone) {
    const n = normalisePhones([detail.referrerPhone], 'body.sourceDetail.referrerPhone');
    if (n.issues.length) issues.push(issue('body.sourceDetail.referrerPhone', 'invalid_phone', 'not a valid phone number'));
    else detail.referrerPhone = n.e164s[0];
  }
  if (detail?.referringCustomerId && !(await isCustomerVisible(ctx, detail.referringCustomerId))) {
    issues.push(issue('body.sourceDetail.referringCustomerId', 'not_found', 'customer not found'));
  }
  if (issues.length) throw invalid(issues);
  return { e164s: phones?.e164s, sourceDetail: detail };
}

async function chooseStore(ctx: Ctx, tx: DbOrTx, storeId: string | null | undefined): Promise<string | null> {
  if (storeId === undefined) return defaultStore(ctx);
  if (storeId !== null && !(await unitWithinScope(ctx, tx, storeId))) throw invalid([issue('body.storeId', 'not_found', 'store not found')]);
  return storeId;
}

/** A named assignee: the caller itself, or anyone (leads:assign) who may take a lead of the store. */
async function named(ctx: Ctx, tx: DbOrTx, assigneeId: string | null, storeId: string | null): Promise<Assignment> {
  if (assigneeId === null) return { assigneeId: null, storeId, rule: null };
  if (!(ctx.actor.kind === 'user' && ctx.actor.id === assigneeId) && !can(ctx, 'leads:assign')) throw missingPermission('leads:assign');
  const u = await canTake(ctx, tx, assigneeId, storeId);
  if (!u) throw invalid([issue('body.assigneeId', 'not_found', 'no active user with leads:edit serves this store')]);
  return { assigneeId, storeId: storeId ?? (u.unitKind === 'store' ? u.unitId : null), rule: null };
}

/**
 * Capture a lead (LEAD-1) from any channel — staff, the public web form, an integration — through one path: phones
 * normalised, duplicates among customers and open leads flagged (not blocking), the store chosen or defaulted,
 * assignment by the rules unless an assignee is named (null: straight to the queue), the assignee notified, all in
 * one transaction. The answer is the lead even when the caller will not see it afterwards (assigned to someone else).
 */
export async function captureLead(ctx: Ctx, raw: z.input<typeof CreateLead> | CaptureInput, extra: { sourceDetail?: StoredSourceDetail } = {}): Promise<z.output<typeof CapturedLead>> {
  const input = parseInput(CreateLead, raw);
  const checked = await checkContactDetails(ctx, input);
  const e164s = checked.e164s ?? [];
  const { needs, assigneeId, storeId: givenStore, sourceDetail: _sd, ...fields } = input;
  const row = await ctx.db.transaction(async (tx) => {
    const storeId = await chooseStore(ctx, tx, givenStore);
    const assignment =
      assigneeId !== undefined
        ? await named(ctx, tx, assigneeId, storeId)
        : await runRules(ctx, tx, { source: input.source, provinceCode: input.provinceCode ?? null, cityCode: input.cityCode ?? null, storeId });
    const now = ctx.now();
    const created = await insertScoped<repo.LeadRow>(ctx, tx, repo.leadFence, {
      ...fields,
      phones: e164s,
      sourceDetail: { ...checked.sourceDetail, ...extra.sourceDetail },
      needs,
      storeId: assignment.storeId,
      assigneeId: assignment.assigneeId,
      assignedAt: assignment.assigneeId ? now : null,
      assignmentSeq: assignment.assigneeId ? 1 : 0,
      status: 'new',
      duplicateOf: await findDuplicates(tx, ctx.tenantId, e164s),
      ...repo.searchColumns(input.name),
      createdById: ctx.actor.kind === 'user' ? ctx.actor.id : null,
      createdAt: now,
      updatedAt: now,
    });
    await repo.writePhones(tx, ctx.tenantId, created.id, e164s);
    if (created.assigneeId) {
      const meta = await assignmentMeta(ctx, tx, { kind: 'assigned', from: null, to: created.assigneeId, rule: assignment.rule });
      await ctx.audit.record(tx, { action: 'lead.assigned', entityType: 'lead', entityId: created.id, meta });
      await notifyAssignee(ctx, tx, created, meta);
    }
    return { created: (await repo.findInTenant(tx, ctx.tenantId, created.id))!, assignment };
  });
  const a = row.assignment;
  return {
    ...(await toLeadDetail(ctx, row.created)),
    assignment: { ruleId: a.rule?.id ?? null, ruleName: a.rule?.name ?? null, strategy: a.rule?.strategy ?? (a.assigneeId ? 'manual' : null) },
  };
}
