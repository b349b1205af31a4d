import { Flex, Progress, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Progress against the target, with a mark where it should be by now (days gone / days in the period): ahead of the
 * mark in green, behind it in orange. Above 100 % the bar is full and the figure says how far.
 */
export function ProgressBar({ pct, expected, testId }: { pct: number | null; expected: number; testId?: string }) {
  const { t } = useTranslation('targets');
  if (pct === null) return <Typography.Text type="secondary">{t('common:state.none')}</Typography.Text>;
  const behind = pct < expected;
  return (
    <Flex align="center" gap={8} style={{ minWidth: 170 }} data-testid={testId}>
      <div style={{ position: 'relative', flex: 1 }}>
        <Progress percent={Math.min(pct, 100)} showInfo={false} size="small" strokeColor={behind ? '#fa8c16' : '#52c41a'} />
        <Tooltip title={t('expectedMark', { pct: expected })}>
          <div style={{ position: 'absolute', top: -2, bottom: -2, left: `${Math.min(expected, 100)}%`, width: 2, background: '#595959', borderRadius: 1 }} />
        </Tooltip>
      </div>
      <Typography.Text type={behind ? 'warning' : 'success'} style={{ minWidth: 52, textAlign: 'right' }}>
        {pct}%
      </Typography.Text>
    </Flex>
  );
}
