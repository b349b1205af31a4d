import { Alert, Button, Card, Col, Flex, Row, Space, Spin } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { NotFoundResult } from '../../../shared/components/NotFoundResult';
import { PageHeader } from '../../../shared/components/PageHeader';
import { formatDateTime } from '../../../shared/format/date';
import { ActivityTimeline } from '../../sales-activities';
import { useLead } from '../api';
import { LeadStatusTag } from '../components/LeadTags';
import { Duplicates } from '../detail/Duplicates';
import { LeadActions } from '../detail/LeadActions';
import { LeadInfo } from '../detail/LeadInfo';
import { NeedsCard } from '../detail/NeedsCard';

/** One lead: details, duplicate warning, needs profile, the follow-up timeline, and the actions its status allows. */
export default function LeadDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation('leads');
  const navigate = useNavigate();
  const canEdit = useCan('leads:edit');
  const canActivities = useCan('activities:view');
  const { data: lead, isLoading, error } = useLead(id);
  if (isLoading) return <Spin />;
  if (error || !lead) return <NotFoundResult title={t('detail.notFound')} backTo="/leads" backText={t('detail.back')} />;
  const open = lead.status === 'new' || lead.status === 'following';
  return (
    <>
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={() => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/leads'))}
        style={{ paddingInline: 0, marginBottom: 8 }}
      >
        {t('detail.back')}
      </Button>
      <PageHeader title={<span data-testid="lead-name-title">{lead.name}</span>} subTitle={<LeadStatusTag status={lead.status} />} extra={<LeadActions lead={lead} />} />
      <Flex vertical gap={16}>
        {lead.status === 'converted' && lead.convertedCustomerId ? (
          <Alert
            type="success"
            showIcon
            data-testid="lead-converted"
            title={`${t('detail.converted')} · ${formatDateTime(lead.convertedAt)}`}
            action={
              <Space>
                <Link to={`/customers/${lead.convertedCustomerId}`}>{t('detail.openCustomer')}</Link>
                {lead.convertedOpportunityId ? <Link to={`/opportunities/${lead.convertedOpportunityId}`}>{t('detail.opportunityCreated')}</Link> : null}
              </Space>
            }
          />
        ) : null}
        <Duplicates lead={lead} />
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Flex vertical gap={16}>
              <Card size="small" title={t('detail.info')}>
                <LeadInfo lead={lead} />
              </Card>
              <NeedsCard lead={lead} editable={canEdit && lead.status !== 'converted'} />
            </Flex>
          </Col>
          <Col xs={24} lg={10}>
            {canActivities ? (
              <Card size="small" title={t('detail.activities')}>
                <ActivityTimeline subject={{ kind: 'lead', id: lead.id }} readOnly={!open} />
              </Card>
            ) : null}
          </Col>
        </Row>
      </Flex>
    </>
  );
}
