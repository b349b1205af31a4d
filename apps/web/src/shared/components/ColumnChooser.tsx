import { Button, Checkbox, Flex, Popover } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

interface Props {
  columns: { key: string; label: string }[];
  value: string[];
  onChange: (keys: string[]) => void;
  defaultValue: string[];
}

/** Choose which table columns show; the caller persists the choice. */
export function ColumnChooser({ columns, value, onChange, defaultValue }: Props) {
  const { t } = useTranslation();
  const content = (
    <Flex vertical gap={8} style={{ maxHeight: 360, overflowY: 'auto', minWidth: 160 }}>
      <Checkbox.Group
        value={value}
        onChange={(v) => onChange(columns.map((c) => c.key).filter((k) => (v as string[]).includes(k)))}
        style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
        options={columns.map((c) => ({ value: c.key, label: c.label }))}
      />
      <Button size="small" onClick={() => onChange(defaultValue)}>
        {t('common:column.reset')}
      </Button>
    </Flex>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight" title={t('common:column.chooser')}>
      <Button icon={<SettingOutlined />} data-testid="column-chooser">
        {t('common:column.chooser')}
      </Button>
    </Popover>
  );
}
