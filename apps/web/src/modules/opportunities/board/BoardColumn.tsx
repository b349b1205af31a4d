import { useEffect, useState } from 'react';
import { Button, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../../shared/api/client';
import { formatMoney } from '../../../shared/format/money';
import type { Board, OpportunityRow, PipelineFilters, Stage } from '../api';
import { OpportunityCard } from './OpportunityCard';

type Column = Board['columns'][number];

interface Props {
  column: Column;
  filters: PipelineFilters;
  pageSize: number;
  stages: Stage[];
  stalledDays: number;
  canEdit: boolean;
  onMove: (o: OpportunityRow, stageKey: string) => void;
  /** A card was dropped here: its id. */
  onDropCard: (id: string, stageKey: string) => void;
  /** Cards loaded by 加载更多 (the board looks dropped cards up among them too). */
  onExtra: (stageKey: string, cards: OpportunityRow[]) => void;
}

/** One stage: count, amount and weighted amount of its open opportunities, its cards, and 加载更多 for the next page. */
export function BoardColumn({ column, filters, pageSize, stages, stalledDays, canEdit, onMove, onDropCard, onExtra }: Props) {
  const { t } = useTranslation('opportunities');
  const key = column.stage.key;
  const [extra, setExtra] = useState<OpportunityRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(column.nextCursor);
  const [loading, setLoading] = useState(false);
  const [over, setOver] = useState(false);
  // A fresh board (filters changed, a card moved) starts the column over.
  useEffect(() => {
    setExtra([]);
    setCursor(column.nextCursor);
    onExtra(key, []);
  }, [column, key, onExtra]);

  const more = async () => {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await api.get<Page<OpportunityRow>>('/opportunities', { ...filters, stageKey: key, status: 'open', sort: 'stageEntered', limit: pageSize, cursor });
      const next = [...extra, ...page.items];
      setExtra(next);
      setCursor(page.nextCursor);
      onExtra(key, next);
    } finally {
      setLoading(false);
    }
  };
  const cards = [...column.cards, ...extra];
  return (
    <Flex
      vertical
      gap={8}
      style={{ width: 272, minWidth: 272, background: over ? '#e6f4ff' : '#f5f5f5', borderRadius: 8, padding: 8, transition: 'background 0.15s' }}
      onDragOver={(e) => {
        if (!canEdit || !column.stage.enabled) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const id = e.dataTransfer.getData('text/plain');
        if (id) onDropCard(id, key);
      }}
      data-testid={`board-column-${key}`}
    >
      <Flex vertical>
        <Flex justify="space-between" align="baseline">
          <Typography.Text strong>
            {column.stage.name} <Typography.Text type="secondary">{column.stage.probability}%</Typography.Text>
            {column.stage.enabled ? null : <Tag style={{ marginInlineStart: 6 }}>{t('board.disabled')}</Tag>}
          </Typography.Text>
          <Typography.Text type="secondary" data-testid={`board-column-count-${key}`}>
            {t('board.count', { count: column.count })}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`board-column-amount-${key}`}>
          {t('board.amount', { amount: formatMoney(column.amountFen) })} · {t('board.weighted', { amount: formatMoney(column.weightedFen) })}
        </Typography.Text>
      </Flex>
      {cards.length ? (
        cards.map((o) => <OpportunityCard key={o.id} o={o} stages={stages} stalledDays={stalledDays} canEdit={canEdit} onMove={onMove} />)
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.empty')} />
      )}
      {cursor ? (
        <Button type="dashed" loading={loading} onClick={more} data-testid={`board-column-more-${key}`}>
          {t('board.more')}
        </Button>
      ) : null}
    </Flex>
  );
}
