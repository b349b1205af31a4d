import { Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../shared/format/date';
import { useEnumLabel } from '../../../shared/i18n/enums';
import { regionText, useRegions } from '../../../shared/regions/regions';
import type { LeadFull } from '../api';
import { LeadSourceTag } from '../components/LeadTags';

/** Who the lead is, how to reach them, where they came from, where they live, and who has them. */
export function LeadInfo({ lead }: { lead: LeadFull }) {
  const { t } = useTranslation('leads');
  const enumLabel = useEnumLabel();
  const regions = useRegions();
  const none = t('common:state.none');
  const region = regionText(regions.data, [lead.provinceCode, lead.cityCode, lead.districtCode]);
  const d = lead.sourceDetail;
  const detail = [
    d.campaign && `${t('field.campaign')}${t('common:colon')}${d.campaign}`,
    d.exhibition && `${t('field.exhibition')}${t('common:colon')}${d.exhibition}`,
    d.referrerName && `${t('field.referrerName')}${t('common:colon')}${d.referrerName}${d.referrerPhone ? ` ${d.referrerPhone}` : ''}`,
    d.formName && `${t('field.form')}${t('common:colon')}${d.formName}`,
  ].filter(Boolean);
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="lead-info">
      <Descriptions.Item label={t('field.name')}>
        {lead.name}
        {lead.title ? ` ${lead.title}` : ''}
        {lead.gender && lead.gender !== 'unknown' ? ` · ${enumLabel('gender', lead.gender)}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.phones')}>{lead.phones.length ? lead.phones.join('，') : none}</Descriptions.Item>
      <Descriptions.Item label={t('field.wechat')}>{lead.wechat ?? none}</Descriptions.Item>
      <Descriptions.Item label={t('field.source')}>
        <LeadSourceTag source={lead.source} />
        {detail.length ? <Typography.Text type="secondary">{detail.join('；')}</Typography.Text> : null}
        {d.referringCustomerId ? <Link to={`/customers/${d.referringCustomerId}`}> {t('detail.openCustomer')}</Link> : null}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.region')}>{region || none}</Descriptions.Item>
      <Descriptions.Item label={t('field.address')}>{lead.address ?? none}</Descriptions.Item>
      <Descriptions.Item label={t('field.store')}>{lead.storeName ?? t('detail.headOffice')}</Descriptions.Item>
      <Descriptions.Item label={t('field.assignee')}>{lead.assigneeName ?? <Tag color="gold">{t('detail.unassigned')}</Tag>}</Descriptions.Item>
      <Descriptions.Item label={t('field.createdAt')}>{formatDateTime(lead.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={t('field.assignedAt')}>{formatDateTime(lead.assignedAt) || none}</Descriptions.Item>
      <Descriptions.Item label={t('field.firstContactAt')}>{formatDateTime(lead.firstContactAt) || none}</Descriptions.Item>
      <Descriptions.Item label={t('field.lastActivityAt')}>{formatDateTime(lead.lastActivityAt) || none}</Descriptions.Item>
      {lead.lostReason ? <Descriptions.Item label={t('field.lostReason')}>{lead.lostReason}</Descriptions.Item> : null}
      {lead.notes ? (
        <Descriptions.Item label={t('field.notes')} span="filled">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{lead.notes}</Typography.Paragraph>
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}
