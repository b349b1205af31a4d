import { useState } from 'react';
import { Button, Card, Drawer, Empty, List, Spin, Typography } from 'antd';
import { BookOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { useArticle, useSuggestions } from '../api';
import { ArticleBody } from './ArticleBody';

function ArticleDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('knowledge');
  const article = useArticle(id ?? undefined);
  return (
    <Drawer open={!!id} onClose={onClose} size={640} title={article.data?.title} destroyOnHidden extra={id ? <Link to={`/knowledge/${id}`}>{t('suggest.open')}</Link> : null}>
      {article.data ? <ArticleBody article={article.data} /> : <Spin />}
    </Drawer>
  );
}

/**
 * 相关知识: the published articles that best answer a text (a request's subject and description), shown beside the
 * request. Nothing for users without knowledge:view. Opening one shows it in a drawer, without leaving the page.
 */
export function SuggestedArticles({ text, productCategoryId }: { text: string; productCategoryId?: string | null }) {
  const { t } = useTranslation('knowledge');
  const canRead = useCan('knowledge:view');
  const [open, setOpen] = useState<string | null>(null);
  const { data, isLoading } = useSuggestions(canRead ? text : '', productCategoryId ?? undefined);
  if (!canRead) return null;
  return (
    <Card size="small" title={<><BookOutlined /> {t('suggest.title')}</>} data-testid="suggested-articles">
      {isLoading ? (
        <Spin />
      ) : !data?.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('suggest.empty')} />
      ) : (
        <List
          size="small"
          dataSource={data}
          renderItem={(a) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => setOpen(a.id)} data-testid="suggested-article">
                    {a.title}
                  </Button>
                }
                description={a.summary ? <Typography.Text type="secondary">{a.summary}</Typography.Text> : null}
              />
            </List.Item>
          )}
        />
      )}
      <ArticleDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
