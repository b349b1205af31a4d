import type { TierChangeDto, TierDto } from '@jiake/shared';
import type { TierRow } from './tiers.repository.ts';
import type { ChangeRowWithName } from './tier-members.repository.ts';

/** Rows of tiers and tier changes as the API shows them. */

export const toTierDto = (t: TierRow, inUse: boolean): TierDto => ({
  id: t.id, code: t.code, name: t.name, rank: t.rank, thresholdFen: t.thresholdFen, benefits: t.benefits, active: t.active, inUse,
});

export const toTierChangeDto = (c: ChangeRowWithName): TierChangeDto => ({
  id: c.id,
  from: { id: c.fromTierId, code: c.fromCode, name: c.fromName },
  to: { id: c.toTierId, code: c.toCode, name: c.toName },
  reason: c.reason,
  spendFen: c.spendFen,
  note: c.note,
  source: c.source,
  changedById: c.changedById,
  changedByName: c.changedByName,
  changedAt: c.changedAt.toISOString(),
});
