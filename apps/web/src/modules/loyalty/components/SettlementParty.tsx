import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SettlementPartyDto } from '@jiake/shared';

const COLOR: Record<SettlementPartyDto['kind'], string> = { hq: 'blue', franchise: 'purple', dealer: 'cyan' };

/** A settlement party: its name (the head office's for the company) and its kind. */
export function SettlementPartyLabel({ party }: { party: SettlementPartyDto }) {
  const { t } = useTranslation('loyalty');
  return (
    <span>
      <Tag color={COLOR[party.kind]}>{t(`settlement.party.${party.kind}`)}</Tag>
      {party.name ?? t('settlement.party.hq')}
    </span>
  );
}

/** A store of a pair, or "(no store)" for points without one. */
export function SettlementStore({ name }: { name: string | null }) {
  const { t } = useTranslation('loyalty');
  return name ? <>{name}</> : <Typography.Text type="secondary">{t('settlement.noStore')}</Typography.Text>;
}
