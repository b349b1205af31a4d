import { useState } from 'react';
import { Button, Card } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { PageHeader } from '../../../shared/components/PageHeader';
import { LeadFilterBar } from '../list/LeadFilterBar';
import { LeadTable } from '../list/LeadTable';
import { useLeadFilters } from '../list/useLeadFilters';
import { NewLeadModal } from '../form/NewLeadModal';

/** 线索: my leads, the unassigned queue (for those who assign) and all leads in scope, with filters and quick capture. */
export default function LeadListPage() {
  const { t } = useTranslation('leads');
  const navigate = useNavigate();
  const canCreate = useCan('leads:create');
  const { filters, limit, update } = useLeadFilters();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('list.title')}
        extra={
          canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="lead-create">
              {t('list.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <LeadFilterBar filters={filters} update={update} />
        <LeadTable filters={filters} limit={limit} onLimit={(n) => update({ limit: n })} />
      </Card>
      <NewLeadModal open={creating} onClose={() => setCreating(false)} onCreated={(l) => navigate(`/leads/${l.id}`)} />
    </>
  );
}
