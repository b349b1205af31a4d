import { useCallback, useRef, useState } from 'react';
import { Flex, Spin, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { type OpportunityRow, type PipelineFilters, useBoard, useOpportunitySettings } from '../api';
import { useOpportunityLabels } from '../labels';
import { useStageMover } from '../components/useStageMover';
import { BoardColumn } from './BoardColumn';

const PAGE = 20;

/** A drop target that closes an opportunity (赢单 / 输单). */
function CloseZone({ kind, stageKey, onDropCard, enabled }: { kind: 'won' | 'lost'; stageKey: string; onDropCard: (id: string, stageKey: string) => void; enabled: boolean }) {
  const { t } = useTranslation('opportunities');
  const [over, setOver] = useState(false);
  const color = kind === 'won' ? '#52c41a' : '#8c8c8c';
  return (
    <Flex
      align="center"
      justify="center"
      gap={8}
      style={{ flex: 1, minHeight: 64, border: `2px dashed ${color}`, borderRadius: 8, background: over ? `${color}22` : undefined, color }}
      onDragOver={(e) => {
        if (!enabled) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const id = e.dataTransfer.getData('text/plain');
        if (id) onDropCard(id, stageKey);
      }}
      data-testid={`board-drop-${kind}`}
    >
      {kind === 'won' ? <CheckCircleOutlined /> : <CloseCircleOutlined />}
      <Typography.Text style={{ color }}>{kind === 'won' ? t('board.dropWon') : t('board.dropLost')}</Typography.Text>
    </Flex>
  );
}

/** 商机看板: a column per open stage; drag a card to move it, or onto 赢单 / 输单 below to close it. */
export function KanbanBoard({ filters }: { filters: PipelineFilters }) {
  const canEdit = useCan('opportunities:edit');
  const board = useBoard(filters, PAGE);
  const settings = useOpportunitySettings();
  const { stages } = useOpportunityLabels();
  const mover = useStageMover();
  const extras = useRef(new Map<string, OpportunityRow[]>());
  const onExtra = useCallback((stageKey: string, cards: OpportunityRow[]) => {
    extras.current.set(stageKey, cards);
  }, []);
  const find = (id: string) =>
    board.data?.columns.flatMap((c) => c.cards).find((o) => o.id === id) ?? [...extras.current.values()].flat().find((o) => o.id === id);
  const onDropCard = (id: string, stageKey: string) => {
    const o = find(id);
    if (o) mover.request(o, stageKey);
  };
  if (board.isLoading || !board.data) return <Spin />;
  const won = stages.find((s) => s.kind === 'won');
  const lost = stages.find((s) => s.kind === 'lost');
  return (
    <Flex vertical gap={12}>
      <div style={{ overflowX: 'auto', paddingBottom: 8 }} data-testid="opportunity-board">
        <Flex gap={12} align="start">
          {board.data.columns.map((column) => (
            <BoardColumn
              key={column.stage.key}
              column={column}
              filters={filters}
              pageSize={PAGE}
              stages={stages}
              stalledDays={settings.data?.stalledDays ?? 14}
              canEdit={canEdit}
              onMove={mover.request}
              onDropCard={onDropCard}
              onExtra={onExtra}
            />
          ))}
        </Flex>
      </div>
      {canEdit && won && lost ? (
        <Flex gap={12}>
          <CloseZone kind="won" stageKey={won.key} onDropCard={onDropCard} enabled={canEdit} />
          <CloseZone kind="lost" stageKey={lost.key} onDropCard={onDropCard} enabled={canEdit} />
        </Flex>
      ) : null}
      {mover.element}
    </Flex>
  );
}
