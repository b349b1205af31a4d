import { Card, Dropdown, Flex, Tag, Typography } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import type { OpportunityRow, Stage } from '../api';

interface Props {
  o: OpportunityRow;
  stages: Stage[];
  stalledDays: number;
  canEdit: boolean;
  onMove: (o: OpportunityRow, stageKey: string) => void;
}

/** One card on the board: drag it to another column (or use 移至… for the keyboard and small screens). */
export function OpportunityCard({ o, stages, stalledDays, canEdit, onMove }: Props) {
  const { t } = useTranslation('opportunities');
  const targets = stages.filter((s) => s.enabled && s.key !== o.stageKey);
  return (
    <Card
      size="small"
      draggable={canEdit}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', o.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      style={{ cursor: canEdit ? 'grab' : 'default' }}
      data-testid={`board-card-${o.id}`}
      data-stage={o.stageKey}
    >
      <Flex vertical gap={4}>
        <Flex justify="space-between" align="start" gap={8}>
          <Link to={`/opportunities/${o.id}`} data-testid="board-card-link">
            <Typography.Text strong>{o.name}</Typography.Text>
          </Link>
          {canEdit ? (
            <Dropdown
              trigger={['click']}
              menu={{ items: targets.map((s) => ({ key: s.key, label: <span data-testid={`card-move-to-${s.key}`}>{s.name}</span> })), onClick: ({ key }) => onMove(o, key) }}
            >
              <SwapOutlined aria-label={t('board.moveTo')} title={t('board.moveTo')} data-testid={`card-move-${o.id}`} />
            </Dropdown>
          ) : null}
        </Flex>
        <Typography.Text type="secondary">{o.customerName ?? ''}</Typography.Text>
        <Flex justify="space-between" wrap gap={4}>
          <Typography.Text data-testid="board-card-amount">{formatMoney(o.amountFen)}</Typography.Text>
          <Typography.Text type="secondary">{o.ownerName ?? t('common.unassigned')}</Typography.Text>
        </Flex>
        <Flex gap={4} wrap>
          {o.expectedCloseDate ? <Tag>{t('board.expected', { date: formatDate(o.expectedCloseDate) })}</Tag> : null}
          {o.idleDays >= stalledDays ? (
            <Tag color="warning" data-testid="board-card-stalled">
              {t('board.stalledTag', { days: o.idleDays })}
            </Tag>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}
