/**
 * Tables of loyalty — stored value (储值, LOY-6, LOY-8): one balance row per loyalty account (a family account's cards
 * share it) and the append-only ledger of its movements. `stored_value_entries` refuses UPDATE, DELETE and TRUNCATE by
 * trigger (drizzle/0008_loyalty_cards_tiers_value.sql).
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantColumn, timestamps, ts } from '../../platform/db/columns.ts';

/**
 * The cached balance of an account, in two parts: principal (paid, refundable) and bonus (given on top-up). It changes
 * only together with an appended entry, under this row's lock (`postValue`); verification recomputes it from the entries.
 */
export const storedValueBalances = pgTable(
  'stored_value_balances',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    accountId: uuid('account_id').notNull(),
    balanceFen: bigint('balance_fen', { mode: 'number' }).notNull().default(0),
    principalFen: bigint('principal_fen', { mode: 'number' }).notNull().default(0),
    bonusFen: bigint('bonus_fen', { mode: 'number' }).notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('stored_value_balances_account').on(t.tenantId, t.accountId),
    check('stored_value_balances_parts', sql`${t.principalFen} >= 0 AND ${t.bonusFen} >= 0 AND ${t.balanceFen} = ${t.principalFen} + ${t.bonusFen}`),
  ],
);

/**
 * The stored-value ledger: one row per movement with its signed parts and the balance (and parts) after it. Unique by
 * (account, kind, source), so the same request or event applied twice makes one entry; a spend is cancelled at most
 * once (unique `cancels_entry_id`). The store is where it happened (the counter's store), which also fences it.
 */
export const storedValueEntries = pgTable(
  'stored_value_entries',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    /** Order of the account's entries. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    accountId: uuid('account_id').notNull(),
    memberId: uuid('member_id'),
    kind: text('kind', { enum: ['topup', 'spend', 'spend_cancel', 'refund', 'transfer_in', 'transfer_out'] }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    principalFen: bigint('principal_fen', { mode: 'number' }).notNull(),
    bonusFen: bigint('bonus_fen', { mode: 'number' }).notNull(),
    balanceAfterFen: bigint('balance_after_fen', { mode: 'number' }).notNull(),
    principalAfterFen: bigint('principal_after_fen', { mode: 'number' }).notNull(),
    bonusAfterFen: bigint('bonus_after_fen', { mode: 'number' }).notNull(),
    /** Top-up: how it was paid; refund: how it was paid back. */
    method: text('method'),
    reference: text('reference'),
    /** 'request' (Idempotency-Key or a fresh id), 'spend' (a cancel), a caller's source of a transfer … */
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id').notNull(),
    storeId: uuid('store_id'),
    orderId: uuid('order_id'),
    note: text('note'),
    cancelsEntryId: uuid('cancels_entry_id'),
    createdById: uuid('created_by_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('stored_value_entries_source').on(t.tenantId, t.accountId, t.kind, t.sourceType, t.sourceId),
    uniqueIndex('stored_value_entries_cancels').on(t.tenantId, t.cancelsEntryId).where(sql`${t.cancelsEntryId} IS NOT NULL`),
    index('stored_value_entries_account').on(t.tenantId, t.accountId, t.seq),
    index('stored_value_entries_created').on(t.tenantId, t.createdAt),
    index('stored_value_entries_store_created').on(t.tenantId, t.storeId, t.createdAt),
    index('stored_value_entries_member_spends').on(t.tenantId, t.memberId, t.createdAt).where(sql`${t.kind} = 'spend'`),
    check('stored_value_entries_parts', sql`${t.amountFen} = ${t.principalFen} + ${t.bonusFen} AND ${t.amountFen} <> 0`),
    check(
      'stored_value_entries_after',
      sql`${t.principalAfterFen} >= 0 AND ${t.bonusAfterFen} >= 0 AND ${t.balanceAfterFen} = ${t.principalAfterFen} + ${t.bonusAfterFen}`,
    ),
  ],
);
