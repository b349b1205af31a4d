import { Alert, Button, Card, Col, Flex, Result, Row, Skeleton, Statistic } from 'antd';
import { ReloadOutlined, SmileOutlined } from '@ant-design/icons';
import type { WorkSection } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useWorkToday } from '../api';
import { sectionColor, WorkSectionCard } from '../components/WorkSectionCard';

const LEFT: WorkSection[] = ['overdue', 'dueToday'];

/** 今日工作: what the user has to do today — overdue and due follow-ups, new leads, proposals, requests (PLAT-12). */
export default function WorkTodayPage() {
  const { t, i18n } = useTranslation('work');
  const q = useWorkToday();
  const data = q.data;
  const date = data ? new Intl.DateTimeFormat(i18n.language, { timeZone: 'Asia/Shanghai', dateStyle: 'full' }).format(new Date(data.now)) : undefined;
  const sections = data?.sections ?? [];
  const left = sections.filter((s) => LEFT.includes(s.key));
  const right = sections.filter((s) => !LEFT.includes(s.key));
  const nothing = !!data && data.total === 0 && data.failed.length === 0;
  return (
    <div data-testid="work-today">
      <PageHeader
        title={t('today.title')}
        subTitle={date ? t('today.subtitle', { date }) : undefined}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => q.refetch()} loading={q.isFetching} data-testid="work-refresh">
            {t('today.refresh')}
          </Button>
        }
      />
      {data?.failed.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('today.partial', { sources: data.failed.map((f) => t(`sources.${f.source}`, { defaultValue: f.source })).join(t('common:listSeparator')) })}
          data-testid="work-partial"
        />
      ) : null}
      {!data ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : nothing ? (
        <Card>
          <Result icon={<SmileOutlined style={{ color: '#52c41a' }} />} title={t('today.emptyTitle')} subTitle={t('today.emptyHint')} data-testid="work-empty" />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {sections.map((s) => (
              <Col key={s.key} flex="1 1 160px">
                <Card size="small" hoverable onClick={() => document.getElementById(`work-${s.key}`)?.scrollIntoView({ behavior: 'smooth' })}>
                  <Statistic
                    title={t(`sections.${s.key}`)}
                    value={s.count}
                    suffix={s.more ? '+' : undefined}
                    styles={{ content: { color: s.count ? sectionColor(s.key) : undefined } }}
                    data-testid={`work-stat-${s.key}`}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]}>
            {left.length ? (
              <Col xs={24} xl={right.length ? 14 : 24}>
                <Flex vertical gap={16}>
                  {left.map((s) => (
                    <WorkSectionCard key={s.key} section={s} now={data.now} />
                  ))}
                </Flex>
              </Col>
            ) : null}
            {right.length ? (
              <Col xs={24} xl={left.length ? 10 : 24}>
                <Flex vertical gap={16}>
                  {right.map((s) => (
                    <WorkSectionCard key={s.key} section={s} now={data.now} />
                  ))}
                </Flex>
              </Col>
            ) : null}
          </Row>
        </>
      )}
    </div>
  );
}
