import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { TARGET_PERIOD_KINDS, TARGET_SUBJECT_TYPES } from '@jiake/shared';
import { idColumn, tenantColumn, timestamps } from '../../platform/db/columns.ts';

/**
 * Tables of the sales-targets module (STAFF-1): one target per subject (a user or an org unit) and period (a month
 * 'YYYY-MM', a quarter 'YYYY-Qn', a year 'YYYY'). Fenced by `unit_id` (the unit itself, or the user's unit when the
 * target was set) and `user_id` (the user of a user target): a store manager reaches its store's and its staff's
 * targets, a salesperson with the own scope their own.
 */
export const salesTargets = pgTable(
  'sales_targets',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    subjectType: text('subject_type', { enum: TARGET_SUBJECT_TYPES }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    /** The user of a user target (the fence's owner); null for a unit target. */
    userId: uuid('user_id'),
    period: text('period').notNull(),
    periodKind: text('period_kind', { enum: TARGET_PERIOD_KINDS }).notNull(),
    /** Signed sales to reach, in fen. */
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    /** Optionally, the number of won opportunities to reach. */
    wonCount: integer('won_count'),
    createdBy: uuid('created_by'),
    updatedBy: uuid('updated_by'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('sales_targets_subject_period').on(t.tenantId, t.subjectType, t.subjectId, t.period),
    index('sales_targets_period_unit').on(t.tenantId, t.period, t.unitId),
    index('sales_targets_created').on(t.tenantId, t.createdAt, t.id),
    check('sales_targets_amounts', sql`${t.amountFen} >= 0 AND (${t.wonCount} IS NULL OR ${t.wonCount} >= 0)`),
    check('sales_targets_owner', sql`(${t.subjectType} = 'user') = (${t.userId} IS NOT NULL)`),
  ],
);
