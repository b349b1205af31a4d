import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BonusRule } from '../bonus.api';
import { useBonusNames } from './BonusPickers';

/** How a bonus rule reads in a list: its window, its effect, and a tag per condition. */

export function useBonusText() {
  const { t } = useTranslation('loyalty');
  return {
    window: (r: Pick<BonusRule, 'validFrom' | 'validTo'>) =>
      r.validFrom && r.validTo
        ? t('bonus.range', { from: r.validFrom, to: r.validTo })
        : r.validFrom
          ? t('bonus.since', { date: r.validFrom })
          : r.validTo
            ? t('bonus.until', { date: r.validTo })
            : t('bonus.always'),
    effect: (e: BonusRule['effect']) =>
      e.kind === 'multiplier' ? t('bonus.effectText.multiplier', { percent: e.percent }) : t('bonus.effectText.fixed', { points: e.points.toLocaleString() }),
  };
}

export function BonusConditionTags({ conditions: c }: { conditions: BonusRule['conditions'] }) {
  const { t } = useTranslation('loyalty');
  const names = useBonusNames();
  const tags = [
    ...c.storeKinds.map((k) => ({ key: `k${k}`, color: 'blue', text: names.storeKind(k) })),
    ...c.storeIds.map((id) => ({ key: `u${id}`, color: 'blue', text: names.unit(id) })),
    ...c.categoryIds.map((id) => ({ key: `c${id}`, color: 'green', text: names.category(id) })),
    ...c.seriesIds.map((id) => ({ key: `s${id}`, color: 'cyan', text: names.series(id) })),
    ...(c.birthdayMonth ? [{ key: 'birthday', color: 'magenta', text: t('bonus.birthdayTag') }] : []),
    ...c.campaignIds.map((id) => ({ key: `a${id}`, color: 'orange', text: t('bonus.campaignTag', { id: id.slice(0, 8) }) })),
  ];
  if (!tags.length) return <Typography.Text type="secondary">{t('bonus.any')}</Typography.Text>;
  return (
    <Space size={[0, 4]} wrap>
      {tags.map((x) => (
        <Tag key={x.key} color={x.color}>
          {x.text}
        </Tag>
      ))}
    </Space>
  );
}
