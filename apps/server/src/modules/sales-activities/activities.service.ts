import type { z } from 'zod';
import { ACTIVITY_OUTCOMES, type ActivityKind, type ActivityListQueryInput, type CreateActivity, type FieldIssue, type UpdateActivityInput } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue, notFound } from '../../platform/http/errors.ts';
import { insertScoped, updateScoped } from '../../platform/db/scoped.ts';
import * as repo from './activities.repository.ts';
import { toActivityDtos } from './activities.dto.ts';
import { FUTURE_SKEW_MS, MAX_PLAN_AHEAD_MS } from './activities.time.ts';
import { conflict, lockEditable, reread } from './activity-access.ts';
import { isSubjectVisible, touchSubject, visibleSubject } from './subject-link.ts';

type CreateInput = z.output<typeof CreateActivity>;

const userId = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.id : null);
/** The caller's own store (its unit, unless that is the head office): an activity on a subject without a store goes there. */
const callerStore = (ctx: Ctx) => (ctx.actor.kind === 'system' || ctx.actor.unitPath.split('/').filter(Boolean).length === 1 ? null : ctx.actor.unitId);

/** When it happened: not in the future (a few minutes of clock skew aside). */
function occurredIssue(at: Date, now: Date): FieldIssue | null {
  return at.getTime() > now.getTime() + FUTURE_SKEW_MS ? issue('body.occurredAt', 'in_future', 'an activity is logged once it has happened') : null;
}

/** A planned time (a next step, an invited time): not before the activity, at most a year ahead. */
function planIssue(path: string, at: Date, occurredAt: Date, now: Date): FieldIssue | null {
  if (at.getTime() < occurredAt.getTime()) return issue(path, 'before_occurred', 'planned before the activity itself');
  if (at.getTime() > now.getTime() + MAX_PLAN_AHEAD_MS) return issue(path, 'too_far', 'at most a year ahead');
  return null;
}

/** A visit that measured the rooms records the measurements. */
function visitIssue(v: { visitType: string | null; outcome: string | null; rooms: unknown[] }): FieldIssue | null {
  return v.visitType === 'measure' && v.outcome === 'measured' && v.rooms.length === 0
    ? issue('body.rooms', 'required', 'a measuring visit records at least one room')
    : null;
}

/** Where a store invitation goes: the store named, else the subject's store. An open store of the tenant. */
async function invitationStore(ctx: Ctx, requested: string | null | undefined, fallback: string | null): Promise<string> {
  const id = requested ?? fallback;
  const store = id ? await repo.openStore(ctx.db, ctx.tenantId, id) : null;
  if (!store) throw invalid([issue('body.invitedStoreId', requested ? 'not_found' : 'required', requested ? 'no open store with this id' : 'name the store the customer is invited to')]);
  return store.id;
}

/** Kind-specific columns of a new activity. */
function kindColumns(input: CreateInput, invitedStoreId: string | null, now: Date): Partial<repo.NewActivityRow> {
  switch (input.kind) {
    case 'call':
      return {};
    case 'message':
      return { channel: input.channel };
    case 'visit':
      return { visitType: input.visitType, address: input.address ?? null, rooms: input.rooms, furnitureSeen: input.furnitureSeen };
    case 'proposal':
      return { title: input.title, status: 'draft', statusAt: now };
    case 'invitation':
      return { invitedStoreId, invitedFor: new Date(input.invitedFor), status: 'invited', statusAt: now };
  }
}

/**
 * Log an activity on a lead, an opportunity or a customer the caller can see (404 otherwise). It takes the subject's
 * store (the caller's own store for a subject without one) and the caller as its owner; a proposal starts with its
 * first version. The subject hears of it in the same transaction (leads and opportunities keep their last activity).
 */
export async function createActivity(ctx: Ctx, input: CreateInput) {
  const now = ctx.now();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  const issues = [
    occurredIssue(occurredAt, now),
    input.nextStep ? planIssue('body.nextStep.dueAt', new Date(input.nextStep.dueAt), occurredAt, now) : null,
    input.kind === 'visit' ? visitIssue(input) : null,
    input.kind === 'invitation' ? planIssue('body.invitedFor', new Date(input.invitedFor), occurredAt, now) : null,
  ].filter((i): i is FieldIssue => !!i);
  if (issues.length) throw invalid(issues);
  const subject = await visibleSubject(ctx, ctx.db, input.subjectType, input.subjectId);
  if (!subject) throw notFound(input.subjectType);
  const storeId = subject.storeId ?? callerStore(ctx);
  const invitedStoreId = input.kind === 'invitation' ? await invitationStore(ctx, input.invitedStoreId, storeId) : null;
  return ctx.db.transaction(async (tx) => {
    const row = await insertScoped<repo.ActivityRow>(
      ctx,
      tx,
      repo.activityFence,
      {
        subjectType: subject.type,
        subjectId: subject.id,
        subjectName: subject.name,
        storeId,
        ownerId: userId(ctx),
        createdById: userId(ctx),
        kind: input.kind,
        occurredAt,
        outcome: input.outcome ?? null,
        notes: input.notes ?? null,
        nextStepText: input.nextStep?.text ?? null,
        nextStepDueAt: input.nextStep ? new Date(input.nextStep.dueAt) : null,
        ...kindColumns(input, invitedStoreId, now),
        createdAt: now,
        updatedAt: now,
      },
      { meta: { subjectType: subject.type, subjectId: subject.id, kind: input.kind } },
    );
    if (input.kind === 'proposal') {
      await repo.insertVersion(tx, {
        tenantId: ctx.tenantId, activityId: row.id, number: 1, summary: input.summary ?? null, amountFen: input.amountFen ?? null, createdById: userId(ctx), createdAt: now,
      });
    }
    await touchSubject(tx, ctx.tenantId, subject.type, subject.id, occurredAt);
    return reread(ctx, tx, row.id);
  });
}

export async function getActivity(ctx: Ctx, id: string) {
  const s = await repo.subjectOf(ctx.db, ctx.tenantId, id);
  if (!s || !(await isSubjectVisible(ctx, s.subjectType, s.subjectId))) throw notFound('salesActivity');
  const row = await repo.findInTenant(ctx, ctx.db, id);
  return (await toActivityDtos(ctx, ctx.db, [row!]))[0];
}

/** One subject's timeline, newest first (keyset pages): every activity of the subject, once the caller sees the subject. */
export async function listActivities(ctx: Ctx, q: ActivityListQueryInput) {
  if (!(await isSubjectVisible(ctx, q.subjectType, q.subjectId))) throw notFound(q.subjectType);
  const where = repo.subjectsWhere(ctx.tenantId, [{ type: q.subjectType, ids: [q.subjectId] }], q.kind);
  const { rows, nextCursor } = await repo.timelinePage(ctx, where, q.limit, q.cursor);
  return { items: await toActivityDtos(ctx, ctx.db, rows), nextCursor };
}

/** The fields each kind takes besides the common ones. */
const KIND_FIELDS: Record<ActivityKind, (keyof UpdateActivityInput)[]> = {
  call: [],
  message: ['channel'],
  visit: ['visitType', 'address', 'rooms', 'furnitureSeen'],
  proposal: ['title'],
  invitation: ['invitedStoreId', 'invitedFor'],
};
const ALL_KIND_FIELDS = [...new Set(Object.values(KIND_FIELDS).flat())];
/** Kinds whose outcome may not be left open. */
const OUTCOME_REQUIRED: ActivityKind[] = ['call', 'visit'];

/** The issues of a change, before anything is written (the row is locked). */
function updateIssues(row: repo.ActivityRow, input: UpdateActivityInput, now: Date): FieldIssue[] {
  const kind = row.kind as ActivityKind;
  const out: FieldIssue[] = [];
  for (const f of ALL_KIND_FIELDS) {
    if (input[f] !== undefined && !KIND_FIELDS[kind].includes(f)) out.push(issue(`body.${f}`, 'not_allowed', `a ${kind} has no ${f}`));
  }
  if (input.outcome !== undefined) {
    if (input.outcome === null ? OUTCOME_REQUIRED.includes(kind) : !(ACTIVITY_OUTCOMES[kind] as readonly string[]).includes(input.outcome)) {
      out.push(issue('body.outcome', 'invalid_value', `one of ${ACTIVITY_OUTCOMES[kind].join(', ')}`));
    }
  }
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : row.occurredAt;
  const checks = [
    input.occurredAt ? occurredIssue(occurredAt, now) : null,
    input.nextStep ? planIssue('body.nextStep.dueAt', new Date(input.nextStep.dueAt), occurredAt, now) : null,
    input.invitedFor && kind === 'invitation' ? planIssue('body.invitedFor', new Date(input.invitedFor), occurredAt, now) : null,
    kind === 'visit'
      ? visitIssue({ visitType: input.visitType ?? row.visitType, outcome: input.outcome !== undefined ? input.outcome : row.outcome, rooms: input.rooms ?? row.rooms })
      : null,
  ];
  return [...out, ...checks.filter((i): i is FieldIssue => !!i)];
}

/**
 * Change an activity the caller may act on: its common fields and those of its kind. A new `nextStep` replaces a
 * pending one (null removes it); a done step stays. An invitation's time and store change while it is open.
 */
export async function updateActivity(ctx: Ctx, id: string, input: UpdateActivityInput) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const { row, subject } = await lockEditable(ctx, tx, id);
    const issues = updateIssues(row, input, now);
    if (issues.length) throw invalid(issues);
    if (input.nextStep !== undefined && row.nextStepDoneAt) throw conflict('next_step_done', 'the next step is done; plan the next one on a new activity');
    const moves =
      (input.invitedFor && new Date(input.invitedFor).getTime() !== row.invitedFor?.getTime()) || (input.invitedStoreId && input.invitedStoreId !== row.invitedStoreId);
    if (moves && row.status !== 'invited') {
      throw conflict('invitation_closed', `a ${row.status} invitation cannot be moved`, { status: row.status });
    }
    const { nextStep, invitedStoreId, invitedFor, occurredAt, ...plain } = input;
    const patch: Record<string, unknown> = { ...plain, subjectName: subject.name };
    if (occurredAt) patch.occurredAt = new Date(occurredAt);
    if (invitedFor) patch.invitedFor = new Date(invitedFor);
    if (invitedStoreId && invitedStoreId !== row.invitedStoreId) patch.invitedStoreId = await invitationStore(ctx, invitedStoreId, null);
    if (nextStep !== undefined) {
      Object.assign(patch, { nextStepText: nextStep?.text ?? null, nextStepDueAt: nextStep ? new Date(nextStep.dueAt) : null });
    }
    const { after } = await updateScoped<repo.ActivityRow>(ctx, tx, repo.activityFence, id, patch);
    await touchSubject(tx, ctx.tenantId, after.subjectType, after.subjectId, after.occurredAt);
    return reread(ctx, tx, id);
  });
}
