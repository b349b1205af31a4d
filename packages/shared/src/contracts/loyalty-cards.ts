import { z } from 'zod';

/** Loyalty — cards (issue 5). Must not import from ./loyalty.ts (it imports this file); import from ./common.ts. */

export const CHECK_DIGIT_SCHEMES = ['luhn', 'mod11', 'none'] as const;
/** Member card numbers: prefix + zero-padded sequence + check digit. */
export const CardSettings = z.object({
  prefix: z.string().regex(/^[0-9]{0,6}$/, 'digits only, at most 6'),
  digits: z.number().int().min(6).max(16),
  checkDigit: z.enum(CHECK_DIGIT_SCHEMES),
});
export const DEFAULT_CARD_SETTINGS: z.infer<typeof CardSettings> = { prefix: '8800', digits: 10, checkDigit: 'luhn' };
