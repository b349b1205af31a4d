import { DatePicker, Segmented, Space } from 'antd';
import { TARGET_PERIOD_KINDS, type TargetPeriodKind } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { kindOf, periodOf, periodStart } from '../period';

const FORMAT: Record<TargetPeriodKind, string> = { month: 'YYYY-MM', quarter: 'YYYY-[Q]Q', year: 'YYYY' };

/** Month, quarter or year, and which one. */
export function PeriodPicker({ value, onChange }: { value: string; onChange: (period: string) => void }) {
  const { t } = useTranslation('targets');
  const kind = kindOf(value);
  return (
    <Space wrap>
      <Segmented<TargetPeriodKind>
        value={kind}
        onChange={(k) => onChange(periodOf(k, periodStart(value)))}
        options={TARGET_PERIOD_KINDS.map((k) => ({ value: k, label: <span data-testid={`period-kind-${k}`}>{t(`period.kind.${k}`)}</span> }))}
      />
      <DatePicker
        picker={kind}
        value={periodStart(value)}
        format={FORMAT[kind]}
        allowClear={false}
        onChange={(d) => d && onChange(periodOf(kind, d))}
        data-testid="period-picker"
      />
    </Space>
  );
}
