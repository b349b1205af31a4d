import { Flex, Tag } from 'antd';
import type { TableColumnType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { RowLinkTable } from '../../../shared/components/RowLinkTable';
import { formatDateTime } from '../../../shared/format/date';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { type ArticleFilters, type ArticleSummaryDto, useArticles, useCategories } from '../api';
import { categoryPath } from '../categoryTree';
import { StatusTags } from './StatusTags';

/** Articles in keyset pages (newest change first), or the best matches of a search. */
export function ArticleTable({ filters, limit, onLimit }: { filters: ArticleFilters; limit: number; onLimit: (n: number) => void }) {
  const { t } = useTranslation('knowledge');
  const pager = useCursorStack(JSON.stringify({ filters, limit }));
  const { data, isFetching } = useArticles({ ...filters, limit, cursor: pager.cursor });
  const { data: categories } = useCategories();
  const columns: TableColumnType<ArticleSummaryDto>[] = [
    {
      key: 'title',
      title: t('field.title'),
      render: (_, a) => (
        <Flex vertical>
          <Link to={`/knowledge/${a.id}`}>{a.title}</Link>
          {a.summary ? <span style={{ color: '#888', fontSize: 12 }}>{a.summary}</span> : null}
        </Flex>
      ),
    },
    { key: 'category', title: t('field.categoryId'), render: (_, a) => categoryPath(categories, a.categoryId) || '—' },
    { key: 'tags', title: t('field.tags'), render: (_, a) => a.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) },
    { key: 'status', title: t('field.status'), render: (_, a) => <StatusTags status={a.status} visibility={a.visibility} /> },
    { key: 'version', title: t('field.version'), dataIndex: 'version', width: 70 },
    { key: 'updatedAt', title: t('field.updatedAt'), render: (_, a) => formatDateTime(a.updatedAt) },
    { key: 'updatedByName', title: t('field.updatedByName'), dataIndex: 'updatedByName' },
  ];
  const searching = !!filters.q;
  return (
    <>
      <RowLinkTable<ArticleSummaryDto> columns={columns} rows={data?.items} loading={isFetching} href={(a) => `/knowledge/${a.id}`} empty={searching || filters.status || filters.visibility ? t('list.noResult') : t('list.empty')} testId="article-table" />
      {searching ? null : (
        <KeysetPager cursors={pager} nextCursor={data?.nextCursor} pageSize={limit} onPageSizeChange={onLimit} loading={isFetching} sizes={[20, 50, 100]} />
      )}
    </>
  );
}
