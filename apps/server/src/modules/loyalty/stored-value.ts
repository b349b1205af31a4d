import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import * as repo from './stored-value.repository.ts';
import { spentByMember } from './stored-value-reports.repository.ts';
import { lockValueBalance, postValue } from './stored-value-ledger.ts';

/**
 * Stored value (LOY-6): the hooks other areas of loyalty call.
 * `transferStoredValue`: move an account's whole stored-value balance, principal and bonus as they are, to another
 * account (a member joining a family account), in the caller's transaction and idempotent by source (the same source
 * moves once; a repeat answers what the first moved). The two balance rows are locked in account-id order, so two
 * transfers between the same accounts never deadlock. The ceiling on the balance does not apply (nothing is paid in).
 * Answers the fen moved (0 when the account held nothing).
 */
export async function transferStoredValue(ctx: Ctx, tx: Tx, t: { fromAccountId: string; toAccountId: string; memberId: string; source: { type: string; id: string } }): Promise<number> {
  if (t.fromAccountId === t.toAccountId) throw new Error('transferStoredValue: the accounts must differ');
  for (const id of [t.fromAccountId, t.toAccountId].sort()) await lockValueBalance(ctx, tx, id);
  const prior = await repo.entryBySource(tx, ctx.tenantId, t.fromAccountId, 'transfer_out', t.source);
  if (prior) return -prior.amountFen;
  const from = await lockValueBalance(ctx, tx, t.fromAccountId);
  if (from.balanceFen === 0) return 0;
  const out = await postValue(ctx, tx, {
    accountId: t.fromAccountId, memberId: t.memberId, kind: 'transfer_out', source: t.source,
    parts: (b) => ({ principalFen: -b.principalFen, bonusFen: -b.bonusFen }),
    audit: { action: 'storedValueEntry.transferredOut', meta: { toAccountId: t.toAccountId, source: t.source } },
  });
  const into = await postValue(ctx, tx, {
    accountId: t.toAccountId, memberId: t.memberId, kind: 'transfer_in', source: t.source,
    parts: { principalFen: -out.entry.principalFen, bonusFen: -out.entry.bonusFen },
    audit: { action: 'storedValueEntry.transferredIn', meta: { fromAccountId: t.fromAccountId, source: t.source } },
  });
  return into.entry.amountFen;
}

/** Stored value (fen) a member (card) has spent since `from`, net of cancelled spends: sub-card limits read it. */
export async function valueSpentByMember(tx: Tx, tenantId: string, memberId: string, from: Date): Promise<number> {
  return spentByMember(tx, tenantId, memberId, from);
}
