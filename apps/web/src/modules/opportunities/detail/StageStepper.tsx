import { Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OpportunityFull, Stage } from '../api';

interface Props {
  o: OpportunityFull;
  stages: Stage[];
  canEdit: boolean;
  onMove: (stageKey: string) => void;
}

/**
 * The stages as steps: the current one highlighted, each with the days spent in it; a click moves the opportunity
 * there (赢单 asks to confirm, 输单 asks for the reason, a closed one is reopened explicitly).
 */
export function StageStepper({ o, stages, canEdit, onMove }: Props) {
  const { t } = useTranslation('opportunities');
  const days = new Map(o.daysInStages.map((d) => [d.stageKey, d.days]));
  const open = stages.filter((s) => s.kind === 'open' && (s.enabled || s.key === o.stageKey || days.has(s.key)));
  const end = stages.find((s) => s.kind === (o.status === 'lost' ? 'lost' : 'won'));
  const items = [...open, ...(end ? [end] : [])];
  const current = items.findIndex((s) => s.key === o.stageKey);
  return (
    <Steps
      size="small"
      current={current}
      status={o.status === 'lost' ? 'error' : o.status === 'won' ? 'finish' : 'process'}
      onChange={canEdit ? (i) => items[i] && items[i].key !== o.stageKey && items[i].enabled && onMove(items[i].key) : undefined}
      data-testid="stage-stepper"
      items={items.map((s) => ({
        title: (
          <span data-testid={`stage-button-${s.key}`} data-current={s.key === o.stageKey ? 'true' : undefined}>
            {s.name}
          </span>
        ),
        description: (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`stage-days-${s.key}`}>
            {s.probability}%{days.has(s.key) ? ` · ${t('detail.inStage', { days: days.get(s.key) })}` : ''}
          </Typography.Text>
        ),
        disabled: !canEdit || !s.enabled,
      }))}
    />
  );
}
