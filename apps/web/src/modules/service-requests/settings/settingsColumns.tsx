import { App, Button, Popconfirm, Space, Switch } from 'antd';
import type { TableColumnType } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';

interface Row {
  id: string;
  enabled: boolean;
}

interface Ops<T> {
  onEdit: (row: T) => void;
  setEnabled: (id: string, enabled: boolean) => Promise<unknown>;
  remove: (id: string) => Promise<unknown>;
}

/** The 启用 switch and the 编辑/删除 column shared by the routing-rule and SLA-policy tables. */
export function useSettingsColumns<T extends Row>({ onEdit, setEnabled, remove }: Ops<T>): TableColumnType<T>[] {
  const { t } = useTranslation('requests');
  const { message } = App.useApp();
  const act = (p: Promise<unknown>) => p.then(() => message.success(t('common:message.saved'))).catch((e) => message.error(errorText(e)));
  return [
    {
      key: 'enabled',
      title: t('settings.enabled'),
      render: (_, r) => <Switch size="small" checked={r.enabled} onChange={(enabled) => act(setEnabled(r.id, enabled))} data-testid="row-enabled" />,
    },
    {
      key: 'actions',
      render: (_, r) => (
        <Space>
          <Button size="small" type="link" onClick={() => onEdit(r)} data-testid="row-edit">
            {t('common:action.edit')}
          </Button>
          <Popconfirm title={t('common:confirm.deleteTitle')} onConfirm={() => act(remove(r.id))}>
            <Button size="small" type="link" danger data-testid="row-delete">
              {t('common:action.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
}
