import { z } from 'zod';
import { PageQuery } from './common.ts';

/**
 * The in-app inbox (PLAT-12) and "my work today" (PLAT-12, LEAD-6). A notification's text is made by the web app from
 * its `kind` and `params` (`work:kinds.<kind>`), so it reads in the recipient's language.
 */

/** The unread badge stops counting here (the bell shows "99+"). */
export const NOTIFICATION_UNREAD_CAP = 99;

export const NotificationItem = z.object({
  id: z.string(),
  kind: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  /** Web path the notification opens. */
  link: z.string().nullable(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationDto = z.infer<typeof NotificationItem>;

export const NotificationListQuery = PageQuery.extend({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** `true`: unread ones only. */
  unread: z.enum(['true', 'false']).optional(),
});
export type NotificationListQueryInput = z.input<typeof NotificationListQuery>;

export const UnreadCount = z.object({
  /** At most NOTIFICATION_UNREAD_CAP. */
  count: z.number().int(),
  /** More unread than the cap. */
  capped: z.boolean(),
});
export type UnreadCountDto = z.infer<typeof UnreadCount>;

export const ReadAllResult = z.object({ updated: z.number().int() });

// ---------- my work today ----------

/**
 * Sections of the work page: follow-ups and next steps overdue or due by the end of today (split by the clock), new
 * leads waiting for a first contact, design proposals awaiting the customer's answer, open customer requests.
 */
export const WORK_SECTIONS = ['overdue', 'dueToday', 'newLeads', 'proposals', 'requests'] as const;
export type WorkSection = (typeof WORK_SECTIONS)[number];

export const WorkItem = z.object({
  source: z.string(),
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  detail: z.string().nullable().optional(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  link: z.string(),
});
export type WorkItemDto = z.infer<typeof WorkItem>;

export const WorkToday = z.object({
  now: z.string(),
  /** The next midnight in Asia/Shanghai: "today" ends here. */
  endOfToday: z.string(),
  sections: z.array(
    z.object({
      key: z.enum(WORK_SECTIONS),
      count: z.number().int(),
      /** A source of the section gave its limit: there may be more than listed. */
      more: z.boolean(),
      items: z.array(WorkItem),
    }),
  ),
  total: z.number().int(),
  /** Sources that failed (or timed out) this time; the rest of the page is still answered. */
  failed: z.array(z.object({ source: z.string(), error: z.string() })),
});
export type WorkTodayDto = z.infer<typeof WorkToday>;
