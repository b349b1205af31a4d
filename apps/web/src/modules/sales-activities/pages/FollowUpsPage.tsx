import { Badge, Button, Card, Empty, Flex, Segmented, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { NEXT_STEP_VIEWS, type NextStepCountsDto, type NextStepItemDto, type NextStepView } from '@jiake/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { useCurrentUser } from '../../../shared/auth/me';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { PageHeader } from '../../../shared/components/PageHeader';
import { formatDateTime } from '../../../shared/format/date';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { useUrlFilters } from '../../../shared/hooks/useUrlFilters';
import { StoreSelect } from '../../org';
import { UserSelect } from '../../users';
import { ACTIVITIES_KEY, type PlanFilters, useNextStepCounts, useNextSteps } from '../api';
import { NextStepActions } from '../components/NextStepActions';
import { KIND_COLOR } from '../components/KindIcon';
import { useActivityLabels } from '../labels';

const BADGE_COLOR: Record<NextStepView, string> = { today: 'blue', overdue: 'red', upcoming: 'gold', done: '#8c8c8c' };

/** The plan's tab and filters live in the URL (/follow-ups?view=overdue&owner=all), so a view can be shared. */
function usePlanParams() {
  const { filters, limit, update, params } = useUrlFilters<PlanFilters & Record<string, string | undefined>>(['owner', 'storeId']);
  const v = params.get('view');
  const view: NextStepView = v && (NEXT_STEP_VIEWS as readonly string[]).includes(v) ? (v as NextStepView) : 'today';
  return { view, filters: filters as PlanFilters, limit, update };
}

/** 我的 / 全部 / one person, and a store: for staff whose scope reaches beyond their own records. */
function PlanFilterBar({ filters, update }: { filters: PlanFilters; update: (p: Record<string, string | undefined>) => void }) {
  const { t } = useTranslation('activities');
  const canStores = useCan('org:view');
  const owner = filters.owner ?? 'me';
  const mode = owner === 'me' || owner === 'all' ? owner : 'user';
  return (
    <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }} data-testid="plan-filters">
      <Segmented
        value={mode}
        onChange={(v) => update({ owner: v === 'me' ? undefined : v === 'all' ? 'all' : owner === 'me' || owner === 'all' ? 'all' : owner })}
        options={[
          { value: 'me', label: t('plan.owner.me') },
          { value: 'all', label: t('plan.owner.all') },
        ]}
        data-testid="plan-owner-mode"
      />
      <UserSelect
        value={mode === 'user' ? owner : null}
        onChange={(v) => update({ owner: v ?? undefined })}
        placeholder={t('plan.ownerPlaceholder')}
        style={{ width: 200 }}
        testId="plan-owner"
      />
      {canStores ? <StoreSelect value={filters.storeId} onChange={(v) => update({ storeId: v })} placeholder={t('plan.store')} style={{ width: 200 }} testId="plan-store" /> : null}
    </Flex>
  );
}

function PlanTable({ view, filters, limit, onLimit }: { view: NextStepView; filters: PlanFilters; limit: number; onLimit: (l: number) => void }) {
  const { t } = useTranslation('activities');
  const { label, outcome } = useActivityLabels();
  const canEdit = useCan('activities:edit');
  const pager = useCursorStack(JSON.stringify({ view, filters, limit }));
  const { data, isFetching } = useNextSteps({ ...filters, view, limit, cursor: pager.cursor });
  const done = view === 'done';
  const columns: TableColumnType<NextStepItemDto>[] = [
    {
      key: 'due',
      title: done ? t('plan.column.doneAt') : t('plan.column.due'),
      width: 170,
      render: (_, s) =>
        done ? (
          formatDateTime(s.nextStep.doneAt)
        ) : (
          <Flex gap={6} align="center">
            <Typography.Text type={s.nextStep.overdue ? 'danger' : undefined}>{formatDateTime(s.nextStep.dueAt)}</Typography.Text>
            {s.nextStep.overdue ? <Tag color="red">{t('timeline.overdue')}</Tag> : null}
          </Flex>
        ),
    },
    { key: 'step', title: t('plan.column.step'), render: (_, s) => <Typography.Text strong>{s.nextStep.text}</Typography.Text> },
    {
      key: 'subject',
      title: t('plan.column.subject'),
      render: (_, s) => (
        <Flex vertical>
          <Link to={s.subjectLink} data-testid="plan-subject-link">
            {s.subjectName ?? label('subjectType', s.subjectType)}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {label('subjectType', s.subjectType)}
            {s.storeName ? ` · ${s.storeName}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'kind',
      title: t('plan.column.kind'),
      render: (_, s) => (
        <Flex gap={4} wrap>
          <Tag color={KIND_COLOR[s.kind]}>{label('kind', s.kind)}</Tag>
          {s.outcome ? <Tag>{outcome(s.kind, s.outcome)}</Tag> : null}
        </Flex>
      ),
    },
    { key: 'owner', title: t('plan.column.owner'), render: (_, s) => s.ownerName ?? t('timeline.noOwner') },
    ...(done
      ? []
      : [{ key: 'actions', title: t('plan.column.actions'), render: (_: unknown, s: NextStepItemDto) => (canEdit && s.editable ? <NextStepActions activityId={s.activityId} step={s.nextStep} /> : null) }]),
  ];
  return (
    <>
      <div data-testid="plan-table">
        <Table<NextStepItemDto>
          rowKey="activityId"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t(`plan.empty.${view}`)} /> }}
        />
      </div>
      <KeysetPager cursors={pager} nextCursor={data?.nextCursor} pageSize={limit} onPageSizeChange={onLimit} loading={isFetching} sizes={[20, 50, 100]} />
    </>
  );
}

/** 跟进计划 (LEAD-6): my next steps due today, overdue, later and done; managers can look at their people's and stores'. */
export default function FollowUpsPage() {
  const { t } = useTranslation('activities');
  const qc = useQueryClient();
  const me = useCurrentUser();
  const { view, filters, limit, update } = usePlanParams();
  const counts = useNextStepCounts(filters);
  const badge = (key: keyof NextStepCountsDto & NextStepView) => {
    const n = counts.data?.[key];
    if (n === undefined) return null;
    return <Badge count={n} overflowCount={(counts.data?.cap ?? 999) - 1} showZero={false} color={BADGE_COLOR[key]} style={{ marginInlineStart: 6 }} data-testid={`plan-count-${key}`} />;
  };
  return (
    <>
      <PageHeader
        title={t('plan.title')}
        subTitle={t('plan.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => qc.invalidateQueries({ queryKey: ACTIVITIES_KEY })} data-testid="plan-refresh">
            {t('plan.refresh')}
          </Button>
        }
      />
      <Card>
        {me && me.dataScope !== 'own' ? <PlanFilterBar filters={filters} update={update} /> : null}
        <Tabs
          activeKey={view}
          onChange={(v) => update({ view: v })}
          items={NEXT_STEP_VIEWS.map((key) => ({
            key,
            label: (
              <span data-testid={`plan-tab-${key}`}>
                {t(`plan.tabs.${key}`)}
                {key !== 'done' ? badge(key) : null}
              </span>
            ),
          }))}
        />
        <PlanTable view={view} filters={filters} limit={limit} onLimit={(l) => update({ limit: String(l) })} />
      </Card>
    </>
  );
}
