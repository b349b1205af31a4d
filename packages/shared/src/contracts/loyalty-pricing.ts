import { z } from 'zod';

/**
 * A customer's member price at the till (LOY-5, LOY-6): the tier's discount and the discount of the member's usable
 * card (打折卡). They do not stack: the larger one applies, the tier's on a tie. `discountPercent` is the percentage
 * off (2 = 9.8 折); 0 when the customer is not an active member or nothing gives a discount.
 */
export const MemberPricing = z.object({
  customerId: z.uuid(),
  member: z.object({ id: z.uuid(), number: z.string(), status: z.string() }).nullable(),
  tier: z.object({ id: z.string(), name: z.string(), discountPercent: z.number().int() }).nullable(),
  card: z.object({ number: z.string(), discountPercent: z.number().int() }).nullable(),
  discountPercent: z.number().int().min(0).max(100),
  source: z.enum(['tier', 'card']).nullable(),
});
export type MemberPricingDto = z.infer<typeof MemberPricing>;

/** The discount of a line at `percent` off, in whole fen (half a fen rounds up): quantity × unit price × percent / 100. */
export function memberLineDiscountFen(quantity: number, unitPriceFen: number, percent: number): number {
  if (percent <= 0) return 0;
  return Number((BigInt(quantity) * BigInt(unitPriceFen) * BigInt(percent) * 2n + 100n) / 200n);
}
