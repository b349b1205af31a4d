import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEnumLabel } from '../../../shared/i18n/enums';

/** Tags as small chips. */
export function TagList({ tags }: { tags?: string[] | null }) {
  if (!tags?.length) return null;
  return (
    <Space size={[0, 4]} wrap>
      {tags.map((tag) => (
        <Tag key={tag} color="orange">
          {tag}
        </Tag>
      ))}
    </Space>
  );
}

/** 黑名单 in red, 白名单 in green, nothing for ordinary customers. */
export function ListStatusTag({ status }: { status?: string | null }) {
  const label = useEnumLabel();
  if (!status || status === 'none') return null;
  return <Tag color={status === 'black' ? 'red' : 'green'}>{label('listStatus', status)}</Tag>;
}

/** Phone numbers as the server sent them (masked for most roles). */
export function PhoneList({ phones }: { phones?: string[] | null }) {
  const { t } = useTranslation();
  if (!phones?.length) return <Typography.Text type="secondary">{t('common:state.none')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      {phones.map((p) => (
        <Typography.Text key={p} copyable={!p.includes('*') ? { text: p } : false} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {p}
        </Typography.Text>
      ))}
    </Space>
  );
}
