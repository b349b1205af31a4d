import { z } from 'zod';
import { pageOf, PageQuery } from '@jiake/shared';
import type { RouteModule } from '../http/types.ts';
import { listMessages } from './messaging.service.ts';

const MessageDto = z.object({
  id: z.uuid(),
  channel: z.enum(['sms', 'email']),
  to: z.string(),
  subject: z.string().nullable(),
  text: z.string().nullable(),
  purpose: z.string(),
  customerId: z.string().nullable(),
  status: z.enum(['queued', 'sent', 'failed']),
  attempts: z.number().int(),
  provider: z.string().nullable(),
  providerRef: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

const MessageListQuery = PageQuery.extend({
  channel: z.enum(['sms', 'email']).optional(),
  status: z.enum(['queued', 'sent', 'failed']).optional(),
  purpose: z.string().trim().min(1).max(50).optional(),
  customerId: z.uuid().optional(),
});

/** The record of sent SMS and e-mail, for administrators (recipients masked, verification codes never shown). */
export const messagingRoutes: RouteModule = (app) => {
  app.get('/api/v1/messages', {
    config: { permission: 'events:admin' },
    schema: { tags: ['platform'], summary: 'Outbound SMS and e-mail with their delivery status, newest first', querystring: MessageListQuery, response: { 200: pageOf(MessageDto) } },
    handler: async (req) => listMessages(req.ctx, req.query),
  });
};
