/** Tables of loyalty — bonus points rules (奖励积分规则, LOY-2). */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { BonusConditionsDto, BonusEffectDto } from '@jiake/shared';
import { idColumn, tenantColumn, timestamps } from '../../platform/db/columns.ts';

/**
 * A bonus rule of the tenant's programme (tenant-wide, no store of its own: its conditions name stores). Awards copy
 * what they used into the earn entry's breakdown, so changing or deactivating a rule never changes a past award.
 */
export const loyaltyBonusRules = pgTable(
  'loyalty_bonus_rules',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    /** Inclusive calendar days, Asia/Shanghai; null: open on that side. */
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    conditions: jsonb('conditions').$type<BonusConditionsDto>().notNull(),
    effect: jsonb('effect').$type<BonusEffectDto>().notNull(),
    stackable: boolean('stackable').notNull().default(false),
    priority: integer('priority').notNull().default(0),
    createdById: uuid('created_by_id'),
    ...timestamps(),
  },
  (t) => [
    index('loyalty_bonus_rules_created').on(t.tenantId, t.createdAt, t.id),
    index('loyalty_bonus_rules_in_force').on(t.tenantId, t.validFrom, t.validTo).where(sql`${t.active}`),
  ],
);
