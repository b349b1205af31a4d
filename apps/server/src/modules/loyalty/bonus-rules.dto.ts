import type { BonusRuleDto } from '@jiake/shared';
import type { BonusRuleRow } from './bonus-rules.repository.ts';
import { conditionsOf } from './bonus-evaluate.ts';

/** A bonus rule row → the shared contract's DTO (stored conditions read with today's defaults). */
export function toBonusRuleDto(r: BonusRuleRow): BonusRuleDto {
  return {
    id: r.id,
    name: r.name,
    active: r.active,
    validFrom: r.validFrom,
    validTo: r.validTo,
    conditions: conditionsOf(r.conditions) ?? { storeKinds: [], storeIds: [], categoryIds: [], seriesIds: [], birthdayMonth: false, campaignIds: [] },
    effect: r.effect,
    stackable: r.stackable,
    priority: r.priority,
    createdById: r.createdById,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
