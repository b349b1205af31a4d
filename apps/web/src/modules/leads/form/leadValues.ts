import dayjs, { type Dayjs } from 'dayjs';
import type { LeadNeedsDto } from '@jiake/shared';
import { DATE_FORMAT } from '../../../shared/format/date';
import type { LeadFull } from '../api';

/** The needs as the form holds them: dates as dayjs. */
export type NeedsValues = Omit<LeadNeedsDto, 'decisionDate' | 'deliveryDate'> & { decisionDate?: Dayjs | null; deliveryDate?: Dayjs | null };

/** The person, contact, source and address fields of a lead as the form holds them. */
export interface LeadValues {
  name: string;
  gender?: 'male' | 'female' | 'unknown' | null;
  title?: string | null;
  phones?: string[];
  wechat?: string | null;
  source: string;
  campaign?: string | null;
  exhibition?: string | null;
  referrerName?: string | null;
  referrerPhone?: string | null;
  region?: string[];
  address?: string | null;
  notes?: string | null;
}

const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
const day = (d: Dayjs | null | undefined) => (d ? d.format(DATE_FORMAT) : null);

export const needsToForm = (n: LeadNeedsDto): NeedsValues => ({
  ...n,
  decisionDate: n.decisionDate ? dayjs(n.decisionDate) : null,
  deliveryDate: n.deliveryDate ? dayjs(n.deliveryDate) : null,
});

export const needsFromForm = (n: Partial<NeedsValues> | undefined): Partial<LeadNeedsDto> => ({
  rooms: n?.rooms ?? [],
  productTags: (n?.productTags ?? []).map((s) => s.trim()).filter(Boolean),
  categoryIds: n?.categoryIds ?? [],
  currentLayout: blank(n?.currentLayout),
  houseType: n?.houseType ?? null,
  areaSqm: n?.areaSqm ?? null,
  homeStage: n?.homeStage ?? null,
  styles: n?.styles ?? [],
  budgetBand: n?.budgetBand ?? null,
  decisionDate: day(n?.decisionDate),
  deliveryDate: day(n?.deliveryDate),
});

export const leadToForm = (l: LeadFull): LeadValues => ({
  name: l.name,
  gender: l.gender,
  title: l.title,
  phones: l.phones.length ? l.phones : [''],
  wechat: l.wechat,
  source: l.source,
  campaign: l.sourceDetail.campaign,
  exhibition: l.sourceDetail.exhibition,
  referrerName: l.sourceDetail.referrerName,
  referrerPhone: l.sourceDetail.referrerPhone,
  region: [l.provinceCode, l.cityCode, l.districtCode].filter((c): c is string => !!c),
  address: l.address,
  notes: l.notes,
});

/** The body fields of a lead from the form (create and PATCH alike). */
export function leadFromForm(v: LeadValues) {
  const [provinceCode = null, cityCode = null, districtCode = null] = v.region ?? [];
  return {
    name: v.name.trim(),
    gender: v.gender ?? null,
    title: blank(v.title),
    phones: (v.phones ?? []).map((p) => p.trim()).filter(Boolean),
    wechat: blank(v.wechat),
    source: v.source as never,
    sourceDetail: { campaign: blank(v.campaign), exhibition: blank(v.exhibition), referrerName: blank(v.referrerName), referrerPhone: blank(v.referrerPhone) },
    provinceCode,
    cityCode,
    districtCode,
    address: blank(v.address),
    notes: blank(v.notes),
  };
}

/** Server issue paths onto the form's fields: the region's codes onto the cascader, source details onto their inputs. */
export function mapLeadIssue(name: (string | number)[]): (string | number)[] | null {
  if (['provinceCode', 'cityCode', 'districtCode'].includes(String(name[0]))) return ['region'];
  if (name[0] === 'sourceDetail' && name[1]) return [name[1]];
  return name;
}
