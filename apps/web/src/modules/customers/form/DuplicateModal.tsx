import { Button, List, Modal, Tag, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export interface DuplicateHit {
  customerId: string | null;
  name: string | null;
  reason: 'samePhone' | 'sameNameSimilarPhone' | 'sameName';
}

interface Props {
  hits: DuplicateHit[] | null;
  onCreateAnyway: () => void;
  onCancel: () => void;
  loading?: boolean;
}

/** The 409 duplicate_suspected warning: the likely duplicates (links to the visible ones), then 仍然创建 or 取消. */
export function DuplicateModal({ hits, onCreateAnyway, onCancel, loading }: Props) {
  const { t } = useTranslation('customers');
  return (
    <Modal
      open={!!hits}
      title={
        <>
          <WarningOutlined style={{ color: '#faad14', marginInlineEnd: 8 }} />
          {t('duplicate.title')}
        </>
      }
      onCancel={onCancel}
      footer={[
        <Button key="cancel" onClick={onCancel} data-testid="duplicate-cancel">
          {t('duplicate.cancel')}
        </Button>,
        <Button key="create" type="primary" danger loading={loading} onClick={onCreateAnyway} data-testid="duplicate-create-anyway">
          {t('duplicate.createAnyway')}
        </Button>,
      ]}
    >
      <Typography.Paragraph>{t('duplicate.intro')}</Typography.Paragraph>
      <List
        size="small"
        bordered
        dataSource={hits ?? []}
        data-testid="duplicate-list"
        renderItem={(h, i) => (
          <List.Item key={h.customerId ?? `hidden-${i}`}>
            {h.customerId ? (
              <Link to={`/customers/${h.customerId}`} target="_blank">
                {h.name ?? h.customerId}
              </Link>
            ) : (
              <Typography.Text type="secondary">{t('duplicate.otherStore')}</Typography.Text>
            )}
            <Tag color="orange">{t(`duplicate.reason.${h.reason}`)}</Tag>
          </List.Item>
        )}
      />
    </Modal>
  );
}
