import type { FamilyDto } from '@jiake/shared';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { readTogether } from '../../platform/db/read-together.ts';
import { customerNamesByIds, isCustomerVisible } from '../customers/index.ts';
import { accountsByIds } from './ledger.repository.ts';
import { findVisible, membersOfAccount } from './members.repository.ts';
import { openLinksOfAccount } from './family.repository.ts';
import { openCardsOf, pointsRedeemedSince, USABLE_STATUSES } from './cards.repository.ts';
import { cardDtos } from './cards.dto.ts';
import { shanghaiMonthStart } from './card-use.ts';
import { valueSpentByMember } from './stored-value.ts';
import { maskName, nameFor } from './loyalty.dto.ts';

/**
 * A member's account as a family (LOY-6 主附卡): the account's members (the primary first, then the sub members in the
 * order they joined), each with their current card, its limits and what they spent this month.
 */

export async function familyView(ctx: Ctx, db: Tx, accountId: string): Promise<FamilyDto> {
  const tenantId = ctx.tenantId;
  const [accounts, members, links] = await readTogether(db, [
    () => accountsByIds(db, tenantId, [accountId]),
    () => membersOfAccount(db, tenantId, accountId),
    () => openLinksOfAccount(db, tenantId, accountId),
  ]);
  const account = accounts.get(accountId);
  if (!account) throw notFound('loyaltyAccount');
  const [names, open] = await readTogether(db, [
    () => customerNamesByIds(db, tenantId, members.map((m) => m.customerId)),
    () => openCardsOf(db, tenantId, members.map((m) => m.id)),
  ]);
  // A member's current card: the usable one, else the latest lost one (open cards come newest first).
  const current = members.map((m) => open.find((c) => c.memberId === m.id && USABLE_STATUSES.includes(c.status)) ?? open.find((c) => c.memberId === m.id) ?? null);
  const cards = await cardDtos(db, tenantId, current.filter((c) => c !== null));
  const joined = new Map(links.map((l) => [l.memberId, l.joinedAt]));
  const from = shanghaiMonthStart(ctx.now());
  const rows = await readTogether(
    db,
    members.map((m, i) => async () => {
      const full = nameFor(ctx, names.get(m.customerId));
      const [visible, points, valueFen] = await readTogether(db, [
        () => (full === null ? false : isCustomerVisible(ctx, m.customerId)),
        () => pointsRedeemedSince(db, tenantId, m.id, accountId, from),
        () => valueSpentByMember(db, tenantId, m.id, from),
      ]);
      return {
        memberId: m.id,
        number: m.number,
        name: full === null ? null : visible ? full : maskName(full),
        status: m.status,
        role: account.kind === 'family' && account.primaryMemberId !== m.id ? ('sub' as const) : ('primary' as const),
        joinedAt: joined.get(m.id)?.toISOString() ?? null,
        card: cards.find((c) => c.id === current[i]?.id) ?? null,
        spentThisMonth: { points, valueFen },
      };
    }),
  );
  rows.sort((a, b) => (a.role === b.role ? (a.joinedAt ?? '').localeCompare(b.joinedAt ?? '') : a.role === 'primary' ? -1 : 1));
  return { accountId, kind: account.kind, primaryMemberId: account.primaryMemberId, balance: account.balance, members: rows };
}

/** The family of a member the caller can see (a member on an individual account answers that account alone). */
export async function getFamily(ctx: Ctx, memberId: string): Promise<FamilyDto> {
  return ctx.db.transaction(async (tx) => {
    const m = await findVisible(ctx, tx, memberId);
    if (!m) throw notFound('loyaltyMember');
    return familyView(ctx, tx, m.accountId);
  });
}
