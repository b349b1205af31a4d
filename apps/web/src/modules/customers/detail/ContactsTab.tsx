import { useState } from 'react';
import { App, Button, Empty, Flex, Popconfirm, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { useEnumLabel } from '../../../shared/i18n/enums';
import { useRemoveContact } from '../api/contacts';
import { PhoneList } from '../list/CustomerCells';
import type { Contact } from '../types';
import { ContactFormModal } from './ContactFormModal';

type ContactRow = Partial<Contact> & { id: string };

const ROLE_COLORS: Record<string, string> = { decisionMaker: 'red', influencer: 'orange', user: 'blue', purchaser: 'green' };

/** 联系人: the people around a company customer, their decision roles and reporting lines. */
export function ContactsTab({ customerId, contacts }: { customerId: string; contacts: ContactRow[] }) {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const label = useEnumLabel();
  const canEdit = useCan('customers:edit');
  const remove = useRemoveContact(customerId);
  const [editing, setEditing] = useState<ContactRow | null>(null);
  const [open, setOpen] = useState(false);
  const nameOf = new Map(contacts.map((c) => [c.id, c.name]));
  const f = (k: string) => t(`contactField.${k}`);

  return (
    <>
      {canEdit ? (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
            data-testid="contact-add"
          >
            {t('contacts.add')}
          </Button>
        </Flex>
      ) : null}
      <Table<ContactRow>
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={contacts}
        locale={{ emptyText: <Empty description={t('contacts.empty')} /> }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'name', title: f('name'), dataIndex: 'name' },
          { key: 'title', title: f('title'), dataIndex: 'title' },
          {
            key: 'decisionRole',
            title: f('decisionRole'),
            render: (_, c) => (c.decisionRole ? <Tag color={ROLE_COLORS[c.decisionRole]}>{label('decisionRole', c.decisionRole)}</Tag> : null),
          },
          { key: 'phones', title: f('phones'), render: (_, c) => <PhoneList phones={c.phones} /> },
          { key: 'email', title: f('email'), dataIndex: 'email' },
          { key: 'reportsTo', title: f('reportsToId'), render: (_, c) => (c.reportsToId ? (nameOf.get(c.reportsToId) ?? '') : '') },
          { key: 'notes', title: f('notes'), dataIndex: 'notes', ellipsis: true },
          ...(canEdit
            ? [
                {
                  key: 'actions',
                  title: t('common:action.more'),
                  render: (_: unknown, c: ContactRow) => (
                    <Space size={0}>
                      <Button
                        type="link"
                        size="small"
                        onClick={() => {
                          setEditing(c);
                          setOpen(true);
                        }}
                      >
                        {t('common:action.edit')}
                      </Button>
                      <Popconfirm
                        title={t('contacts.deleteTitle', { name: c.name ?? '' })}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove.mutateAsync(c.id).then(() => message.success(t('common:message.deleted')))}
                      >
                        <Button type="link" size="small" danger>
                          {t('common:action.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ContactFormModal customerId={customerId} open={open} contact={editing} others={contacts} onClose={() => setOpen(false)} />
    </>
  );
}
