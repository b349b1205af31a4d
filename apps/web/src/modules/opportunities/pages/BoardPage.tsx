import { useState } from 'react';
import { Button, Card, Segmented } from 'antd';
import { AppstoreOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { PageHeader } from '../../../shared/components/PageHeader';
import { KanbanBoard } from '../board/KanbanBoard';
import { FilterBar } from '../list/FilterBar';
import { OpportunityTable } from '../list/OpportunityTable';
import { useOpportunityFilters } from '../list/useOpportunityFilters';
import { OpportunityFormModal } from '../components/OpportunityFormModal';

/** 商机看板 (LEAD-4): the board by stage, or the list; filters by owner, store, expected close, stalled, name. */
export default function BoardPage() {
  const { t } = useTranslation('opportunities');
  const navigate = useNavigate();
  const canEdit = useCan('opportunities:edit');
  const state = useOpportunityFilters();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('board.title')}
        extra={
          <>
            <Segmented
              value={state.view}
              onChange={(view) => state.update({ view: view === 'list' ? 'list' : undefined })}
              options={[
                { value: 'board', label: t('board.viewBoard'), icon: <AppstoreOutlined /> },
                { value: 'list', label: t('board.viewList'), icon: <UnorderedListOutlined /> },
              ]}
              data-testid="board-view"
            />
            {canEdit ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="opportunity-create">
                {t('board.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <FilterBar state={state} />
        {state.view === 'list' ? (
          <OpportunityTable filters={state.list} limit={state.limit} onLimit={(limit) => state.update({ limit })} />
        ) : (
          <KanbanBoard filters={state.pipeline} />
        )}
      </Card>
      <OpportunityFormModal open={creating} onClose={() => setCreating(false)} onCreated={(o) => navigate(`/opportunities/${o.id}`)} />
    </>
  );
}
