import { useState } from 'react';
import { Button, Card, Col, Descriptions, Flex, Row, Spin, Statistic } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { NotFoundResult } from '../../../shared/components/NotFoundResult';
import { PageHeader } from '../../../shared/components/PageHeader';
import { formatDateTime } from '../../../shared/format/date';
import { useMember } from '../api';
import { AdjustModal } from '../components/AdjustModal';
import { AdjustmentTable } from '../components/AdjustmentTable';
import { ConsentsCard } from '../components/ConsentsCard';
import { MemberStatusTag } from '../components/labels';
import { Statement } from '../components/Statement';
import { MemberTierPanel } from '../components/MemberTierPanel';
import { MemberCardsPanel } from '../components/MemberCardsPanel';
import { StoredValuePanel } from '../components/StoredValuePanel';

/** One member: the card (number, customer, join store, status, balance), consents, pending adjustments and the statement. */
export default function MemberDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation('loyalty');
  const navigate = useNavigate();
  const canAdjust = useCan('loyalty:adjust');
  const { data: member, isLoading, error } = useMember(id);
  const [adjusting, setAdjusting] = useState(false);
  if (isLoading) return <Spin />;
  if (error || !member) return <NotFoundResult title={t('detail.notFound')} backTo="/loyalty/members" backText={t('detail.back')} />;
  return (
    <>
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={() => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/loyalty/members'))}
        style={{ paddingInline: 0, marginBottom: 8 }}
      >
        {t('detail.back')}
      </Button>
      <PageHeader
        title={<span data-testid="member-number-title">{member.number}</span>}
        subTitle={<MemberStatusTag status={member.status} />}
        extra={
          canAdjust && member.status === 'active' ? (
            <Button icon={<EditOutlined />} onClick={() => setAdjusting(true)} data-testid="member-adjust">
              {t('detail.adjust')}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Card size="small" title={t('detail.card')} data-testid="member-card">
              <Flex gap={24} wrap align="start">
                <Statistic title={t('field.balance')} value={member.balance} styles={{ content: member.balance < 0 ? { color: '#cf1322' } : {} }} data-testid="member-balance" />
                <Descriptions column={{ xs: 1, sm: 2 }} size="small" style={{ flex: 1, minWidth: 280 }}>
                  <Descriptions.Item label={t('field.number')}>{member.number}</Descriptions.Item>
                  <Descriptions.Item label={t('field.customer')}>
                    <Link to={`/customers/${member.customerId}`} data-testid="member-customer">
                      {member.customerName ?? t('detail.openCustomer')}
                    </Link>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.joinStore')}>{member.joinStoreName ?? ''}</Descriptions.Item>
                  <Descriptions.Item label={t('field.status')}>
                    <MemberStatusTag status={member.status} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.enrolledAt')}>{formatDateTime(member.enrolledAt)}</Descriptions.Item>
                </Descriptions>
              </Flex>
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <ConsentsCard member={member} />
          </Col>
        </Row>
        <MemberTierPanel member={member} />
        <MemberCardsPanel member={member} />
        <StoredValuePanel member={member} />
        <Card size="small" title={t('detail.pending')} data-testid="member-pending">
          <AdjustmentTable status="pending" memberId={member.id} hideMember emptyText={t('detail.noPending')} />
        </Card>
        <Statement member={member} />
      </Flex>
      <AdjustModal member={member} open={adjusting} onClose={() => setAdjusting(false)} />
    </>
  );
}
