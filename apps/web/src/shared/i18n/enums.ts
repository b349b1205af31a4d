import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AGE_BANDS,
  BUDGET_BANDS,
  CALENDARS,
  CREDIT_RATINGS,
  CUSTOMER_KINDS,
  CUSTOMER_SOURCES,
  CUSTOM_FIELD_TYPES,
  DATA_SCOPES,
  DECISION_ROLES,
  EDUCATIONS,
  FIELD_ACCESS,
  GENDERS,
  HOME_STAGES,
  HOUSE_TYPES,
  INCOME_BANDS,
  LIST_STATUSES,
  MARITAL_STATUSES,
  ROOMS,
  STORE_KINDS,
  STYLES,
  UNIT_KINDS,
} from '@jiake/shared';

/** Every enumeration the UI labels; the labels live in common:enum.<name>.<code>. */
export const ENUMS = {
  kind: CUSTOMER_KINDS,
  gender: GENDERS,
  ageBand: AGE_BANDS,
  education: EDUCATIONS,
  incomeBand: INCOME_BANDS,
  maritalStatus: MARITAL_STATUSES,
  source: CUSTOMER_SOURCES,
  creditRating: CREDIT_RATINGS,
  listStatus: LIST_STATUSES,
  decisionRole: DECISION_ROLES,
  calendar: CALENDARS,
  houseType: HOUSE_TYPES,
  room: ROOMS,
  style: STYLES,
  homeStage: HOME_STAGES,
  budgetBand: BUDGET_BANDS,
  unitKind: UNIT_KINDS,
  storeKind: STORE_KINDS,
  customFieldType: CUSTOM_FIELD_TYPES,
  dataScope: DATA_SCOPES,
  fieldAccess: FIELD_ACCESS,
  unitStatus: ['active', 'closed'],
  userStatus: ['active', 'disabled'],
  jobStatus: ['queued', 'running', 'succeeded', 'failed'],
} as const;
export type EnumName = keyof typeof ENUMS;

/** Label one code of an enumeration ("livingRoom" → 客厅); unknown codes show as they are. */
export function useEnumLabel() {
  const { t } = useTranslation();
  return useCallback(
    (name: EnumName, code: string | null | undefined) => (code ? t(`common:enum.${name}.${code}`, { defaultValue: code }) : ''),
    [t],
  );
}

/** Select options of one enumeration with their labels in the current language. */
export function useEnumOptions(name: EnumName) {
  const label = useEnumLabel();
  return useMemo(() => (ENUMS[name] as readonly string[]).map((value) => ({ value, label: label(name, value) })), [name, label]);
}
