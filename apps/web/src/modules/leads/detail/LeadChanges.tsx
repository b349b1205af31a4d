import { Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../shared/format/date';
import { useEnumLabel } from '../../../shared/i18n/enums';
import { AuditChanges, type FieldChange } from '../../audit';
import { useLeadLabels } from '../labels';

/** Fields the lead's history words itself (codes, the needs and source details key by key, links); the rest go to AuditChanges. */
const OWN = new Set(['status', 'source', 'gender', 'needs', 'sourceDetail', 'duplicateOf', 'convertedCustomerId', 'convertedOpportunityId']);
const NEEDS_DATES = new Set(['decisionDate', 'deliveryDate']);

type Obj = Record<string, unknown> | null;
const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length);

function Line({ label, before, after }: { label: string; before: ReactNode; after: ReactNode }) {
  const { t } = useTranslation('leads');
  return (
    <div style={{ lineHeight: '22px' }}>
      <Typography.Text type="secondary">
        {label}
        {t('common:colon')}
      </Typography.Text>
      {before} <ArrowRightOutlined style={{ fontSize: 11, color: '#999' }} /> {after}
    </div>
  );
}

/** A lead's field changes in words: labels for codes, the needs profile and source details key by key, links to what it became. */
export function LeadChanges({ changes }: { changes: FieldChange[] }) {
  const { t } = useTranslation('leads');
  const { label } = useLeadLabels();
  const enumLabel = useEnumLabel();
  const empty = <Typography.Text type="secondary">{t('audit:emptyValue')}</Typography.Text>;
  const show = (v: ReactNode) => (isEmpty(v) ? empty : v);
  const needsValue = (key: string, v: unknown): ReactNode => {
    if (isEmpty(v)) return empty;
    const list = (xs: unknown, f: (x: string) => string) => (Array.isArray(xs) ? xs.map((x) => f(String(x))).join('、') : String(xs));
    switch (key) {
      case 'rooms':
        return list(v, (x) => enumLabel('room', x));
      case 'styles':
        return list(v, (x) => label('style', x));
      case 'houseType':
        return enumLabel('houseType', String(v));
      case 'budgetBand':
        return enumLabel('budgetBand', String(v));
      case 'homeStage':
        return label('homeStage', String(v));
      default:
        return NEEDS_DATES.has(key) ? formatDate(String(v)) : Array.isArray(v) ? v.join('、') : String(v);
    }
  };
  const byKey = (before: Obj, after: Obj, prefix: string, value: (k: string, v: unknown) => ReactNode, labelOf: (k: string) => string) =>
    [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
      .filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null) && !(isEmpty(before?.[k]) && isEmpty(after?.[k])))
      .map((k) => <Line key={`${prefix}.${k}`} label={labelOf(k)} before={value(k, before?.[k])} after={value(k, after?.[k])} />);
  const lines: ReactNode[] = [];
  for (const c of changes.filter((x) => OWN.has(x.field))) {
    const f = c.field;
    if (f === 'needs') lines.push(...byKey(c.before as Obj, c.after as Obj, f, needsValue, (k) => `${t('needs.title')} · ${t(`needs.${k}`, { defaultValue: k })}`));
    else if (f === 'sourceDetail')
      lines.push(...byKey(c.before as Obj, c.after as Obj, f, (_k, v) => show(isEmpty(v) ? null : String(v)), (k) => t(`field.${k}`, { defaultValue: k })));
    else if (f === 'duplicateOf') lines.push(<Line key={f} label={t('field.duplicateOf')} before={(c.before as unknown[] | null)?.length ?? 0} after={(c.after as unknown[] | null)?.length ?? 0} />);
    else if (f === 'convertedCustomerId' || f === 'convertedOpportunityId') {
      const to = f === 'convertedCustomerId' ? `/customers/${c.after}` : `/opportunities/${c.after}`;
      lines.push(<Line key={f} label={t(`field.${f}`)} before={empty} after={c.after ? <Link to={to}>{t('common:action.view')}</Link> : empty} />);
    } else {
      const render = (v: unknown) => (isEmpty(v) ? empty : f === 'gender' ? enumLabel('gender', String(v)) : label(f as 'status' | 'source', String(v)));
      lines.push(<Line key={f} label={t(`field.${f}`)} before={render(c.before)} after={render(c.after)} />);
    }
  }
  const rest = changes.filter((x) => !OWN.has(x.field));
  return (
    <div>
      {lines}
      {rest.length ? <AuditChanges entityType="lead" changes={rest} compact /> : null}
    </div>
  );
}
