import { Badge, Button, Card, Tabs, Tooltip } from 'antd';
import { ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { FOLLOWUP_UPCOMING_DAYS, type FollowupCountsDto } from '@jiake/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { PageHeader } from '../../../shared/components/PageHeader';
import { FOLLOWUPS_KEY, useFollowupCounts } from '../api/steps';
import { FollowupFilterBar } from '../worklist/FollowupFilterBar';
import { FollowupTable } from '../worklist/FollowupTable';
import { TABS, useWorkListParams } from '../worklist/useWorkListParams';

const BADGE_COLOR: Partial<Record<keyof FollowupCountsDto, string>> = { today: 'blue', overdue: 'red', upcoming: 'gold', unscheduled: '#8c8c8c' };

/** 售后跟进: the steps due today, overdue, in the next days, waiting for a date, and done — within the user's scope. */
export default function FollowupWorkListPage() {
  const { t } = useTranslation('followups');
  const qc = useQueryClient();
  const canAdmin = useCan('followups:admin');
  const { view, filters, limit, update } = useWorkListParams();
  const counts = useFollowupCounts(filters);
  const badge = (key: keyof FollowupCountsDto) => {
    const n = counts.data?.[key];
    if (n === undefined || key === 'cap') return null;
    return <Badge count={n} overflowCount={(counts.data?.cap ?? 999) - 1} showZero={false} color={BADGE_COLOR[key]} style={{ marginInlineStart: 6 }} data-testid={`followup-count-${key}`} />;
  };
  return (
    <>
      <PageHeader
        title={t('worklist.title')}
        subTitle={t('worklist.subtitle')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => qc.invalidateQueries({ queryKey: FOLLOWUPS_KEY })} data-testid="followup-refresh">
              {t('worklist.refresh')}
            </Button>
            {canAdmin ? (
              <Link to="/followups/templates">
                <Button icon={<SettingOutlined />}>{t('menu.templates')}</Button>
              </Link>
            ) : null}
          </>
        }
      />
      <Card>
        <FollowupFilterBar filters={filters} update={update} />
        <Tabs
          activeKey={view}
          onChange={(v) => update({ view: v as typeof view })}
          data-testid="followup-tabs"
          items={TABS.map((key) => ({
            key,
            label: (
              <span data-testid={`followup-tab-${key}`}>
                {key === 'upcoming' ? <Tooltip title={t('worklist.upcomingHint', { days: FOLLOWUP_UPCOMING_DAYS })}>{t(`tabs.${key}`)}</Tooltip> : t(`tabs.${key}`)}
                {key !== 'closed' && key !== 'all' ? badge(key) : null}
              </span>
            ),
          }))}
        />
        <FollowupTable view={view} filters={filters} limit={limit} onLimit={(l) => update({ limit: l })} />
      </Card>
    </>
  );
}
