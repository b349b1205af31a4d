import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { notify } from '../../platform/notifications/notify.ts';
import type { RequestRow } from './requests.repository.ts';

/**
 * Inbox notifications of customer requests (PLAT-12), written in the transaction of the change, keyed by the event the
 * change emitted (so a change notifies once). Nobody is told about what they did themselves.
 */
const about = (r: RequestRow) => ({
  params: { number: r.number, subject: r.subject },
  link: `/requests/${r.id}`,
  entityType: 'serviceRequest',
  entityId: r.id,
});

/** The new assignee of a request learns it is theirs. */
export async function notifyAssigned(ctx: Ctx, tx: DbOrTx, r: RequestRow, eventId: string) {
  if (!r.assigneeId || (ctx.actor.kind === 'user' && r.assigneeId === ctx.actor.id)) return;
  await notify(tx, ctx.tenantId, { userId: r.assigneeId, kind: 'request.assigned', ...about(r), dedupeKey: `event:${eventId}` }, ctx.now());
}

/** The person a breached SLA clock escalated to (the supervisor, then a manager up the tree). */
export async function notifyEscalated(ctx: Ctx, tx: DbOrTx, r: RequestRow, toUserId: string | null, e: { level: number; breach: string; eventId: string }) {
  if (!toUserId) return;
  const { params, ...rest } = about(r);
  await notify(tx, ctx.tenantId, { userId: toUserId, kind: 'request.escalated', params: { ...params, level: e.level, breach: e.breach }, ...rest, dedupeKey: `event:${e.eventId}` }, ctx.now());
}
