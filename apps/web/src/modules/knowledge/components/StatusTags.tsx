import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** 草稿/已发布 and 仅内部/公开, as tags. */
export function StatusTags({ status, visibility }: { status: 'draft' | 'published'; visibility: 'internal' | 'public' }) {
  const { t } = useTranslation('knowledge');
  return (
    <>
      <Tag color={status === 'published' ? 'green' : 'default'} data-testid="article-status">
        {t(`status.${status}`)}
      </Tag>
      <Tag color={visibility === 'public' ? 'blue' : 'orange'} data-testid="article-visibility">
        {t(`visibility.${visibility}`)}
      </Tag>
    </>
  );
}
