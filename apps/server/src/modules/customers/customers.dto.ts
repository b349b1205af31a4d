import type { CustomerDto } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { redactRecord } from '../../platform/access/field-security.ts';
import type { customers } from './customers.tables.ts';

export type CustomerRow = typeof customers.$inferSelect;
export type CustomerRowWithNames = CustomerRow & { ownerName?: string | null; storeName?: string | null };
/** The columns a DTO is made of (a list page reads only these). */
export type CustomerDtoRow = Omit<CustomerRowWithNames, 'tenantId' | 'birthdayCalendar' | 'birthdayMonth' | 'birthdayDay' | 'namePinyin' | 'nameInitials' | 'nameGrams' | 'lastTouchedAt' | 'mergedIntoId' | 'deletedAt'>;

export function toCustomerDto(c: CustomerDtoRow): CustomerDto {
  return {
    id: c.id, code: c.code, kind: c.kind, name: c.name, gender: c.gender, birthday: c.birthday ?? null,
    weddingAnniversary: c.weddingAnniversary, ageBand: c.ageBand, education: c.education, occupation: c.occupation,
    title: c.title, incomeBand: c.incomeBand, maritalStatus: c.maritalStatus, phones: c.phones, email: c.email,
    wechat: c.wechat, qq: c.qq, otherIm: c.otherIm, provinceCode: c.provinceCode, cityCode: c.cityCode,
    districtCode: c.districtCode, address: c.address, hobbies: c.hobbies, referrer: c.referrer, source: c.source,
    ownerId: c.ownerId, ownerName: c.ownerName ?? null, storeId: c.storeId, storeName: c.storeName ?? null, tags: c.tags,
    creditRating: c.creditRating, listStatus: c.listStatus, listReason: c.listReason, industry: c.industry,
    homeProfile: c.homeProfile ?? null, customFields: c.customFields ?? {}, notes: c.notes,
    lastContactAt: c.lastContactAt?.toISOString() ?? null, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
  };
}

/**
 * Customers nested inside another response (duplicate groups …), after the caller's field rules. Routes whose payload is
 * a customer or `{ items: customers }` declare `redact: 'customer'` instead; this is the one way for any other shape.
 */
export function toVisibleCustomers(ctx: Ctx, rows: CustomerRowWithNames[]) {
  return rows.map((r) => redactRecord(ctx, 'customer', toCustomerDto(r)));
}
