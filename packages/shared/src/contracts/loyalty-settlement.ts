import { z } from 'zod';

/** Loyalty — settlement (issue 5). Must not import from ./loyalty.ts (it imports this file); import from ./common.ts. */

/** Notices to members ahead of points expiring (0 days: off). */
export const NoticeSettings = z.object({ expiryDaysAhead: z.number().int().min(0).max(365) });
export const DEFAULT_NOTICE_SETTINGS: z.infer<typeof NoticeSettings> = { expiryDaysAhead: 30 };
