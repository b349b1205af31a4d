import { useState } from 'react';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/client';
import { type OpportunityRow, useMoveStage } from '../api';
import { useOpportunityLabels } from '../labels';
import { LossReasonModal, type LossValues } from './LossReasonModal';

type Movable = Pick<OpportunityRow, 'id' | 'name' | 'stageKey' | 'status' | 'version'>;

/**
 * Moving an opportunity to a stage, from the board or the detail page: 赢单 asks for confirmation, 输单 asks for the
 * loss reason, a won or lost one is reopened explicitly. A stale version (someone moved it meanwhile) says so and
 * refreshes what is shown. Render `element` once where the hook is used.
 */
export function useStageMover() {
  const { t } = useTranslation('opportunities');
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const move = useMoveStage();
  const { stages, stageName, problem } = useOpportunityLabels();
  const [losing, setLosing] = useState<Movable | null>(null);

  const failed = (e: unknown) => {
    message.error(problem(e));
    if (isApiError(e) && e.code === 'conflict') void qc.invalidateQueries({ queryKey: ['opportunities'] });
  };
  const run = async (o: Movable, body: { stageKey: string; reopen?: boolean; lossReason?: string; lossNote?: string | null }) => {
    const r = await move.mutateAsync({ id: o.id, body: { ...body, version: o.version } });
    message.success(r.status === 'won' ? t('board.wonDone') : t('board.moved', { stage: stageName(r.stageKey) }));
    return r;
  };

  const request = (o: Movable, stageKey: string) => {
    const target = stages.find((s) => s.key === stageKey);
    if (!target || target.key === o.stageKey) return;
    if (target.kind === 'lost') {
      setLosing(o);
      return;
    }
    if (target.kind === 'won') {
      modal.confirm({ title: t('board.wonConfirm', { name: o.name }), onOk: () => run(o, { stageKey }).catch(failed) });
      return;
    }
    if (o.status !== 'open') {
      modal.confirm({ title: t('reopen.title'), content: `${t('reopen.stage')}${t('common:colon')}${target.name}`, okText: t('reopen.ok'), onOk: () => run(o, { stageKey, reopen: true }).catch(failed) });
      return;
    }
    void run(o, { stageKey }).catch(failed);
  };

  const lost = stages.find((s) => s.kind === 'lost');
  const element = (
    <LossReasonModal
      open={!!losing}
      saving={move.isPending}
      onClose={() => setLosing(null)}
      onSubmit={async (v: LossValues) => {
        if (!losing || !lost) return false;
        try {
          await run(losing, { stageKey: lost.key, lossReason: v.lossReason, lossNote: v.lossNote?.trim() ? v.lossNote : null });
        } catch (e) {
          if (isApiError(e) && e.code === 'conflict') {
            failed(e);
            return;
          }
          throw e;
        }
      }}
    />
  );
  return { request, element, pending: move.isPending };
}
