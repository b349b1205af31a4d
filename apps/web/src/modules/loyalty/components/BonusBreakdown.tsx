import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The rules an earn entry names: its base points and each bonus rule with its points (as they were at the award). */
export function hasBonusParts(breakdown: Record<string, unknown>[]): boolean {
  return breakdown.some((p) => p.rule === 'bonus');
}

export function BonusBreakdown({ breakdown }: { breakdown: Record<string, unknown>[] }) {
  const { t } = useTranslation('loyalty');
  const points = (p: Record<string, unknown>) => Number(p.points ?? 0).toLocaleString();
  return (
    <Space size={[0, 4]} wrap data-testid="entry-rules">
      {breakdown.map((p, i) =>
        p.rule === 'bonus' ? (
          <Tag key={String(p.ruleId ?? i)} color="gold">
            {t('bonus.breakdown.rule', { name: String(p.name ?? ''), points: points(p) })}
          </Tag>
        ) : p.rule === 'base' || String(p.rule).startsWith('store_kind:') ? (
          <Typography.Text key={`base${i}`} type="secondary" style={{ marginRight: 8 }}>
            {t('bonus.breakdown.base', { points: points(p) })}
          </Typography.Text>
        ) : null,
      )}
    </Space>
  );
}
