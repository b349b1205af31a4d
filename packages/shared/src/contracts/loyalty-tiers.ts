import { z } from 'zod';

/** Loyalty — tiers (issue 5). Must not import from ./loyalty.ts (it imports this file); import from ./common.ts. */

/** How tiers are reckoned (tier definitions live in their own table). */
export const TierSettings = z.object({
  window: z.enum(['rolling_12_months', 'lifetime']),
  /** Month (1-12) of the yearly review that may downgrade. */
  reviewMonth: z.number().int().min(1).max(12),
});
export const DEFAULT_TIER_SETTINGS: z.infer<typeof TierSettings> = { window: 'rolling_12_months', reviewMonth: 1 };
