import { Alert, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { LeadFull } from '../api';
import { useLeadLabels } from '../labels';

/** The customers and open leads that shared a phone when the lead was captured, with links to those the user may see. */
export function Duplicates({ lead }: { lead: LeadFull }) {
  const { t } = useTranslation('leads');
  const { label } = useLeadLabels();
  if (!lead.duplicates.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('detail.duplicatesTitle')}
      data-testid="lead-duplicates"
      description={
        <Flex vertical gap={4}>
          {lead.duplicates.map((d, i) => (
            <Flex key={`${d.kind}-${d.id ?? i}`} gap={8} align="center">
              <Tag>{label('duplicateKind', d.kind)}</Tag>
              {d.id ? <Link to={d.kind === 'customer' ? `/customers/${d.id}` : `/leads/${d.id}`}>{d.name}</Link> : <Typography.Text type="secondary">{t('detail.duplicateHidden')}</Typography.Text>}
              <Typography.Text type="secondary">{d.phone}</Typography.Text>
            </Flex>
          ))}
        </Flex>
      }
    />
  );
}
