import { z } from 'zod';

/** Loyalty — value (issue 5). Must not import from ./loyalty.ts (it imports this file); import from ./common.ts. */

/** Stored value: bonuses on top-up (the largest step reached applies) and a ceiling on the balance. */
export const StoredValueSettings = z.object({
  topUpBonuses: z.array(z.object({ minFen: z.number().int().min(1), bonusFen: z.number().int().min(0) })).max(20),
  maxBalanceFen: z.number().int().min(0).max(100_000_000_00),
});
export const DEFAULT_STORED_VALUE_SETTINGS: z.infer<typeof StoredValueSettings> = { topUpBonuses: [], maxBalanceFen: 5_000_000_00 };
