import { Button, Card } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { PageHeader } from '../../../shared/components/PageHeader';
import { OrderFilterBar } from '../list/OrderFilterBar';
import { OrderTable } from '../list/OrderTable';
import { useOrderListParams } from '../list/useOrderListParams';

export default function OrderListPage() {
  const { t } = useTranslation('orders');
  const navigate = useNavigate();
  const canCreate = useCan('orders:create');
  const { filters, limit, update, clear } = useOrderListParams();
  const filtered = Object.values(filters).some(Boolean);
  return (
    <>
      <PageHeader
        title={t('list.title')}
        extra={
          canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/orders/new')} data-testid="order-create">
              {t('list.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <OrderFilterBar filters={filters} update={update} clear={clear} />
        <OrderTable filters={filters} limit={limit} onLimitChange={(l) => update({ limit: l === 20 ? undefined : l })} emptyText={filtered ? t('list.empty') : t('list.emptyCreate')} />
      </Card>
    </>
  );
}
