import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';

/**
 * Stored value (LOY-6). Stored-value engineer: implement.
 * `transferStoredValue`: move an account's whole stored-value balance to another account (a member joining a
 * family account), idempotent by source; answers the fen moved.
 */
export async function transferStoredValue(_ctx: Ctx, _tx: Tx, _t: { fromAccountId: string; toAccountId: string; memberId: string; source: { type: string; id: string } }): Promise<number> {
  return 0;
}

/** Stored value (fen) a member (card) has spent since `from`, net of cancelled spends: sub-card limits read it. */
export async function valueSpentByMember(_tx: Tx, _tenantId: string, _memberId: string, _from: Date): Promise<number> {
  return 0;
}
