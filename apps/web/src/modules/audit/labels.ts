import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnumName } from '../../shared/i18n/enums';

/** Where each object's field labels live, so history shows 「性别」 rather than "gender". */
const FIELD_LABELS: Record<string, string> = {
  customer: 'customers:field',
  contact: 'customers:contactField',
  user: 'users:field',
  role: 'roles:field',
  orgUnit: 'org:field',
  apiKey: 'apiKeys:field',
  customField: 'customFields:field',
  opportunity: 'opportunities:field',
  opportunityStage: 'opportunities:settings',
  opportunityLossReason: 'opportunities:settings',
  opportunitySettings: 'opportunities:settings',
  lead: 'leads:field',
};

/** Fields holding an enumeration code, shown with its label. */
export const ENUM_FIELDS: Record<string, Record<string, EnumName>> = {
  customer: {
    kind: 'kind',
    gender: 'gender',
    ageBand: 'ageBand',
    education: 'education',
    incomeBand: 'incomeBand',
    maritalStatus: 'maritalStatus',
    source: 'source',
    creditRating: 'creditRating',
    listStatus: 'listStatus',
    birthdayCalendar: 'calendar',
  },
  contact: { decisionRole: 'decisionRole' },
  orgUnit: { kind: 'unitKind', storeKind: 'storeKind', status: 'unitStatus' },
  user: { status: 'userStatus' },
  role: { dataScope: 'dataScope' },
  customField: { type: 'customFieldType' },
};

/** Fields holding a unit id or a user id, shown by name. */
export const UNIT_FIELDS = new Set(['storeId', 'unitId', 'parentId']);
export const USER_FIELDS = new Set(['ownerId', 'supervisorId', 'uploadedBy', 'createdBy', 'createdById', 'assigneeId']);
/** Fields holding role ids (a user's roles, an API key's role), shown by name. */
export const ROLE_FIELDS = new Set(['roleId', 'roleIds']);

/** Labels of audit actions, object types and fields in the user's language. */
export function useAuditLabels() {
  const { t } = useTranslation('audit');
  const action = useCallback((a: string) => t(`action.${a}`, { defaultValue: a }), [t]);
  const entity = useCallback((type: string) => t(`entity.${type}`, { defaultValue: type }), [t]);
  const field = useCallback(
    (entityType: string, f: string) => {
      if (f.startsWith('customFields.')) return f.slice('customFields.'.length);
      const base = FIELD_LABELS[entityType];
      return base ? t(`${base}.${f}`, { defaultValue: f }) : f;
    },
    [t],
  );
  /** 「客户·查看」 for "customers:view". */
  const permission = useCallback(
    (key: string) => {
      const [module, act] = key.split(':');
      return `${t(`roles:module.${module}`, { defaultValue: module })}·${t(`roles:permAction.${act}`, { defaultValue: act })}`;
    },
    [t],
  );
  return { action, entity, field, permission };
}
