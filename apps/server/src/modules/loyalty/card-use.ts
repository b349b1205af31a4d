import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';

export interface CardUse {
  memberId: string;
  /** The card presented at the counter, when one was (a lost or cancelled card is refused). */
  cardNumber?: string | null;
  /** Points about to be spent / stored value (fen) about to be spent by this member: a sub card's limits apply. */
  points?: number;
  valueFen?: number;
}

/**
 * Check, inside the spending transaction, that a member may spend this: the card presented is usable and a family
 * sub card stays within its limits. Throws 409 (`card_not_usable`, `card_limit_exceeded`). Cards engineer: implement.
 */
export async function checkCardUse(_ctx: Ctx, _tx: Tx, _use: CardUse): Promise<void> {}
