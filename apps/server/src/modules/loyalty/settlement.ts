import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';

/**
 * Cross-store settlement of points (LOY-7). Settlement engineer: implement.
 * `settleRedemption`: after a `redeem` entry is posted at `storeId`, record what the stores whose lots it consumed
 * owe the redeeming store. `reverseSettlement`: a cancelled redemption's settlement rows are offset.
 */
export async function settleRedemption(_ctx: Ctx, _tx: Tx, _s: { entryId: string; storeId: string | null; redemptionId: string }): Promise<void> {}
export async function reverseSettlement(_ctx: Ctx, _tx: Tx, _s: { entryId: string; cancelEntryId: string; redemptionId: string }): Promise<void> {}
