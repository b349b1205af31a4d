import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import { updateScoped } from '../../platform/db/scoped.ts';
import * as repo from './activities.repository.ts';
import { FUTURE_SKEW_MS } from './activities.time.ts';
import { conflict, lockEditable, reread } from './activity-access.ts';
import { touchSubject } from './subject-link.ts';

/** Store invitations (到店邀约): invited → arrived (when, received by whom) | no_show (once the time has passed) | cancelled. */

/** Lock an open invitation the caller may act on; 409 for another kind, or one that is closed. */
async function lockOpenInvitation(ctx: Ctx, tx: Tx, id: string) {
  const { row } = await lockEditable(ctx, tx, id);
  if (row.kind !== 'invitation') throw conflict('not_an_invitation', `a ${row.kind} is not a store invitation`, { kind: row.kind });
  if (row.status !== 'invited') throw conflict('invitation_closed', `the invitation is ${row.status} already`, { status: row.status });
  return row;
}

async function close(ctx: Ctx, tx: Tx, row: repo.ActivityRow, patch: Record<string, unknown>, action: string, touchAt: Date) {
  await updateScoped(ctx, tx, repo.activityFence, row.id, { ...patch, statusAt: ctx.now() }, { action: `salesActivity.${action}` });
  await touchSubject(tx, ctx.tenantId, row.subjectType, row.subjectId, touchAt);
  return reread(ctx, tx, row.id);
}

/** The customer came to the store: at `arrivedAt` (default now, not in the future), received by a user (default the caller). */
export async function markArrived(ctx: Ctx, id: string, input: { arrivedAt?: string; receivedById?: string }) {
  const now = ctx.now();
  const arrivedAt = input.arrivedAt ? new Date(input.arrivedAt) : now;
  if (arrivedAt.getTime() > now.getTime() + FUTURE_SKEW_MS) throw invalid([issue('body.arrivedAt', 'in_future', 'an arrival is recorded once it has happened')]);
  const receivedById = input.receivedById ?? (ctx.actor.kind === 'user' ? ctx.actor.id : null);
  if (input.receivedById && !(await repo.activeUserExists(ctx.db, ctx.tenantId, input.receivedById))) {
    throw invalid([issue('body.receivedById', 'not_found', 'no active user with this id')]);
  }
  return ctx.db.transaction(async (tx) => {
    const row = await lockOpenInvitation(ctx, tx, id);
    return close(ctx, tx, row, { status: 'arrived', arrivedAt, receivedById }, 'invitationArrived', arrivedAt);
  });
}

/** The customer did not come: only once the invited time has passed. */
export async function markNoShow(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const row = await lockOpenInvitation(ctx, tx, id);
    if (row.invitedFor && row.invitedFor.getTime() > ctx.now().getTime()) {
      throw conflict('not_yet', 'the invited time has not come yet', { invitedFor: row.invitedFor.toISOString() });
    }
    return close(ctx, tx, row, { status: 'no_show' }, 'invitationNoShow', row.occurredAt);
  });
}

export async function cancelInvitation(ctx: Ctx, id: string, input: { reason?: string | null }) {
  return ctx.db.transaction(async (tx) => {
    const row = await lockOpenInvitation(ctx, tx, id);
    return close(ctx, tx, row, { status: 'cancelled', cancelReason: input.reason || null }, 'invitationCancelled', row.occurredAt);
  });
}
