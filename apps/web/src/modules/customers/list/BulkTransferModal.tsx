import { useState } from 'react';
import { Alert, App, Form, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { StoreSelect } from '../../org';
import { UserSelect } from '../../users';
import { useTransferCustomers } from '../api/customers';

type OwnerMode = 'keep' | 'to' | 'pool';

/** Give the selected customers a new owner (or the pool) and/or a new store. */
export function BulkTransferModal({ ids, open, onClose, onDone }: { ids: string[]; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const transfer = useTransferCustomers();
  const [ownerMode, setOwnerMode] = useState<OwnerMode>('to');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [storeMode, setStoreMode] = useState<'keep' | 'to'>('keep');
  const [storeId, setStoreId] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const body: { customerIds: string[]; ownerId?: string | null; storeId?: string } = { customerIds: ids };
    if (ownerMode === 'to' && ownerId) body.ownerId = ownerId;
    if (ownerMode === 'pool') body.ownerId = null;
    if (storeMode === 'to' && storeId) body.storeId = storeId;
    if (body.ownerId === undefined && body.storeId === undefined) {
      setError(t('transfer.needOne'));
      return;
    }
    setError(null);
    try {
      const res = await transfer.mutateAsync(body);
      message.success(t('transfer.done', { count: res.updated }));
      onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Modal
      open={open}
      title={t('transfer.title', { count: ids.length })}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={transfer.isPending}
      okText={t('transfer.action')}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form layout="vertical">
        <Form.Item label={t('transfer.owner')}>
          <Radio.Group
            value={ownerMode}
            onChange={(e) => setOwnerMode(e.target.value as OwnerMode)}
            options={[
              { value: 'keep', label: t('transfer.ownerKeep') },
              { value: 'to', label: t('transfer.ownerTo') },
              { value: 'pool', label: t('transfer.ownerPool') },
            ]}
          />
          {ownerMode === 'to' ? <UserSelect value={ownerId} onChange={setOwnerId} style={{ marginTop: 8 }} testId="transfer-owner" /> : null}
        </Form.Item>
        <Form.Item label={t('transfer.store')}>
          <Radio.Group
            value={storeMode}
            onChange={(e) => setStoreMode(e.target.value as 'keep' | 'to')}
            options={[
              { value: 'keep', label: t('transfer.storeKeep') },
              { value: 'to', label: t('transfer.storeTo') },
            ]}
          />
          {storeMode === 'to' ? <StoreSelect value={storeId} onChange={setStoreId} style={{ width: '100%', marginTop: 8 }} /> : null}
        </Form.Item>
      </Form>
    </Modal>
  );
}
