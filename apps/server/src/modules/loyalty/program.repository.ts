import { and, eq, inArray } from 'drizzle-orm';
import type { LoyaltySettingsDto } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import { orgUnits } from '../../platform/tenancy/tenancy.tables.ts';
import { loyaltyPrograms } from './loyalty.tables.ts';

/** The programme's stored settings (sections absent from the row take the defaults). */
export async function storedSettings(db: DbOrTx, tenantId: string): Promise<Partial<LoyaltySettingsDto> | null> {
  const rows = await db.select({ settings: loyaltyPrograms.settings }).from(loyaltyPrograms).where(eq(loyaltyPrograms.tenantId, tenantId));
  return rows[0]?.settings ?? null;
}

/** Write the settings; the row is locked by the upsert, so concurrent changes apply one after another. */
export async function saveSettings(tx: DbOrTx, tenantId: string, settings: LoyaltySettingsDto, now: Date) {
  await tx
    .insert(loyaltyPrograms)
    .values({ tenantId, settings, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: loyaltyPrograms.tenantId, set: { settings, updatedAt: now } });
}

/** Lock the programme row (creating it) so a settings change reads and writes one version. */
export async function lockProgram(tx: DbOrTx, tenantId: string, now: Date): Promise<Partial<LoyaltySettingsDto>> {
  await tx.insert(loyaltyPrograms).values({ tenantId, createdAt: now, updatedAt: now }).onConflictDoNothing();
  const rows = await tx.select({ settings: loyaltyPrograms.settings }).from(loyaltyPrograms).where(eq(loyaltyPrograms.tenantId, tenantId)).for('update');
  return rows[0].settings;
}

/** Kind and name of a store (the earn rate depends on its kind). */
export async function storeInfo(db: DbOrTx, tenantId: string, unitId: string): Promise<{ kind: string; storeKind: string | null; name: string } | null> {
  const rows = await db
    .select({ kind: orgUnits.kind, storeKind: orgUnits.storeKind, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, unitId)));
  return rows[0] ?? null;
}

export async function storeNames(db: DbOrTx, tenantId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.id, wanted)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
