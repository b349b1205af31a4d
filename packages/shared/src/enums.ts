/**
 * Enumerations shared by server and web. Codes are English; the web app shows the
 * Chinese labels from its locale files (see docs/glossary.md).
 */
export const CUSTOMER_KINDS = ['person', 'company'] as const;
export const GENDERS = ['male', 'female', 'unknown'] as const;
export const AGE_BANDS = ['under25', '25to34', '35to44', '45to54', '55plus'] as const;
export const EDUCATIONS = ['middle', 'high', 'college', 'bachelor', 'master', 'doctor'] as const;
export const INCOME_BANDS = ['low', 'middle', 'upperMiddle', 'high', 'veryHigh'] as const;
export const MARITAL_STATUSES = ['single', 'married', 'divorced', 'widowed'] as const;
export const CUSTOMER_SOURCES = [
  'walkIn', 'phone', 'website', 'designer', 'partner', 'campaign', 'exhibition', 'referral', 'import', 'other',
] as const;
export const CREDIT_RATINGS = ['A', 'B', 'C', 'D'] as const;
export const LIST_STATUSES = ['none', 'white', 'black'] as const;
export const DECISION_ROLES = ['decisionMaker', 'influencer', 'user', 'purchaser'] as const;
export const CALENDARS = ['solar', 'lunar'] as const;

/** Home profile (家居档案, CUS-2). */
export const HOUSE_TYPES = ['apartment', 'duplex', 'villa', 'townhouse', 'loft', 'office', 'other'] as const;
export const ROOMS = ['livingRoom', 'bedroom', 'kidsRoom', 'diningRoom', 'kitchen', 'bathroom', 'study', 'balcony', 'office'] as const;
export const STYLES = ['modernMinimal', 'newChinese', 'nordic', 'lightLuxury', 'american', 'european', 'japanese', 'industrial'] as const;
export const HOME_STAGES = ['newHome', 'addition', 'renovation'] as const;
export const BUDGET_BANDS = ['under50k', '50kTo100k', '100kTo200k', '200kTo500k', 'over500k'] as const;

export const UNIT_KINDS = ['hq', 'region', 'store'] as const;
export const STORE_KINDS = ['direct', 'franchise', 'dealer'] as const;

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'select', 'multiselect'] as const;
export const CUSTOM_FIELD_OBJECTS = ['customer'] as const;

export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
export type UnitKind = (typeof UNIT_KINDS)[number];
export type StoreKind = (typeof STORE_KINDS)[number];
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];
