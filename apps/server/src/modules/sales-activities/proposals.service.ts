import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { updateScoped } from '../../platform/db/scoped.ts';
import * as repo from './activities.repository.ts';
import { conflict, lockEditable, reread } from './activity-access.ts';
import { touchSubject } from './subject-link.ts';

/**
 * Design proposals (设计方案): versions and the customer's answer. The proposal's status is its latest version's —
 * draft → presented → accepted | rejected. A new version may follow a draft, a presented or a rejected version (the
 * proposal is a draft again; earlier versions keep their presentation and answer); an accepted proposal is final.
 */

const userId = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.id : null);

/** Lock a proposal the caller may act on, with its latest version; 409 for another kind of activity. */
async function lockProposal(ctx: Ctx, tx: Tx, id: string) {
  const { row } = await lockEditable(ctx, tx, id);
  if (row.kind !== 'proposal') throw conflict('not_a_proposal', `a ${row.kind} has no proposal versions`, { kind: row.kind });
  const latest = await repo.latestVersion(tx, ctx.tenantId, id);
  return { row, latest: latest! };
}

/** Status change of the proposal, audited as a business action on the activity; the subject is touched at `at`. */
async function setStatus(ctx: Ctx, tx: Tx, row: repo.ActivityRow, status: string, action: string, meta: Record<string, unknown>, touchAt: Date) {
  await updateScoped(ctx, tx, repo.activityFence, row.id, { status, statusAt: ctx.now() }, { action: `salesActivity.${action}`, meta });
  await touchSubject(tx, ctx.tenantId, row.subjectType, row.subjectId, touchAt);
  return reread(ctx, tx, row.id);
}

export async function addVersion(ctx: Ctx, id: string, input: { summary?: string | null; amountFen?: number | null }) {
  return ctx.db.transaction(async (tx) => {
    const { row, latest } = await lockProposal(ctx, tx, id);
    if (row.status === 'accepted') throw conflict('proposal_accepted', 'an accepted proposal takes no new versions', { status: row.status });
    const version = await repo.insertVersion(tx, {
      tenantId: ctx.tenantId, activityId: id, number: latest.number + 1, summary: input.summary ?? null, amountFen: input.amountFen ?? null,
      createdById: userId(ctx), createdAt: ctx.now(),
    });
    return setStatus(ctx, tx, row, 'draft', 'proposalVersionAdded', { version: version.number, amountFen: version.amountFen }, row.occurredAt);
  });
}

/** Show the latest version to the customer. */
export async function presentProposal(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const { row, latest } = await lockProposal(ctx, tx, id);
    if (row.status !== 'draft') throw conflict('not_draft', `version ${latest.number} was ${row.status} already; add a new version to present again`, { status: row.status });
    const now = ctx.now();
    await repo.updateVersion(tx, ctx.tenantId, latest.id, { presentedAt: now, presentedById: userId(ctx) });
    return setStatus(ctx, tx, row, 'presented', 'proposalPresented', { version: latest.number }, now);
  });
}

/** The customer's answer to the presented version: accepted, or rejected with the reason. */
export async function answerProposal(ctx: Ctx, id: string, answer: 'accepted' | 'rejected', reason: string | null) {
  return ctx.db.transaction(async (tx) => {
    const { row, latest } = await lockProposal(ctx, tx, id);
    if (row.status !== 'presented') throw conflict('not_presented', `only a presented proposal can be ${answer} (it is ${row.status})`, { status: row.status });
    const now = ctx.now();
    await repo.updateVersion(tx, ctx.tenantId, latest.id, { answer, answeredAt: now, rejectReason: answer === 'rejected' ? reason : null });
    return setStatus(ctx, tx, row, answer, answer === 'accepted' ? 'proposalAccepted' : 'proposalRejected', { version: latest.number, ...(reason ? { reason } : {}) }, now);
  });
}
