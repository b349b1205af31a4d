import { DEFAULT_LOYALTY_SETTINGS, LoyaltySettings, type EarnRateDto, type ExpiryPolicyDto, type LoyaltySettingsDto } from '@jiake/shared';

/** Pure rules of the programme: settings with defaults, the earn rate of a store, the expiry of a lot. */

/** Stored sections over the defaults; a stored section that no longer parses falls back to its default. */
export function withDefaults(stored: Partial<LoyaltySettingsDto> | null): LoyaltySettingsDto {
  const merged = { ...DEFAULT_LOYALTY_SETTINGS, ...(stored ?? {}) };
  const parsed = LoyaltySettings.safeParse(merged);
  if (parsed.success) return parsed.data;
  const out: Record<string, unknown> = { ...DEFAULT_LOYALTY_SETTINGS };
  for (const key of Object.keys(DEFAULT_LOYALTY_SETTINGS) as (keyof LoyaltySettingsDto)[]) {
    const section = LoyaltySettings.shape[key].safeParse(merged[key]);
    if (section.success) out[key] = section.data;
  }
  return out as LoyaltySettingsDto;
}

/** The rate of a store: its kind's override, else the base rate. */
export function rateFor(settings: LoyaltySettingsDto, storeKind: string | null | undefined): { rate: EarnRateDto; rule: string } {
  const override = storeKind ? settings.earn.byStoreKind[storeKind as keyof LoyaltySettingsDto['earn']['byStoreKind']] : undefined;
  return override ? { rate: override, rule: `store_kind:${storeKind}` } : { rate: settings.earn.base, rule: 'base' };
}

/** floor(fen × points ÷ (yuan × 100)): whole points per order, never a fraction, never rounded up. */
export const pointsFor = (fen: number, rate: EarnRateDto): number => (fen <= 0 ? 0 : Math.floor((fen * rate.points) / (rate.yuan * 100)));

const SHANGHAI_MS = 8 * 3_600_000;
/** The Shanghai calendar day of an instant (month 1–12). */
export function shanghaiYmd(at: Date): { y: number; m: number; d: number } {
  const local = new Date(at.getTime() + SHANGHAI_MS);
  return { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate() };
}

/** The Shanghai calendar day of an instant as YYYY-MM-DD (how rule windows and other calendar dates are kept). */
export const shanghaiDay = (at: Date): string => new Date(at.getTime() + SHANGHAI_MS).toISOString().slice(0, 10);

/** The instant a Shanghai calendar day (y, m 0-based, d) begins. */
const shanghaiMidnight = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d) - SHANGHAI_MS);

/**
 * When points earned at `at` stop being usable (null: never). `months`: at the end of the Shanghai calendar day
 * N months later (31 January + 1 month = end of 28/29 February). `year_end`: at the end of the calendar year
 * `years` after the year of earning, Shanghai time.
 */
export function expiryFor(policy: ExpiryPolicyDto, at: Date): Date | null {
  const local = new Date(at.getTime() + SHANGHAI_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const d = local.getUTCDate();
  if (policy.kind === 'never') return null;
  if (policy.kind === 'year_end') return shanghaiMidnight(y + policy.years + 1, 0, 1);
  const targetMonth = m + policy.months;
  const lastDay = new Date(Date.UTC(y, targetMonth + 1, 0)).getUTCDate();
  return shanghaiMidnight(y, targetMonth, Math.min(d, lastDay) + 1);
}

/**
 * Points a cash deduction of `fen` costs at `pointsPerYuan` points per yuan: ceil(fen × pointsPerYuan ÷ 100), in
 * integers (100 per yuan: 1 point per fen; 150 per yuan: 1001 fen cost 1502 points). Never less cash for more.
 */
export const pointsForCash = (fen: number, pointsPerYuan: number): number => Math.floor((fen * pointsPerYuan + 99) / 100);
