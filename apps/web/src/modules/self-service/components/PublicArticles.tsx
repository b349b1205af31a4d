import { useState } from 'react';
import { Button, Empty, Input, List, Segmented, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePublicArticles, usePublicCategories } from '../api';
import { ArticleDrawer } from './ArticleDrawer';

const ALL = '__all__';

/** 常见问题: the brand's public articles, searchable (Chinese, pinyin), by top-level category; readable without verification. */
export function PublicArticles({ tenantCode }: { tenantCode: string }) {
  const { t } = useTranslation('selfService');
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<string>(ALL);
  const [reading, setReading] = useState<string | null>(null);
  const { data: categories } = usePublicCategories(tenantCode);
  const articles = usePublicArticles(tenantCode, q, category === ALL ? undefined : category);
  const items = articles.data?.pages.flatMap((p) => p.items) ?? [];
  const top = (categories ?? []).filter((c) => !c.parentId);
  return (
    <div data-testid="public-articles">
      <Input.Search allowClear placeholder={t('articles.search')} onSearch={(v) => setQ(v.trim())} size="large" style={{ marginBottom: 12 }} data-testid="public-article-search" />
      {top.length ? (
        <div style={{ overflowX: 'auto', marginBottom: 12 }}>
          <Segmented value={category} onChange={(v) => setCategory(v)} options={[{ value: ALL, label: t('articles.all') }, ...top.map((c) => ({ value: c.id, label: c.name }))]} />
        </div>
      ) : null}
      {articles.isLoading ? (
        <Spin />
      ) : !items.length ? (
        <Empty description={q ? t('articles.noResult') : t('articles.empty')} />
      ) : (
        <List
          dataSource={items}
          renderItem={(a) => (
            <List.Item onClick={() => setReading(a.id)} style={{ cursor: 'pointer' }} data-testid="public-article-item">
              <List.Item.Meta title={<Typography.Link>{a.title}</Typography.Link>} description={a.summary || null} />
            </List.Item>
          )}
        />
      )}
      {articles.hasNextPage ? (
        <Button block onClick={() => articles.fetchNextPage()} loading={articles.isFetchingNextPage}>
          {t('articles.more')}
        </Button>
      ) : null}
      <ArticleDrawer tenantCode={tenantCode} id={reading} onClose={() => setReading(null)} />
    </div>
  );
}
