import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { formatBirthday, isBirthday } from '../../../shared/format/birthday';
import { formatDateTime } from '../../../shared/format/date';
import { useEnumLabel } from '../../../shared/i18n/enums';
import { useOrgUnits } from '../../org';
import { useRoles } from '../../roles';
import { UserName } from '../../users';
import { ENUM_FIELDS, ROLE_FIELDS, UNIT_FIELDS, USER_FIELDS, useAuditLabels } from '../labels';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One before/after value of a field change, readable: labels for codes, names for ids, dates formatted. */
export function AuditValue({ entityType, field, value }: { entityType: string; field: string; value: unknown }) {
  const { t } = useTranslation('audit');
  const label = useEnumLabel();
  const labels = useAuditLabels();
  const { data: units } = useOrgUnits(useCan('org:view') && UNIT_FIELDS.has(field));
  const { data: roles } = useRoles(useCan('roles:view') && ROLE_FIELDS.has(field));
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) {
    return <Typography.Text type="secondary">{t('emptyValue')}</Typography.Text>;
  }
  const enumName = ENUM_FIELDS[entityType]?.[field];
  if (enumName && typeof value === 'string') return <>{label(enumName, value)}</>;
  if (UNIT_FIELDS.has(field) && typeof value === 'string') return <>{units?.find((u) => u.id === value)?.name ?? value}</>;
  if (USER_FIELDS.has(field) && typeof value === 'string') return <UserName id={value} />;
  if (ROLE_FIELDS.has(field) && roles) {
    const name = (id: unknown) => roles.find((r) => r.id === id)?.name ?? String(id);
    return <>{Array.isArray(value) ? value.map(name).join('、') : name(value)}</>;
  }
  if (entityType === 'role' && field === 'permissions' && Array.isArray(value)) return <>{value.map((p) => labels.permission(String(p))).join('、')}</>;
  if (typeof value === 'boolean') return <>{value ? t('common:action.yes') : t('common:action.no')}</>;
  if (typeof value === 'string' && ISO_TIME.test(value)) return <>{formatDateTime(value)}</>;
  if (isBirthday(value)) return <>{formatBirthday(value)}</>;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return <>{value.join('、')}</>;
  if (typeof value === 'object') {
    return (
      <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {JSON.stringify(value)}
      </Typography.Text>
    );
  }
  return <>{String(value)}</>;
}
