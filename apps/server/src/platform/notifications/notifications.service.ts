import { NOTIFICATION_UNREAD_CAP, type NotificationDto, type NotificationListQueryInput } from '@jiake/shared';
import type { Ctx } from '../http/context.ts';
import { decodeCursor } from '../db/keyset.ts';
import { notFound } from '../http/errors.ts';
import * as repo from './notifications.repository.ts';

/** The caller's inbox (PLAT-12): only their own notifications, whatever their role or data scope. */

const owner = (ctx: Ctx) => ({ tenantId: ctx.tenantId, userId: ctx.actor.id });

export const toNotificationDto = (r: repo.NotificationRow): NotificationDto => ({
  id: r.id,
  kind: r.kind,
  params: r.params ?? {},
  link: r.link,
  entityType: r.entityType,
  entityId: r.entityId,
  readAt: r.readAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

export async function listNotifications(ctx: Ctx, q: { limit: number; cursor?: string; unread?: NotificationListQueryInput['unread'] }) {
  const { rows, nextCursor } = await repo.listPage(ctx.db, owner(ctx), { unreadOnly: q.unread === 'true', limit: q.limit, cursor: decodeCursor(q.cursor) });
  return { items: rows.map(toNotificationDto), nextCursor };
}

/** The bell's badge: cheap (one capped index scan), polled by every open browser tab. */
export async function unreadCount(ctx: Ctx) {
  const n = await repo.unreadCount(ctx.db, owner(ctx), NOTIFICATION_UNREAD_CAP);
  return { count: Math.min(n, NOTIFICATION_UNREAD_CAP), capped: n > NOTIFICATION_UNREAD_CAP };
}

/** Another user's notification (or an unknown id) answers 404: the inbox does not tell whose it is. */
export async function markRead(ctx: Ctx, id: string) {
  const row = await repo.markRead(ctx.db, owner(ctx), id, ctx.now());
  if (!row) throw notFound('notification');
  return toNotificationDto(row);
}

export async function markAllRead(ctx: Ctx) {
  return { updated: await repo.markAllRead(ctx.db, owner(ctx), ctx.now()) };
}
