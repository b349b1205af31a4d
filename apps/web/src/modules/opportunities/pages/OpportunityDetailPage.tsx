import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Popconfirm, Row, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { errorText } from '../../../shared/api/errors';
import { NotFoundResult } from '../../../shared/components/NotFoundResult';
import { PageHeader } from '../../../shared/components/PageHeader';
import { formatDate, formatDateTime } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import { ActivityTimeline } from '../../sales-activities';
import { type OpportunityFull, useDeleteOpportunity, useOpportunity } from '../api';
import { useOpportunityLabels } from '../labels';
import { StatusTag } from '../components/StatusTag';
import { OpportunityFormModal } from '../components/OpportunityFormModal';
import { useStageMover } from '../components/useStageMover';
import { StageStepper } from '../detail/StageStepper';
import { StageHistory } from '../detail/StageHistory';

function Info({ o }: { o: OpportunityFull }) {
  const { t } = useTranslation('opportunities');
  const { stageName, reasonLabel } = useOpportunityLabels();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="opportunity-info">
      <Descriptions.Item label={t('field.customer')}>
        <Link to={`/customers/${o.customerId}`}>{o.customerName ?? o.customerId.slice(0, 8)}</Link>
      </Descriptions.Item>
      <Descriptions.Item label={t('field.stageKey')}>{stageName(o.stageKey)}</Descriptions.Item>
      <Descriptions.Item label={t('field.amountFen')}>
        <span data-testid="opportunity-amount-value">{formatMoney(o.amountFen)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('field.probability')}>
        {o.probability}%{o.probabilityOverridden ? t('detail.manual') : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.weighted')}>{formatMoney(o.weightedFen)}</Descriptions.Item>
      <Descriptions.Item label={t('field.expectedCloseDate')}>{formatDate(o.expectedCloseDate) || t('common:state.none')}</Descriptions.Item>
      <Descriptions.Item label={t('field.ownerId')}>{o.ownerName ?? t('common.unassigned')}</Descriptions.Item>
      <Descriptions.Item label={t('field.storeId')}>{o.storeName ?? t('common.headOffice')}</Descriptions.Item>
      <Descriptions.Item label={t('field.lastActivityAt')}>
        {formatDateTime(o.lastActivityAt)}
        {o.status === 'open' && o.idleDays > 0 ? <Typography.Text type="secondary"> · {t('common.idle', { days: o.idleDays })}</Typography.Text> : null}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.createdAt')}>{formatDateTime(o.createdAt)}</Descriptions.Item>
      {o.leadId ? (
        <Descriptions.Item label={t('field.leadId')}>
          <Link to={`/leads/${o.leadId}`}>{o.leadId.slice(0, 8)}</Link>
        </Descriptions.Item>
      ) : null}
      {o.wonAt ? <Descriptions.Item label={t('field.wonAt')}>{formatDateTime(o.wonAt)}</Descriptions.Item> : null}
      {o.lostAt ? <Descriptions.Item label={t('field.lostAt')}>{formatDateTime(o.lostAt)}</Descriptions.Item> : null}
      {o.status === 'lost' ? (
        <Descriptions.Item label={t('field.lossReason')}>
          <span data-testid="opportunity-loss-reason">{reasonLabel(o.lossReason)}</span>
          {o.lossNote ? <Typography.Text type="secondary"> · {o.lossNote}</Typography.Text> : null}
        </Descriptions.Item>
      ) : null}
      {o.notes ? (
        <Descriptions.Item label={t('field.notes')} span="filled">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{o.notes}</Typography.Paragraph>
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

/** One opportunity: its details, the stage stepper with days in each stage, win / lose / reopen, history and activities. */
export default function OpportunityDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation('opportunities');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const canEdit = useCan('opportunities:edit');
  const canAdmin = useCan('opportunities:admin');
  const { data: o, isLoading, error } = useOpportunity(id);
  const { stages, status } = useOpportunityLabels();
  const mover = useStageMover();
  const remove = useDeleteOpportunity();
  const [editing, setEditing] = useState(false);
  if (isLoading) return <Spin />;
  if (error || !o) return <NotFoundResult title={t('detail.notFound')} backTo="/opportunities" backText={t('detail.back')} />;
  const won = stages.find((s) => s.kind === 'won');
  const lost = stages.find((s) => s.kind === 'lost');
  // Reopening goes back to the stage it was closed from.
  const closedFrom = [...o.history].reverse().find((h) => h.toStageKey === o.stageKey)?.fromStageKey;
  const reopenTo = stages.find((s) => s.key === closedFrom && s.kind === 'open' && s.enabled) ?? stages.find((s) => s.kind === 'open' && s.enabled);
  return (
    <>
      <PageHeader
        title={<span data-testid="opportunity-title">{o.name}</span>}
        subTitle={<StatusTag status={o.status} />}
        extra={
          <>
            {canEdit ? (
              <Button onClick={() => setEditing(true)} data-testid="opportunity-edit">
                {t('detail.edit')}
              </Button>
            ) : null}
            {canEdit && o.status === 'open' && won ? (
              <Button type="primary" onClick={() => mover.request(o, won.key)} loading={mover.pending} data-testid="opportunity-win">
                {t('detail.win')}
              </Button>
            ) : null}
            {canEdit && o.status === 'open' && lost ? (
              <Button danger onClick={() => mover.request(o, lost.key)} data-testid="opportunity-lose">
                {t('detail.lose')}
              </Button>
            ) : null}
            {canEdit && o.status !== 'open' && reopenTo ? (
              <Button onClick={() => mover.request(o, reopenTo.key)} data-testid="opportunity-reopen">
                {t('detail.reopen')}
              </Button>
            ) : null}
            {canAdmin ? (
              <Popconfirm
                title={t('common:confirm.deleteTitle')}
                description={t('common:confirm.deleteContent')}
                onConfirm={() =>
                  remove.mutateAsync(o.id).then(
                    () => {
                      message.success(t('detail.deleted'));
                      navigate('/opportunities');
                    },
                    (e) => message.error(errorText(e)),
                  )
                }
              >
                <Button danger type="text" data-testid="opportunity-delete">
                  {t('detail.delete')}
                </Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      {o.status !== 'open' ? <Alert type={o.status === 'won' ? 'success' : 'info'} showIcon title={t('detail.closedHint', { status: status(o.status) })} style={{ marginBottom: 16 }} /> : null}
      <Flex vertical gap={16}>
        <Card size="small" title={t('detail.progress')}>
          <StageStepper o={o} stages={stages} canEdit={canEdit} onMove={(key) => mover.request(o, key)} />
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={16}>
            <Flex vertical gap={16}>
              <Card size="small" title={t('detail.info')}>
                <Info o={o} />
              </Card>
              <Card size="small" title={t('detail.activities')}>
                <ActivityTimeline subject={{ kind: 'opportunity', id: o.id }} readOnly={!canEdit} />
              </Card>
            </Flex>
          </Col>
          <Col xs={24} lg={8}>
            <Card size="small" title={t('detail.history')}>
              <StageHistory o={o} />
            </Card>
          </Col>
        </Row>
      </Flex>
      <OpportunityFormModal open={editing} opportunity={o} onClose={() => setEditing(false)} />
      {mover.element}
    </>
  );
}
