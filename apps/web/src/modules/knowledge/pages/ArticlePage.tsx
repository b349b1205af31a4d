import { App, Button, Card, Popconfirm, Spin } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { NotFoundResult } from '../../../shared/components/NotFoundResult';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useArticle, useCategories, useDeleteArticle } from '../api';
import { categoryPath } from '../categoryTree';
import { ArticleBody } from '../components/ArticleBody';
import { ArticleVersions } from '../components/ArticleVersions';

/** One article: rendered Markdown, its state, versions; editors edit and delete. */
export default function ArticlePage() {
  const { t } = useTranslation('knowledge');
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const canEdit = useCan('knowledge:edit');
  const article = useArticle(id);
  const { data: categories } = useCategories();
  const remove = useDeleteArticle();
  if (article.isError) return <NotFoundResult title={t('view.notFound')} backTo="/knowledge" backText={t('view.back')} />;
  if (!article.data) return <Spin />;
  const a = article.data;
  return (
    <>
      <PageHeader
        title={<span data-testid="article-title-view">{a.title}</span>}
        extra={
          <>
            <Button onClick={() => navigate('/knowledge')}>{t('view.back')}</Button>
            <ArticleVersions articleId={a.id} currentVersion={a.version} />
            {canEdit ? (
              <>
                <Button icon={<EditOutlined />} onClick={() => navigate(`/knowledge/${a.id}/edit`)} data-testid="article-edit">
                  {t('view.edit')}
                </Button>
                <Popconfirm
                  title={t('view.deleteConfirm', { title: a.title })}
                  description={t('view.deleteHint')}
                  onConfirm={() =>
                    remove.mutate(a.id, {
                      onSuccess: () => {
                        message.success(t('common:message.deleted'));
                        navigate('/knowledge');
                      },
                    })
                  }
                >
                  <Button danger icon={<DeleteOutlined />} data-testid="article-delete">
                    {t('view.delete')}
                  </Button>
                </Popconfirm>
              </>
            ) : null}
          </>
        }
      />
      <Card>
        <ArticleBody article={a} categoryPath={categoryPath(categories, a.categoryId)} />
      </Card>
    </>
  );
}
