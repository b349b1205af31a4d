import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = { open: 'processing', won: 'success', lost: 'default' };

/** 进行中 / 赢单 / 输单. */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation('opportunities');
  return (
    <Tag color={COLORS[status]} data-testid="opportunity-status">
      {t(`status.${status}`, { defaultValue: status })}
    </Tag>
  );
}
