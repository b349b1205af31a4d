import { App, Button, Card, Descriptions, Flex, Input, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, EyeInvisibleOutlined, EyeOutlined, RollbackOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../../shared/api/errors';
import { useCan, useFieldAccess } from '../../../shared/auth/access';
import { useKeyedState } from '../../../shared/hooks/useKeyedState';
import { useEnumLabel } from '../../../shared/i18n/enums';
import { useDeleteCustomer, useRevealPhones } from '../api/customers';
import { useClaimCustomer, useReleaseCustomer } from '../api/pool';
import { ListStatusTag, PhoneList, TagList } from '../list/CustomerCells';
import type { Customer } from '../types';

/** Name, code, type, tags, store, owner, list status and phones, with the record's actions. */
export function CustomerHeader({ customer, onEdit }: { customer: Customer; onEdit: () => void }) {
  const { t } = useTranslation('customers');
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const label = useEnumLabel();
  const access = useFieldAccess('customer');
  const canEdit = useCan('customers:edit');
  const canDelete = useCan('customers:delete');
  const canReveal = useCan('customers:reveal');
  const canPool = useCan('customers:pool');
  const reveal = useRevealPhones();
  const release = useReleaseCustomer();
  const claim = useClaimCustomer();
  const remove = useDeleteCustomer();
  // Shown numbers belong to the phones they were revealed for; a change hides them again.
  const [fullPhones, setFullPhones] = useKeyedState<string[] | null>(null, JSON.stringify(customer.phones ?? []));
  const inPool = access('ownerId') !== 'hidden' && !customer.ownerId;

  const showPhones = () =>
    reveal.mutate(customer.id, {
      onSuccess: (r) => {
        setFullPhones(r.phones);
        message.info(t('detail.revealedHint'));
      },
    });

  const confirmRelease = () => {
    let reason = '';
    modal.confirm({
      title: t('detail.releaseTitle', { name: customer.name ?? '' }),
      content: <Input.TextArea rows={2} maxLength={300} placeholder={t('detail.releaseReason')} onChange={(e) => (reason = e.target.value)} />,
      onOk: async () => {
        try {
          await release.mutateAsync({ id: customer.id, reason: reason.trim() || undefined });
          message.success(t('detail.released'));
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  };

  const confirmDelete = () =>
    modal.confirm({
      title: t('detail.deleteTitle', { name: customer.name ?? '' }),
      content: t('detail.deleteContent'),
      okButtonProps: { danger: true },
      okText: t('common:action.delete'),
      onOk: async () => {
        try {
          await remove.mutateAsync(customer.id);
          message.success(t('detail.deleted'));
          navigate('/customers', { replace: true });
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });

  return (
    <Card style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="flex-start" wrap gap={16}>
        <Flex vertical gap={8}>
          <Space align="center" wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-name">
              {customer.name}
            </Typography.Title>
            {customer.kind ? <Tag color="blue">{label('kind', customer.kind)}</Tag> : null}
            <ListStatusTag status={customer.listStatus} />
            {inPool ? <Tag color="purple">{t('detail.noOwner')}</Tag> : null}
          </Space>
          <TagList tags={customer.tags} />
        </Flex>
        <Space wrap>
          {canEdit ? (
            <Button type="primary" icon={<EditOutlined />} onClick={onEdit} data-testid="customer-edit">
              {t('common:action.edit')}
            </Button>
          ) : null}
          {inPool && canPool ? (
            <Button
              icon={<UserAddOutlined />}
              loading={claim.isPending}
              onClick={() => claim.mutate(customer.id, { onSuccess: () => message.success(t('detail.claimed')) })}
              data-testid="customer-claim"
            >
              {t('detail.claim')}
            </Button>
          ) : null}
          {!inPool && canEdit && access('ownerId') !== 'hidden' ? (
            <Button icon={<RollbackOutlined />} onClick={confirmRelease} data-testid="customer-release">
              {t('detail.release')}
            </Button>
          ) : null}
          {canDelete ? (
            <Button danger icon={<DeleteOutlined />} onClick={confirmDelete} data-testid="customer-delete">
              {t('common:action.delete')}
            </Button>
          ) : null}
        </Space>
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        style={{ marginTop: 16 }}
        items={[
          { key: 'code', label: t('field.code'), children: customer.code },
          ...(access('storeId') !== 'hidden'
            ? [{ key: 'store', label: t('field.store'), children: customer.storeName ?? t('common:state.none') }]
            : []),
          ...(access('ownerId') !== 'hidden'
            ? [{ key: 'owner', label: t('field.ownerName'), children: customer.ownerName ?? t('detail.noOwner') }]
            : []),
          ...(access('phones') !== 'hidden'
            ? [
                {
                  key: 'phones',
                  label: t('field.phones'),
                  children: (
                    <Space wrap data-testid="customer-phones">
                      <PhoneList phones={fullPhones ?? customer.phones} />
                      {canReveal && customer.phones?.some((p) => p.includes('*')) ? (
                        fullPhones ? (
                          <Button size="small" type="link" icon={<EyeInvisibleOutlined />} onClick={() => setFullPhones(null)}>
                            {t('detail.hidePhones')}
                          </Button>
                        ) : (
                          <Button
                            size="small"
                            type="link"
                            icon={<EyeOutlined />}
                            loading={reveal.isPending}
                            onClick={showPhones}
                            data-testid="reveal-phones"
                          >
                            {t('detail.revealPhones')}
                          </Button>
                        )
                      ) : null}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
