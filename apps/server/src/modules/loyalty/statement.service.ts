import type { z } from 'zod';
import type { EntryListQuery, VerifyLedgerResultDto } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { decodeCursor } from '../../platform/db/keyset.ts';
import * as ledger from './ledger.repository.ts';
import { findVisible } from './members.repository.ts';
import { toEntryDto } from './loyalty.dto.ts';
import { verifyLedger } from './ledger.ts';
import { storeNames } from './program.repository.ts';

/** A member's points statement, newest first, with filters (kind, Shanghai calendar days) and each entry's store name. */
export async function memberEntries(ctx: Ctx, memberId: string, q: z.output<typeof EntryListQuery>) {
  const m = await findVisible(ctx, ctx.db, memberId);
  if (!m) throw notFound('loyaltyMember');
  const raw = decodeCursor(q.cursor, 'text');
  const cursor = raw && /^\d+$/.test(raw[0]) ? raw : null;
  const page = await ledger.entryPage(ctx.db, ctx.tenantId, m.accountId, ledger.entryFilters(q), q.limit, cursor);
  // Store names travel with the entries: a counter without org:view still sees where points were earned or spent.
  const names = await storeNames(ctx.db, ctx.tenantId, page.rows.map((e) => e.storeId));
  return { items: page.rows.map((e) => toEntryDto(e, e.storeId ? (names.get(e.storeId) ?? null) : null)), nextCursor: page.nextCursor };
}

/** The administrator's "verify ledger" (LOY-8): every invariant recomputed in SQL; audited with its outcome. */
export async function verifyTenantLedger(ctx: Ctx): Promise<VerifyLedgerResultDto> {
  const r = await verifyLedger(ctx.db, ctx.tenantId);
  await ctx.audit.record(ctx.db, { action: 'loyaltyLedger.verified', entityType: 'loyaltyLedger', meta: { accounts: r.accounts, entries: r.entries, mismatches: r.mismatches.length } });
  return { ...r, checkedAt: ctx.now().toISOString() };
}
