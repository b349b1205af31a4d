import { Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format/date';
import type { OpportunityFull } from '../api';
import { useOpportunityLabels } from '../labels';

/** Every stage change, oldest first: from → to, when, by whom, and how long it stayed. */
export function StageHistory({ o }: { o: OpportunityFull }) {
  const { t } = useTranslation('opportunities');
  const { stageName } = useOpportunityLabels();
  if (!o.history.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid="stage-history"
      items={o.history.map((h) => ({
        key: h.id,
        content: (
          <div data-testid="stage-history-entry">
            <Typography.Text>
              {h.fromStageKey ? t('detail.movedTo', { from: stageName(h.fromStageKey), to: stageName(h.toStageKey) }) : t('detail.createdIn', { to: stageName(h.toStageKey) })}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(h.at)}
              {h.byName ? ` · ${t('detail.by', { name: h.byName })}` : ''}
              {h.days !== null ? ` · ${t('detail.lasted', { days: h.days })}` : ''}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}
