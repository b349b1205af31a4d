import { Card, Col, Descriptions, Empty, Flex, List, Rate, Row, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { NotFoundResult } from '../../../shared/components/NotFoundResult';
import { PageHeader } from '../../../shared/components/PageHeader';
import { formatDateTime } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import { SuggestedArticles } from '../../knowledge';
import { type RequestDetail, useLinkedOrder, useRequest } from '../api';
import { useRequestLabels } from '../labels';
import { PriorityTag, StatusTag } from '../components/RequestTags';
import { SlaClock } from '../components/SlaClock';
import { RequestActions } from '../detail/RequestActions';
import { ReplyBox } from '../detail/ReplyBox';
import { RequestTimeline } from '../detail/RequestTimeline';

function Info({ r }: { r: RequestDetail }) {
  const { t } = useTranslation('requests');
  const order = useLinkedOrder(r.id, !!r.orderId);
  const lineName = (id: string) => order.data?.lines.find((l) => l.id === id)?.name ?? id.slice(0, 8);
  const { label } = useRequestLabels();
  const none = t('common:state.none');
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="request-info">
      <Descriptions.Item label={t('field.type')}>{label('type', r.type)}</Descriptions.Item>
      <Descriptions.Item label={t('field.channel')}>{label('channel', r.channel)}</Descriptions.Item>
      <Descriptions.Item label={t('field.customer')}>
        {r.customerId ? <Link to={`/customers/${r.customerId}`}>{r.customerName ?? r.customerId}</Link> : [r.contactName, r.contactPhone].filter(Boolean).join(' · ') || none}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.order')}>{r.orderId ? <Link to={`/orders/${r.orderId}`}>{order.data?.orderNo ?? r.orderId.slice(0, 8)}</Link> : none}</Descriptions.Item>
      <Descriptions.Item label={t('field.store')}>{r.storeName ?? t('review.headStore')}</Descriptions.Item>
      <Descriptions.Item label={t('field.assignee')}>{r.assigneeName ?? <Tag color="gold">{t('list.queue.store')}</Tag>}</Descriptions.Item>
      {r.escalatedToName ? <Descriptions.Item label={t('field.escalatedTo')}>{r.escalatedToName}</Descriptions.Item> : null}
      {r.cause ? <Descriptions.Item label={t('field.cause')}>{r.cause}</Descriptions.Item> : null}
      <Descriptions.Item label={t('field.createdAt')}>{formatDateTime(r.createdAt)}</Descriptions.Item>
      {r.satisfaction ? (
        <Descriptions.Item label={t('field.satisfaction')}>
          <Rate disabled value={r.satisfaction} />
          {r.customerComment ? <Typography.Text type="secondary"> {r.customerComment}</Typography.Text> : null}
        </Descriptions.Item>
      ) : null}
      {r.description ? (
        <Descriptions.Item label={t('field.description')} span="filled">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.description}</Typography.Paragraph>
        </Descriptions.Item>
      ) : null}
      {r.resolution ? (
        <Descriptions.Item label={t('field.resolution')} span="filled">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.resolution}</Typography.Paragraph>
        </Descriptions.Item>
      ) : null}
      {r.returnLines?.length ? (
        <Descriptions.Item label={t('detail.returnLines')} span="filled">
          {r.returnLines.map((l) => `${lineName(l.lineId)} × ${l.quantity}`).join('，')}
          {r.refundFen !== null ? ` · ${t('detail.refund')} ${formatMoney(r.refundFen)}` : ''}
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

function Escalations({ r }: { r: RequestDetail }) {
  const { t } = useTranslation('requests');
  const { label } = useRequestLabels();
  if (!r.escalations.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noEscalations')} />;
  return (
    <List
      size="small"
      dataSource={r.escalations}
      data-testid="request-escalations"
      renderItem={(e) => (
        <List.Item>
          <Flex vertical>
            <Typography.Text>{t('detail.escalatedLine', { breach: label('breach', e.breach), level: e.level, to: e.toUserName ?? t('detail.escalatedNobody') })}</Typography.Text>
            <Typography.Text type="secondary">{formatDateTime(e.escalatedAt)}</Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** One request: details, SLA clock, timeline with reply and note, actions, escalations, and suggested knowledge. */
export default function RequestDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation('requests');
  const canEdit = useCan('requests:edit');
  const { data: r, isLoading, error } = useRequest(id);
  if (isLoading) return <Spin />;
  if (error || !r) return <NotFoundResult title={t('detail.notFound')} backTo="/requests" backText={t('detail.back')} />;
  const finished = r.status === 'closed' || r.status === 'cancelled';
  return (
    <>
      <PageHeader
        title={
          <Space>
            <span data-testid="request-number">{r.number}</span>
            <span>{r.subject}</span>
          </Space>
        }
        subTitle={
          <Space>
            <StatusTag status={r.status} />
            <PriorityTag priority={r.priority} />
          </Space>
        }
        extra={canEdit ? <RequestActions request={r} /> : null}
      />
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('detail.info')}>
              <Info r={r} />
            </Card>
            <Card size="small" title={t('detail.timeline')}>
              {canEdit ? <ReplyBox requestId={r.id} canReply={!finished} /> : null}
              <RequestTimeline activities={r.activities} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('sla.title')}>
              <SlaClock request={r} />
            </Card>
            <Card size="small" title={t('detail.escalations')}>
              <Escalations r={r} />
            </Card>
            <SuggestedArticles text={`${r.subject} ${r.description ?? ''}`} productCategoryId={r.categoryId} />
          </Flex>
        </Col>
      </Row>
    </>
  );
}
