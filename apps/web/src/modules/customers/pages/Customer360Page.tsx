import { useState } from 'react';
import { Button, Card, Flex, Spin, Tabs } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useCan, useFieldAccess } from '../../../shared/auth/access';
import { NotFoundResult } from '../../../shared/components/NotFoundResult';
import { useCustomer } from '../api/customers';
import { AttachmentsTab } from '../detail/AttachmentsTab';
import { ContactsTab } from '../detail/ContactsTab';
import { CustomerHeader } from '../detail/CustomerHeader';
import { HomeProfileTab } from '../detail/HomeProfileTab';
import { ProfileTab } from '../detail/ProfileTab';
import { TimelineTab } from '../detail/TimelineTab';
import { CustomerFormDrawer } from '../form/CustomerFormDrawer';
import { CustomerOrdersTab } from '../../orders';
import { CustomerSalesTab } from '../../sales-activities';

/** The customer 360° view: header card and tabs for profile, home profile, contacts, timeline and attachments. */
export default function Customer360Page() {
  const { t } = useTranslation('customers');
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const { data: customer, isLoading, isError } = useCustomer(id);
  const canAttachments = useCan('attachments:view');
  const canOrders = useCan('orders:view');
  const canSales = useCan('activities:view');
  const access = useFieldAccess('customer');
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState('profile');

  if (isLoading) {
    return (
      <Flex justify="center" style={{ padding: 64 }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (isError || !customer) {
    return <NotFoundResult title={t('detail.notFound')} backTo="/customers" backText={t('detail.backToList')} />;
  }

  const items = [
    { key: 'profile', label: t('detail.tabs.profile'), children: <ProfileTab customer={customer} /> },
    ...(access('homeProfile') !== 'hidden' ? [{ key: 'home', label: t('detail.tabs.home'), children: <HomeProfileTab customer={customer} /> }] : []),
    {
      key: 'contacts',
      label: `${t('detail.tabs.contacts')}${customer.contacts?.length ? ` (${customer.contacts.length})` : ''}`,
      children: <ContactsTab customerId={customer.id} contacts={customer.contacts ?? []} />,
    },
    ...(canOrders ? [{ key: 'orders', label: t('orders:customerTab.title'), children: <CustomerOrdersTab customerId={customer.id} /> }] : []),
    ...(canSales ? [{ key: 'sales', label: t('activities:customerTab.title'), children: <CustomerSalesTab customerId={customer.id} /> }] : []),
    { key: 'timeline', label: t('detail.tabs.timeline'), children: <TimelineTab customerId={customer.id} /> },
    ...(canAttachments ? [{ key: 'attachments', label: t('detail.tabs.attachments'), children: <AttachmentsTab customerId={customer.id} /> }] : []),
  ];

  return (
    <>
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={() => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/customers'))}
        style={{ paddingInline: 0, marginBottom: 8 }}
      >
        {t('common:action.back')}
      </Button>
      <CustomerHeader customer={customer} onEdit={() => setEditing(true)} />
      <Card>
        <Tabs activeKey={tab} onChange={setTab} items={items} destroyOnHidden data-testid="customer-tabs" />
      </Card>
      <CustomerFormDrawer open={editing} customer={customer} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
    </>
  );
}
