import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AddFamilyMember, FamilyChangeDto } from '@jiake/shared';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, invalid, issue, notFound } from '../../platform/http/errors.ts';
import { lockScoped, updateScoped } from '../../platform/db/scoped.ts';
import { getCustomer } from '../customers/index.ts';
import { lockAccount, postPoints } from './ledger.ts';
import * as ledger from './ledger.repository.ts';
import { findVisible, lockMembers, memberFence, memberInTenant, memberOfCustomer, membersOfAccount, type MemberRow } from './members.repository.ts';
import { enrolMember } from './members.service.ts';
import { transferStoredValue } from './stored-value.ts';
import { idempotent, type Outcome } from './idempotency.ts';
import { actorOf, conflict, issueCardInTx, placeOf, withCardRaces } from './card-issue.ts';
import { moveCard } from './card-lifecycle.service.ts';
import * as cards from './cards.repository.ts';
import * as repo from './family.repository.ts';
import { familyView } from './family.service.ts';

/**
 * Joining and leaving a family account (LOY-6 主附卡, LOY-7). Everything happens in one transaction under the locks
 * of the member rows (id order) and then of both points accounts (id order), so concurrent joins never deadlock and
 * never move a member twice.
 *
 * Joining: the family's account becomes a family account (the member it belonged to is its primary member); the new
 * sub member's points move lot by lot (`transfer_out` / `transfer_in`, source `transfer`, the lot's expiry and earning
 * store kept), their stored value moves whole, their account is the family's from then on, and they get a sub card
 * with the limits given (their usable card is replaced by it; a lost one is cancelled).
 * Leaving: the sub member's points and stored value stay with the family (what they brought is the family's now);
 * they go back to their own former account (empty since they joined, unless points came back to it since, e.g. a
 * redemption made before joining was cancelled) and their sub card is cancelled.
 */

type AddInput = z.output<typeof AddFamilyMember>;
const ROUTE = 'POST /api/v1/loyalty/members/:id/family';

/** The customer to add, enrolled now when not yet a member (a 422 at body.customerId when the caller cannot see it). */
async function joinerFor(ctx: Ctx, head: MemberRow, customerId: string): Promise<MemberRow> {
  try {
    await getCustomer(ctx, customerId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw invalid([issue('body.customerId', 'not_found', 'customer not found')]);
    throw err;
  }
  if (customerId === head.customerId) throw conflict('same_member', 'a member cannot join their own account');
  const existing = (await memberOfCustomer(ctx.db, ctx.tenantId, customerId)) ?? (await memberInTenant(ctx.db, ctx.tenantId, (await enrolMember(ctx, { customerId })).id));
  if (!existing || !(await findVisible(ctx, ctx.db, existing.id))) throw invalid([issue('body.customerId', 'member_out_of_scope', 'the customer’s membership belongs to a store outside yours')]);
  return existing;
}

/**
 * Add a customer to the account of member `memberId` (any member of a family, or a member on their own, who becomes
 * the primary member). Idempotent: adding a member already in this family changes nothing; an Idempotency-Key
 * replays the first answer.
 */
export async function addFamilyMember(ctx: Ctx, memberId: string, input: AddInput, idempotencyKey?: string): Promise<Outcome<FamilyChangeDto>> {
  const head = await findVisible(ctx, ctx.db, memberId);
  if (!head) throw notFound('loyaltyMember');
  const joiner = await joinerFor(ctx, head, input.customerId);
  return withCardRaces(() => idempotent(ctx, idempotencyKey, { route: ROUTE, body: { memberId, ...input } }, 200, (tx) => joinInTx(ctx, tx, head.id, joiner.id, input)));
}

async function joinInTx(ctx: Ctx, tx: Tx, headId: string, joinerId: string, input: AddInput): Promise<FamilyChangeDto> {
  const tenantId = ctx.tenantId;
  const locked = await lockMembers(tx, tenantId, [headId, joinerId]);
  const head = locked.get(headId)!;
  const joiner = locked.get(joinerId)!;
  if (joiner.accountId === head.accountId) return { family: await familyView(ctx, tx, head.accountId), memberId: joiner.id, pointsMoved: 0, valueMovedFen: 0, accountId: head.accountId };
  for (const m of [head, joiner]) if (m.status !== 'active') throw conflict('member_not_active', `member ${m.number} is ${m.status}`, { status: m.status, memberId: m.id });
  const [first, second] = [head.accountId, joiner.accountId].sort();
  const accounts = new Map([[first, await lockAccount(tx, tenantId, first)], [second, await lockAccount(tx, tenantId, second)]]);
  const family = accounts.get(head.accountId)!;
  const own = accounts.get(joiner.accountId)!;
  if (await repo.openLinkOf(tx, tenantId, joiner.id)) throw conflict('in_another_family', `member ${joiner.number} belongs to another family account`);
  if ((await membersOfAccount(tx, tenantId, own.id, 2)).length > 1) throw conflict('has_family', `member ${joiner.number} heads a family account of their own`);
  if (own.balance < 0) throw conflict('negative_balance', `member ${joiner.number} owes ${-own.balance} points`, { balance: own.balance });

  const now = ctx.now();
  if (family.kind !== 'family') {
    await repo.makeFamilyAccount(tx, tenantId, family.id, now);
    await ctx.audit.record(tx, { action: 'loyaltyMember.familyCreated', entityType: 'loyaltyMember', entityId: family.primaryMemberId ?? head.id, meta: { accountId: family.id } });
  }
  const link = await repo.insertLink(tx, { tenantId, accountId: family.id, memberId: joiner.id, fromAccountId: own.id, joinedAt: now, joinedById: actorOf(ctx), joinedStoreId: placeOf(ctx) });
  const pointsMoved = await movePoints(ctx, tx, link, own, family.id);
  const valueMovedFen = await transferStoredValue(ctx, tx, { fromAccountId: own.id, toAccountId: family.id, memberId: joiner.id, source: { type: 'transfer', id: link.id } });
  await repo.updateLink(tx, tenantId, link.id, { pointsMoved, valueMovedFen });
  await updateScoped(ctx, tx, memberFence, joiner.id, { accountId: family.id }, {
    action: 'loyaltyMember.joinedFamily',
    meta: { familyAccountId: family.id, fromAccountId: own.id, primaryMemberId: family.primaryMemberId, pointsMoved, valueMovedFen },
  });

  // The member's cards were for their own account: the usable one gives way to the sub card, a lost one is cancelled.
  const subCardId = randomUUID();
  let replaced: cards.CardRow | undefined;
  for (const open of await cards.openCardsOf(tx, tenantId, [joiner.id])) {
    const card = await lockScoped<cards.CardRow>(ctx, tx, cards.cardFence, open.id);
    if (cards.USABLE_STATUSES.includes(card.status)) {
      await moveCard(ctx, tx, card, 'replace', 'joined_family', { replacedByCardId: subCardId }, { familyAccountId: family.id });
      replaced = card;
    } else if (card.status === 'lost') await moveCard(ctx, tx, card, 'cancel', 'joined_family', {}, { familyAccountId: family.id });
  }
  await issueCardInTx(ctx, tx, { ...joiner, accountId: family.id }, {
    id: subCardId, number: input.cardNumber, numberPath: 'body.cardNumber', replaces: replaced,
    limits: { monthlyPointsLimit: input.monthlyPointsLimit ?? null, monthlyValueLimitFen: input.monthlyValueLimitFen ?? null },
  });
  return { family: await familyView(ctx, tx, family.id), memberId: joiner.id, pointsMoved, valueMovedFen, accountId: family.id };
}

/** Move every open lot of `from` to `to`, one transfer pair per lot, keeping its expiry and the store it was earned at. */
async function movePoints(ctx: Ctx, tx: Tx, link: repo.FamilyLinkRow, from: ledger.AccountRow, to: string): Promise<number> {
  const lots = await ledger.openLots(tx, ctx.tenantId, from.id);
  const stores = await repo.storesOfEntries(tx, ctx.tenantId, lots.map((l) => l.entryId));
  let moved = 0;
  for (const lot of lots) {
    const source = { type: 'transfer', id: `${link.id}:${lot.id}` };
    const storeId = stores.get(lot.entryId) ?? null;
    const rule = { rule: 'family_join', linkId: link.id, lotId: lot.id, earnedAt: lot.earnedAt.toISOString() };
    await postPoints(ctx, tx, { accountId: from.id, memberId: link.memberId, kind: 'transfer_out', points: -lot.remaining, source, storeId, preferLotIds: [lot.id], breakdown: [{ ...rule, toAccountId: to }] });
    await postPoints(ctx, tx, { accountId: to, memberId: link.memberId, kind: 'transfer_in', points: lot.remaining, source, storeId, expiresAt: lot.expiresAt, breakdown: [{ ...rule, fromAccountId: from.id }] });
    moved += lot.remaining;
  }
  return moved;
}

/**
 * Take a sub member out of their family account (409 `primary_member` for the primary, `not_in_family` when they are
 * in none). The points and stored value stay with the family; the member goes back to their former account (a new
 * one if it cannot be had) and their sub card is cancelled. Answers the family as it is now.
 */
export async function removeFamilyMember(ctx: Ctx, memberId: string): Promise<FamilyChangeDto> {
  return ctx.db.transaction(async (tx) => {
    const tenantId = ctx.tenantId;
    if (!(await findVisible(ctx, tx, memberId))) throw notFound('loyaltyMember');
    const member = (await lockMembers(tx, tenantId, [memberId])).get(memberId)!;
    const family = await lockAccount(tx, tenantId, member.accountId);
    if (family.kind === 'family' && family.primaryMemberId === member.id) throw conflict('primary_member', 'the primary member heads the family account and cannot leave it');
    const link = await repo.openLinkOf(tx, tenantId, member.id);
    if (family.kind !== 'family' || !link || link.accountId !== family.id) throw conflict('not_in_family', `member ${member.number} is not in a family account`);
    const target = await accountToLeaveFor(ctx, tx, member, link.fromAccountId);

    for (const open of await cards.openCardsOf(tx, tenantId, [member.id])) {
      const card = await lockScoped<cards.CardRow>(ctx, tx, cards.cardFence, open.id);
      if (!cards.FINAL_STATUSES.includes(card.status)) await moveCard(ctx, tx, card, 'cancel', 'left_family', {}, { familyAccountId: family.id });
    }
    await updateScoped(ctx, tx, memberFence, member.id, { accountId: target }, {
      action: 'loyaltyMember.leftFamily',
      meta: { familyAccountId: family.id, toAccountId: target, pointsStayingWithFamily: family.balance },
    });
    await repo.updateLink(tx, tenantId, link.id, { leftAt: ctx.now(), leftById: actorOf(ctx), leftStoreId: placeOf(ctx), toAccountId: target });
    return { family: await familyView(ctx, tx, family.id), memberId: member.id, pointsMoved: 0, valueMovedFen: 0, accountId: target };
  });
}

/** The member's former account when it is still theirs alone (locked), else a new individual account. */
async function accountToLeaveFor(ctx: Ctx, tx: Tx, member: MemberRow, formerId: string): Promise<string> {
  const former = (await ledger.accountsByIds(tx, ctx.tenantId, [formerId])).get(formerId);
  if (former && former.kind === 'individual' && former.primaryMemberId === member.id && !(await membersOfAccount(tx, ctx.tenantId, former.id, 1)).length) {
    await lockAccount(tx, ctx.tenantId, former.id);
    return former.id;
  }
  const now = ctx.now();
  const fresh = await ledger.insertAccount(tx, { tenantId: ctx.tenantId, kind: 'individual', primaryMemberId: member.id, createdAt: now, updatedAt: now });
  return fresh.id;
}
