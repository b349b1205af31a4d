import { UpdateLoyaltySettings, type LoyaltySettingsDto } from '@jiake/shared';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { diff } from '../../platform/audit/audit.writer.ts';
import * as repo from './program.repository.ts';
import { withDefaults } from './program.ts';

/** The programme's settings (LOY-1, LOY-4): earn rates, expiry, returns, approval threshold, member numbers. */

/**
 * Settings read inside a transaction are kept for the rest of it (a redemption or an award reads them in several
 * places); the pool reads afresh every time. A settings update in the transaction forgets what was kept.
 */
const perTransaction = new WeakMap<object, Map<string, Promise<LoyaltySettingsDto>>>();

export function loadSettings(db: DbOrTx, tenantId: string): Promise<LoyaltySettingsDto> {
  if (!(db instanceof PgTransaction)) return repo.storedSettings(db, tenantId).then(withDefaults);
  let kept = perTransaction.get(db);
  if (!kept) perTransaction.set(db, (kept = new Map()));
  let settings = kept.get(tenantId);
  if (!settings) {
    settings = repo.storedSettings(db, tenantId).then(withDefaults);
    kept.set(tenantId, settings);
    settings.catch(() => kept.delete(tenantId));
  }
  return settings;
}

export const getSettings = (ctx: Ctx) => loadSettings(ctx.db, ctx.tenantId);

/** Replace the given sections; audited with before/after. Points already earned keep their expiry. */
export async function updateSettings(ctx: Ctx, input: unknown): Promise<LoyaltySettingsDto> {
  const patch = UpdateLoyaltySettings.parse(input);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    const before = withDefaults(await repo.lockProgram(tx, ctx.tenantId, now));
    const after: LoyaltySettingsDto = { ...before, ...patch };
    await repo.saveSettings(tx, ctx.tenantId, after, now);
    perTransaction.delete(tx);
    const changes = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
    if (changes.length) await ctx.audit.record(tx, { action: 'loyaltyProgram.updated', entityType: 'loyaltyProgram', changes });
    return after;
  });
}
