import { z } from 'zod';
import { NotificationItem, NotificationListQuery, ReadAllResult, UnreadCount, pageOf } from '@jiake/shared';
import type { RouteModule } from '../http/types.ts';
import * as svc from './notifications.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['inbox'];

/** The caller's inbox (PLAT-12). Any logged-in user, their own notifications only (another user's id answers 404). */
export const notificationRoutes: RouteModule = (app) => {
  app.get('/api/v1/notifications', {
    config: { authenticated: true },
    schema: { tags, summary: 'My notifications, newest first (keyset pages); unread=true for the unread ones', querystring: NotificationListQuery, response: { 200: pageOf(NotificationItem) } },
    handler: async (req) => svc.listNotifications(req.ctx, req.query),
  });
  app.get('/api/v1/notifications/unread-count', {
    config: { authenticated: true },
    schema: { tags, summary: 'How many of my notifications are unread (capped: the bell shows 99+)', response: { 200: UnreadCount } },
    handler: async (req) => svc.unreadCount(req.ctx),
  });
  app.post('/api/v1/notifications/:id/read', {
    config: { authenticated: true },
    schema: { tags, summary: 'Mark one of my notifications read', params: IdParams, response: { 200: NotificationItem } },
    handler: async (req) => svc.markRead(req.ctx, req.params.id),
  });
  app.post('/api/v1/notifications/read-all', {
    config: { authenticated: true },
    schema: { tags, summary: 'Mark all my notifications read', response: { 200: ReadAllResult } },
    handler: async (req) => svc.markAllRead(req.ctx),
  });
};
