import { useState } from 'react';
import { Button, type ButtonProps, Drawer } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import type { HistoryEntityType } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { useRecordHistory } from '../api';
import { HistoryTimeline } from './HistoryTimeline';

interface Props {
  entityType: HistoryEntityType;
  id: string;
  /** The record's name, for the drawer's title. */
  name?: string;
  /** How the 历史记录 button looks where it stands: a link in a table row (default), a plain button in a card. */
  type?: ButtonProps['type'];
  size?: ButtonProps['size'];
}

/** 历史记录: a button that opens the record's history (who changed what and when) in a drawer. */
export function RecordHistory({ entityType, id, name, type = 'link', size = 'small' }: Props) {
  const { t } = useTranslation('audit');
  const [open, setOpen] = useState(false);
  const { data, isLoading } = useRecordHistory(entityType, id, open);
  return (
    <>
      <Button type={type} size={size} icon={<HistoryOutlined />} onClick={() => setOpen(true)} data-testid={`history-${entityType}`}>
        {t('history.button')}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        size={560}
        title={name ? t('history.titleOf', { name, entity: t(`entity.${entityType}`) }) : t('history.title')}
        destroyOnHidden
      >
        <HistoryTimeline rows={data} loading={isLoading} entityType={entityType} testId="record-history" />
      </Drawer>
    </>
  );
}
