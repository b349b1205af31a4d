import { EMPTY_LEAD_NEEDS, type LeadDetailDto, type LeadDto, type LeadDuplicateDto, type LeadNeedsDto, type LeadSourceDetailDto } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { isCustomerVisible } from '../customers/index.ts';
import type { LeadRow, LeadRowWithNames } from './leads.repository.ts';
import { visibleIds } from './leads.repository.ts';
import type { StoredDuplicate, StoredSourceDetail } from './leads.tables.ts';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export const sourceDetailOut = (d: StoredSourceDetail): LeadSourceDetailDto => ({
  campaign: d.campaign ?? null,
  exhibition: d.exhibition ?? null,
  referrerName: d.referrerName ?? null,
  referrerPhone: d.referrerPhone ?? null,
  referringCustomerId: d.referringCustomerId ?? null,
  formId: d.formId ?? null,
  formName: d.formName ?? null,
});

/** Needs as stored, completed with the defaults of fields added later. */
export const needsOut = (n: Partial<LeadNeedsDto> | null | undefined): LeadNeedsDto => ({ ...EMPTY_LEAD_NEEDS, ...(n ?? {}) });

export function toLeadDto(r: Omit<LeadRowWithNames, 'tenantId' | 'nameGrams'>): LeadDto {
  return {
    id: r.id, name: r.name, gender: r.gender as LeadDto['gender'], title: r.title, phones: r.phones, wechat: r.wechat,
    source: r.source as LeadDto['source'], sourceDetail: sourceDetailOut(r.sourceDetail), storeId: r.storeId, storeName: r.storeName,
    assigneeId: r.assigneeId, assigneeName: r.assigneeName, status: r.status, provinceCode: r.provinceCode, cityCode: r.cityCode,
    districtCode: r.districtCode, address: r.address, needs: needsOut(r.needs), notes: r.notes, duplicateCount: r.duplicateOf.length,
    assignedAt: iso(r.assignedAt), firstContactAt: iso(r.firstContactAt), lastActivityAt: iso(r.lastActivityAt), lostReason: r.lostReason,
    closedAt: iso(r.closedAt), convertedCustomerId: r.convertedCustomerId, convertedOpportunityId: r.convertedOpportunityId,
    convertedAt: iso(r.convertedAt), createdById: r.createdById, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}

/** The duplicates as this caller may see them: a customer or lead out of its scope is told without identity. */
export async function duplicatesFor(ctx: Ctx, stored: StoredDuplicate[]): Promise<LeadDuplicateDto[]> {
  const leadIds = await visibleIds(ctx, stored.filter((d) => d.kind === 'lead').map((d) => d.id));
  const customers = new Set<string>();
  for (const d of stored) if (d.kind === 'customer' && (await isCustomerVisible(ctx, d.id))) customers.add(d.id);
  return stored.map((d) => {
    const seen = d.kind === 'lead' ? leadIds.has(d.id) : customers.has(d.id);
    return seen ? { kind: d.kind, id: d.id, name: d.name, phone: d.phone } : { kind: d.kind, id: null, name: null, phone: d.phone };
  });
}

export async function toLeadDetail(ctx: Ctx, r: LeadRowWithNames | Omit<LeadRowWithNames, 'tenantId' | 'nameGrams'>): Promise<LeadDetailDto> {
  return { ...toLeadDto(r), duplicates: await duplicatesFor(ctx, r.duplicateOf) };
}

/** What a notification or an event says about a lead. */
export const leadRef = (r: Pick<LeadRow, 'id' | 'name' | 'source'>) => ({ name: r.name, source: r.source });
