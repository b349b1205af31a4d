/** Tables of the sales-activities module (issue 3): follow-up activities on leads, opportunities and customers (LEAD-3, LEAD-6). */
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { FurnitureSeenValue, RoomMeasurementValue } from '@jiake/shared';
import { idColumn, tenantColumn, timestamps, ts } from '../../platform/db/columns.ts';

const PENDING_STEP = sql`next_step_due_at IS NOT NULL AND next_step_done_at IS NULL`;

/**
 * One activity: a call, message, home visit, design proposal or store invitation. It belongs to its subject (a lead,
 * an opportunity or a customer) and is fenced by the subject's store (copied when logged) and its owner (who logged
 * it). Kind-specific scalars are columns (statuses are queried); lists (rooms measured, furniture seen) are jsonb.
 */
export const salesActivities = pgTable(
  'sales_activities',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    subjectType: text('subject_type', { enum: ['lead', 'opportunity', 'customer'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The subject's name when the activity was last written (lists, work items and reminders show it). */
    subjectName: text('subject_name'),
    storeId: uuid('store_id'),
    ownerId: uuid('owner_id'),
    kind: text('kind', { enum: ['call', 'message', 'visit', 'proposal', 'invitation'] }).notNull(),
    occurredAt: ts('occurred_at').notNull(),
    outcome: text('outcome'),
    notes: text('notes'),
    // message
    channel: text('channel'),
    // visit
    visitType: text('visit_type'),
    address: text('address'),
    rooms: jsonb('rooms').$type<RoomMeasurementValue[]>().notNull().default([]),
    furnitureSeen: jsonb('furniture_seen').$type<FurnitureSeenValue[]>().notNull().default([]),
    // proposal and invitation
    title: text('title'),
    /** Proposal: draft/presented/accepted/rejected; invitation: invited/arrived/no_show/cancelled; null for the others. */
    status: text('status'),
    statusAt: ts('status_at'),
    invitedStoreId: uuid('invited_store_id'),
    invitedFor: ts('invited_for'),
    arrivedAt: ts('arrived_at'),
    receivedById: uuid('received_by_id'),
    cancelReason: text('cancel_reason'),
    // next step (LEAD-6)
    nextStepText: text('next_step_text'),
    nextStepDueAt: ts('next_step_due_at'),
    nextStepDoneAt: ts('next_step_done_at'),
    nextStepDoneById: uuid('next_step_done_by_id'),
    nextStepDoneNote: text('next_step_done_note'),
    /** The due time the owner was last reminded of: a rescheduled step reminds again at its new time. */
    nextStepNotifiedDueAt: ts('next_step_notified_due_at'),
    createdById: uuid('created_by_id'),
    ...timestamps(),
  },
  (t) => [
    index('sales_activities_subject').on(t.tenantId, t.subjectType, t.subjectId, t.occurredAt, t.id),
    index('sales_activities_store_occurred').on(t.tenantId, t.storeId, t.occurredAt),
    // The follow-up plan: pending steps by owner (and by store for managers), done steps by owner.
    index('sales_activities_owner_due').on(t.tenantId, t.ownerId, t.nextStepDueAt, t.id).where(PENDING_STEP),
    index('sales_activities_store_due').on(t.tenantId, t.storeId, t.nextStepDueAt, t.id).where(PENDING_STEP),
    index('sales_activities_owner_done').on(t.tenantId, t.ownerId, t.nextStepDoneAt, t.id).where(sql`next_step_done_at IS NOT NULL`),
    // The reminder sweep: pending steps not yet reminded of at their current due time.
    index('sales_activities_due_unnotified')
      .on(t.tenantId, t.nextStepDueAt)
      .where(sql`next_step_due_at IS NOT NULL AND next_step_done_at IS NULL AND next_step_notified_due_at IS DISTINCT FROM next_step_due_at`),
    index('sales_activities_proposals_presented').on(t.tenantId, t.ownerId, t.statusAt).where(sql`kind = 'proposal' AND status = 'presented'`),
  ],
);

/** The versions of a design proposal (设计方案); earlier versions keep their presentation and answer. */
export const proposalVersions = pgTable(
  'sales_proposal_versions',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    activityId: uuid('activity_id').notNull(),
    number: integer('number').notNull(),
    summary: text('summary'),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    createdById: uuid('created_by_id'),
    presentedAt: ts('presented_at'),
    presentedById: uuid('presented_by_id'),
    answer: text('answer', { enum: ['accepted', 'rejected'] }),
    answeredAt: ts('answered_at'),
    rejectReason: text('reject_reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sales_proposal_versions_number').on(t.tenantId, t.activityId, t.number)],
);
