import type { z } from 'zod';
import { EnrolMember, type ConsentGrantInput, type MemberDto, type MemberListQuery } from '@jiake/shared';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, invalid, issue, notFound } from '../../platform/http/errors.ts';
import { insertScoped, unitWithinScope } from '../../platform/db/scoped.ts';
import { decodeCursor } from '../../platform/db/keyset.ts';
import { customerNamesByIds, getCustomer } from '../customers/index.ts';
import * as repo from './members.repository.ts';
import * as ledger from './ledger.repository.ts';
import { storeInfo } from './program.repository.ts';
import { loadSettings } from './program.service.ts';
import { toMemberDto } from './loyalty.dto.ts';

/** Members (会员): enrolment with a member number and join store, consent to marketing, list and detail (LOY-6, LOY-7). */

type EnrolInput = z.output<typeof EnrolMember>;

async function customerOrIssue(ctx: Ctx, customerId: string) {
  try {
    return await getCustomer(ctx, customerId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw invalid([issue('body.customerId', 'not_found', 'customer not found')]);
    throw err;
  }
}

/** The caller's own store, or none for a head-office or regional user. */
async function callerStore(ctx: Ctx, db: DbOrTx): Promise<string | null> {
  if (ctx.actor.kind === 'system') return null;
  const unit = await storeInfo(db, ctx.tenantId, ctx.actor.unitId);
  return unit?.kind === 'store' ? ctx.actor.unitId : null;
}

async function joinStoreOf(ctx: Ctx, tx: Tx, input: EnrolInput, customerStoreId: string | null): Promise<string | null> {
  if (input.joinStoreId) {
    const unit = await storeInfo(tx, ctx.tenantId, input.joinStoreId);
    if (!unit || !(await unitWithinScope(ctx, tx, input.joinStoreId))) throw invalid([issue('body.joinStoreId', 'not_found', 'store not found')]);
    if (unit.kind !== 'store') throw invalid([issue('body.joinStoreId', 'not_a_store', 'members join a store, not a region')]);
    return input.joinStoreId;
  }
  return customerStoreId ?? (await callerStore(ctx, tx));
}

const consentRows = (ctx: Ctx, memberId: string, grants: ConsentGrantInput[], at: Date) =>
  grants.map((g) => ({
    tenantId: ctx.tenantId, memberId, channel: g.channel, granted: g.granted, source: g.source ?? 'store', note: g.note ?? null, recordedAt: at,
    recordedById: ctx.actor.kind === 'user' ? ctx.actor.id : null,
  }));

const isUniqueViolation = (err: unknown) => (err as { code?: string; cause?: { code?: string } })?.code === '23505' || (err as { cause?: { code?: string } })?.cause?.code === '23505';

/**
 * Enrol a customer the caller can see: one membership per customer (409 `already_member` with the member's id),
 * a member number from the programme's prefix and a per-tenant sequence, a new points account, and the marketing
 * consents given (each channel recorded with time and source; enrolment itself needs no consent).
 * Points are not retroactive: orders paid before enrolment earn nothing.
 */
export async function enrolMember(ctx: Ctx, raw: z.input<typeof EnrolMember>): Promise<MemberDto> {
  const input = EnrolMember.parse(raw);
  const dupChannels = input.consents.map((c) => c.channel).filter((c, i, all) => all.indexOf(c) !== i);
  if (dupChannels.length) throw invalid([issue('body.consents', 'duplicate_channel', `one record per channel (${dupChannels[0]} twice)`)]);
  const customer = await customerOrIssue(ctx, input.customerId);
  let id: string;
  try {
    id = await ctx.db.transaction(async (tx) => {
      const existing = await repo.memberOfCustomer(tx, ctx.tenantId, input.customerId);
      if (existing) throw alreadyMember(existing.id);
      const joinStoreId = await joinStoreOf(ctx, tx, input, customer.storeId ?? null);
      const settings = await loadSettings(tx, ctx.tenantId);
      const now = ctx.now();
      const account = await ledger.insertAccount(tx, { tenantId: ctx.tenantId, kind: 'individual', createdAt: now, updatedAt: now });
      const member = await insertScoped<repo.MemberRow>(ctx, tx, repo.memberFence, {
        customerId: input.customerId,
        number: await repo.nextMemberNumber(tx, ctx.tenantId, settings.memberNumber.prefix, settings.memberNumber.digits),
        joinStoreId,
        accountId: account.id,
        status: 'active',
        enrolledAt: now,
        enrolledById: ctx.actor.kind === 'user' ? ctx.actor.id : null,
        createdAt: now,
        updatedAt: now,
      }, { action: 'loyaltyMember.enrolled', meta: { customerId: input.customerId } });
      await ledger.setPrimaryMember(tx, ctx.tenantId, account.id, member.id);
      await recordConsentsInTx(ctx, tx, member.id, input.consents, now);
      return member.id;
    });
  } catch (err) {
    // Two enrolments of one customer at once: the unique index decides, the loser is told like a repeat.
    if (isUniqueViolation(err)) {
      const winner = await repo.memberOfCustomer(ctx.db, ctx.tenantId, input.customerId);
      if (winner) throw alreadyMember(winner.id);
    }
    throw err;
  }
  return getMember(ctx, id);
}

const alreadyMember = (memberId: string) => new AppError('conflict', 'the customer is already a member', { params: { reason: 'already_member', memberId } });

async function recordConsentsInTx(ctx: Ctx, tx: Tx, memberId: string, grants: ConsentGrantInput[], at: Date) {
  if (!grants.length) return;
  await repo.insertConsents(tx, consentRows(ctx, memberId, grants, at));
  await ctx.audit.record(tx, {
    action: 'loyaltyMember.consentRecorded',
    entityType: 'loyaltyMember',
    entityId: memberId,
    meta: { consents: grants.map((g) => ({ channel: g.channel, granted: g.granted, source: g.source ?? 'store' })) },
  });
}

/** Give or withdraw marketing consent on one channel (a new record; the history stays). */
export async function recordConsent(ctx: Ctx, memberId: string, grant: ConsentGrantInput): Promise<MemberDto> {
  await ctx.db.transaction(async (tx) => {
    const m = await repo.findVisible(ctx, tx, memberId);
    if (!m) throw notFound('loyaltyMember');
    await recordConsentsInTx(ctx, tx, memberId, [grant], ctx.now());
  });
  return getMember(ctx, memberId);
}

export async function getMember(ctx: Ctx, id: string): Promise<MemberDto> {
  const row = await repo.findVisible(ctx, ctx.db, id);
  if (!row) throw notFound('loyaltyMember');
  const [names, consents] = await Promise.all([customerNamesByIds(ctx.db, ctx.tenantId, [row.customerId]), repo.currentConsents(ctx.db, ctx.tenantId, [row.id])]);
  return toMemberDto(ctx, row, names.get(row.customerId) ?? null, consents);
}

export async function listMembers(ctx: Ctx, q: z.output<typeof MemberListQuery>) {
  const where = repo.listWhere(ctx, q);
  const [page, count] = await Promise.all([repo.listPage(ctx.db, where, q.limit, decodeCursor(q.cursor)), repo.cappedCount(ctx.db, where)]);
  const ids = page.rows.map((r) => r.id);
  const [names, consents] = await Promise.all([customerNamesByIds(ctx.db, ctx.tenantId, page.rows.map((r) => r.customerId)), repo.currentConsents(ctx.db, ctx.tenantId, ids)]);
  return {
    items: page.rows.map((r) => toMemberDto(ctx, r, names.get(r.customerId) ?? null, consents)),
    nextCursor: page.nextCursor,
    total: count.total,
    totalIsEstimate: count.estimate,
  };
}
