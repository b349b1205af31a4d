import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';
import type { BirthdayValue, HomeProfile } from '@jiake/shared';
import { DATE_FORMAT } from '../../../shared/format/date';
import { fenToYuan, yuanToFen } from '../../../shared/format/money';
import { type CustomFieldDef, customValueFromForm, customValueToForm } from '../../custom-fields';
import type { Customer } from '../types';

/** The home profile (家居档案) as the API sends and takes it: the shared contract. */
export type HomeProfileApi = z.input<typeof HomeProfile>;
/** One piece of current furniture; a row being typed may still lack its item. */
export type FurnitureRow = Partial<NonNullable<HomeProfileApi['currentFurniture']>[number]>;

/** The home profile in the form: money in yuan, the move-in date as dayjs. */
export type HomeProfileValues = Omit<HomeProfileApi, 'budgetFen' | 'moveInDate' | 'currentFurniture'> & {
  /** Shown in yuan; the API takes fen. */
  budgetYuan?: number | null;
  moveInDate?: Dayjs | null;
  currentFurniture?: FurnitureRow[];
};

/** The birthday in the form: the shared value while month and day may still be empty. */
export type BirthdayValues = Omit<BirthdayValue, 'month' | 'day'> & { month?: number | null; day?: number | null };

/** The form's shape: close to the API's, with dates as dayjs, the region as one cascader value, money in yuan. */
export interface CustomerFormValues {
  kind: 'person' | 'company';
  name: string;
  gender?: string | null;
  birthday?: BirthdayValues;
  weddingAnniversary?: Dayjs | null;
  ageBand?: string | null;
  education?: string | null;
  occupation?: string | null;
  title?: string | null;
  incomeBand?: string | null;
  maritalStatus?: string | null;
  phones?: string[];
  email?: string | null;
  wechat?: string | null;
  qq?: string | null;
  otherIm?: string | null;
  region?: string[];
  address?: string | null;
  hobbies?: string[];
  referrer?: string | null;
  source?: string | null;
  ownerId?: string | null;
  storeId?: string | null;
  tags?: string[];
  creditRating?: string | null;
  listStatus?: string;
  listReason?: string | null;
  industry?: string | null;
  homeProfile?: HomeProfileValues;
  customFields?: Record<string, unknown>;
  notes?: string | null;
}

/** Top-level form field names, for mapping server issues onto fields. */
export const FORM_FIELDS = [
  'kind',
  'name',
  'gender',
  'birthday',
  'weddingAnniversary',
  'ageBand',
  'education',
  'occupation',
  'title',
  'incomeBand',
  'maritalStatus',
  'phones',
  'email',
  'wechat',
  'qq',
  'otherIm',
  'region',
  'address',
  'hobbies',
  'referrer',
  'source',
  'ownerId',
  'storeId',
  'tags',
  'creditRating',
  'listStatus',
  'listReason',
  'industry',
  'homeProfile',
  'customFields',
  'notes',
];

export const EMPTY_FORM: CustomerFormValues = {
  kind: 'person',
  name: '',
  birthday: { calendar: 'solar' },
  phones: [''],
  hobbies: [],
  tags: [],
  listStatus: 'none',
  homeProfile: { rooms: [], styles: [], currentFurniture: [] },
  customFields: {},
};

const text = (v: string | null | undefined) => (typeof v === 'string' ? v.trim() || null : (v ?? null));
const date = (v: Dayjs | null | undefined) => (v && dayjs.isDayjs(v) ? v.format(DATE_FORMAT) : null);

/** A customer from the API → form values. */
export function customerToForm(c: Customer, defs: CustomFieldDef[]): CustomerFormValues {
  const hp = (c.homeProfile ?? null) as HomeProfileApi | null;
  const b = c.birthday as BirthdayValue | null | undefined;
  return {
    kind: c.kind ?? 'person',
    name: c.name ?? '',
    gender: c.gender,
    birthday: b ? { calendar: b.calendar, year: b.year ?? null, month: b.month, day: b.day, leapMonth: !!b.leapMonth } : { calendar: 'solar' },
    weddingAnniversary: c.weddingAnniversary ? dayjs(c.weddingAnniversary) : null,
    ageBand: c.ageBand,
    education: c.education,
    occupation: c.occupation,
    title: c.title,
    incomeBand: c.incomeBand,
    maritalStatus: c.maritalStatus,
    phones: c.phones?.length ? [...c.phones] : [''],
    email: c.email,
    wechat: c.wechat,
    qq: c.qq,
    otherIm: c.otherIm,
    region: [c.provinceCode, c.cityCode, c.districtCode].filter((x): x is string => !!x),
    address: c.address,
    hobbies: c.hobbies ?? [],
    referrer: c.referrer,
    source: c.source,
    ownerId: c.ownerId,
    storeId: c.storeId,
    tags: c.tags ?? [],
    creditRating: c.creditRating,
    listStatus: c.listStatus ?? 'none',
    listReason: c.listReason,
    industry: c.industry,
    notes: c.notes,
    homeProfile: {
      houseType: hp?.houseType ?? null,
      areaSqm: hp?.areaSqm ?? null,
      rooms: hp?.rooms ?? [],
      stage: hp?.stage ?? null,
      styles: hp?.styles ?? [],
      budgetBand: hp?.budgetBand ?? null,
      budgetYuan: hp?.budgetFen !== undefined && hp?.budgetFen !== null ? fenToYuan(hp.budgetFen) : null,
      moveInDate: hp?.moveInDate ? dayjs(hp.moveInDate) : null,
      currentFurniture: (hp?.currentFurniture ?? []).map((f) => ({ ...f })),
      notes: hp?.notes ?? null,
    },
    customFields: Object.fromEntries(defs.map((d) => [d.key, customValueToForm(d, c.customFields?.[d.key])])),
  };
}

function birthdayToApi(b: BirthdayValues | undefined) {
  if (!b?.month || !b.day) return null;
  return {
    calendar: b.calendar,
    year: b.year ?? null,
    month: b.month,
    day: b.day,
    ...(b.calendar === 'lunar' ? { leapMonth: !!b.leapMonth } : {}),
  };
}

function homeProfileToApi(hp: HomeProfileValues | undefined): HomeProfileApi | null {
  if (!hp) return null;
  const out: HomeProfileApi = {
    houseType: hp.houseType ?? null,
    areaSqm: hp.areaSqm ?? null,
    rooms: hp.rooms ?? [],
    stage: hp.stage ?? null,
    styles: hp.styles ?? [],
    budgetBand: hp.budgetBand ?? null,
    budgetFen: hp.budgetYuan !== undefined && hp.budgetYuan !== null ? yuanToFen(hp.budgetYuan) : null,
    moveInDate: date(hp.moveInDate),
    currentFurniture: (hp.currentFurniture ?? [])
      .filter((f) => f.item?.trim())
      .map((f) => ({ room: f.room ?? null, item: f.item!.trim(), brand: text(f.brand), competitor: !!f.competitor })),
    notes: text(hp.notes),
  };
  const empty = Object.values(out).every((v) => v === null || (Array.isArray(v) && !v.length));
  return empty ? null : out;
}

/** Form values → the API's customer body (every field; the caller drops what it may not or need not send). */
export function formToBody(v: CustomerFormValues, defs: CustomFieldDef[]): Record<string, unknown> {
  const [provinceCode, cityCode, districtCode] = v.region ?? [];
  return {
    kind: v.kind,
    name: v.name?.trim() ?? '',
    gender: v.gender ?? null,
    birthday: birthdayToApi(v.birthday),
    weddingAnniversary: date(v.weddingAnniversary),
    ageBand: v.ageBand ?? null,
    education: v.education ?? null,
    occupation: text(v.occupation),
    title: text(v.title),
    incomeBand: v.incomeBand ?? null,
    maritalStatus: v.maritalStatus ?? null,
    phones: (v.phones ?? []).map((p) => p?.trim()).filter((p): p is string => !!p),
    email: text(v.email),
    wechat: text(v.wechat),
    qq: text(v.qq),
    otherIm: text(v.otherIm),
    provinceCode: provinceCode ?? null,
    cityCode: cityCode ?? null,
    districtCode: districtCode ?? null,
    address: text(v.address),
    hobbies: (v.hobbies ?? []).map((h) => h.trim()).filter(Boolean),
    referrer: text(v.referrer),
    source: v.source ?? null,
    ownerId: v.ownerId ?? null,
    storeId: v.storeId ?? null,
    tags: (v.tags ?? []).map((x) => x.trim()).filter(Boolean),
    creditRating: v.creditRating ?? null,
    listStatus: v.listStatus ?? 'none',
    listReason: text(v.listReason),
    industry: text(v.industry),
    homeProfile: homeProfileToApi(v.homeProfile),
    customFields: Object.fromEntries(defs.map((d) => [d.key, customValueFromForm(d, v.customFields?.[d.key])])),
    notes: text(v.notes),
  };
}

/** Server issue paths → form field names: the three region codes share one cascader, budget is in yuan. */
export function issueToFormName(name: (string | number)[]): (string | number)[] {
  if (name[0] === 'provinceCode' || name[0] === 'cityCode' || name[0] === 'districtCode') return ['region'];
  if (name[0] === 'homeProfile' && name[1] === 'budgetFen') return ['homeProfile', 'budgetYuan'];
  if (name[0] === 'birthday' && name.length === 1) return ['birthday', 'day'];
  return name;
}
