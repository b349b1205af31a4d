import { useState } from 'react';
import { Button, Card } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { PageHeader } from '../../../shared/components/PageHeader';
import { RequestFilterBar } from '../list/RequestFilterBar';
import { RequestTable } from '../list/RequestTable';
import { useRequestFilters } from '../list/useRequestFilters';
import { NewRequestModal } from '../form/NewRequestModal';

export default function RequestListPage() {
  const { t } = useTranslation('requests');
  const navigate = useNavigate();
  const canCreate = useCan('requests:create');
  const { filters, limit, update, clear } = useRequestFilters();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('list.title')}
        extra={
          canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="request-create">
              {t('list.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <RequestFilterBar filters={filters} update={update} clear={clear} />
        <RequestTable filters={filters} limit={limit} onLimit={(n) => update({ limit: n })} />
      </Card>
      <NewRequestModal open={creating} onClose={() => setCreating(false)} onCreated={(r) => navigate(`/requests/${r.id}`)} />
    </>
  );
}
