import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format/date';
import type { ArticleDto } from '../api';
import { Markdown } from '../markdown/Markdown';
import { StatusTags } from './StatusTags';

/** An article as read: its summary, tags, state and the rendered body. */
export function ArticleBody({ article, categoryPath }: { article: ArticleDto; categoryPath?: string }) {
  const { t } = useTranslation('knowledge');
  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <StatusTags status={article.status} visibility={article.visibility} />
        {categoryPath ? <Typography.Text type="secondary">{categoryPath}</Typography.Text> : null}
        {article.tags.map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 12 }}>
        {t('view.meta', { version: article.version, name: article.updatedByName ?? '—', at: formatDateTime(article.updatedAt) })}
      </Typography.Text>
      {article.summary ? (
        <Typography.Paragraph style={{ background: '#fdf6ee', padding: '8px 12px', borderRadius: 6 }}>{article.summary}</Typography.Paragraph>
      ) : null}
      {article.body.trim() ? <Markdown source={article.body} testId="article-body-view" /> : <Typography.Text type="secondary">{t('view.empty')}</Typography.Text>}
    </>
  );
}
