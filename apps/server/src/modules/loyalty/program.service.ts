import { UpdateLoyaltySettings, type LoyaltySettingsDto } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { diff } from '../../platform/audit/audit.writer.ts';
import * as repo from './program.repository.ts';
import { withDefaults } from './program.ts';

/** The programme's settings (LOY-1, LOY-4): earn rates, expiry, returns, approval threshold, member numbers. */

export async function loadSettings(db: DbOrTx, tenantId: string): Promise<LoyaltySettingsDto> {
  return withDefaults(await repo.storedSettings(db, tenantId));
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
    const changes = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
    if (changes.length) await ctx.audit.record(tx, { action: 'loyaltyProgram.updated', entityType: 'loyaltyProgram', changes });
    return after;
  });
}
