import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Radio, Row, Select, Spin, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../shared/api/client';
import { useFormErrors } from '../../../shared/api/useFormErrors';
import { useCan } from '../../../shared/auth/access';
import { NotFoundResult } from '../../../shared/components/NotFoundResult';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useRules } from '../../../shared/forms/rules';
import { validated } from '../../../shared/forms/validated';
import { type ArticleDto, useArticle, useCategories, useProductCategories, useSaveArticle } from '../api';
import { categoryTree } from '../categoryTree';
import { localIssues } from '../issues';
import { Markdown } from '../markdown/Markdown';

interface Values {
  title: string;
  categoryId?: string | null;
  summary?: string;
  body?: string;
  tags: string[];
  status: 'draft' | 'published';
  visibility: 'internal' | 'public';
  productCategoryIds: string[];
}

const valuesOf = (a: ArticleDto): Values => ({
  title: a.title, categoryId: a.categoryId, summary: a.summary, body: a.body, tags: a.tags, status: a.status,
  visibility: a.visibility, productCategoryIds: a.productCategoryIds,
});

/** 新建/编辑文章: the fields, and the Markdown body beside its live preview. A save over a newer version is refused. */
export default function ArticleEditPage() {
  const { t } = useTranslation('knowledge');
  const { id } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const rules = useRules();
  const onError = useFormErrors();
  const [form] = Form.useForm<Values>();
  const article = useArticle(id);
  const { data: categories = [] } = useCategories();
  const canCatalogue = useCan('catalogue:view');
  const { data: productCategories } = useProductCategories(canCatalogue);
  const save = useSaveArticle();
  const [conflict, setConflict] = useState<{ version: number; name: string } | null>(null);
  const body = Form.useWatch('body', form) ?? '';
  const visibility = Form.useWatch('visibility', form) ?? 'internal';

  useEffect(() => {
    if (article.data) form.setFieldsValue(valuesOf(article.data));
  }, [article.data, form]);

  if (id && article.isError) return <NotFoundResult title={t('view.notFound')} backTo="/knowledge" backText={t('view.back')} />;
  if (id && !article.data) return <Spin />;

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setConflict(null);
    const values = { ...v, categoryId: v.categoryId ?? null, summary: v.summary ?? '', body: v.body ?? '' };
    try {
      const saved = await save.mutateAsync({ id, body: id ? { ...values, expectedVersion: article.data!.version } : values });
      message.success(t('editor.saved'));
      navigate(`/knowledge/${saved.id}`);
    } catch (e) {
      if (isApiError(e) && e.code === 'conflict' && e.params.currentVersion) {
        setConflict({ version: Number(e.params.currentVersion), name: String(e.params.updatedByName ?? '') });
        return;
      }
      onError(form, localIssues(e, t, 'knowledge'));
    }
  };

  return (
    <>
      <PageHeader
        title={id ? t('editor.editTitle') : t('editor.createTitle')}
        extra={
          <>
            <Button onClick={() => navigate(id ? `/knowledge/${id}` : '/knowledge')}>{t('common:action.cancel')}</Button>
            <Button type="primary" loading={save.isPending} onClick={submit} data-testid="article-save">
              {t('common:action.save')}
            </Button>
          </>
        }
      />
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('editor.conflict', { version: conflict.version, name: conflict.name })}
          action={
            <Button
              size="small"
              onClick={async () => {
                const fresh = await article.refetch();
                if (fresh.data) form.setFieldsValue(valuesOf(fresh.data));
                setConflict(null);
              }}
            >
              {t('editor.reload')}
            </Button>
          }
          data-testid="article-conflict"
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        name="knowledge-article"
        initialValues={{ tags: [], status: 'draft', visibility: 'internal', productCategoryIds: [], categoryId: params.get('categoryId') ?? undefined, body: '', summary: '' }}
        data-testid="article-form"
      >
        <Card style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} lg={14}>
              <Form.Item name="title" label={t('field.title')} rules={[rules.required(t('field.title')), rules.max(200)]}>
                <Input maxLength={200} data-testid="article-title" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={10}>
              <Form.Item name="categoryId" label={t('field.categoryId')}>
                <TreeSelect allowClear placeholder={t('editor.noCategory')} treeData={categoryTree(categories)} treeDefaultExpandAll data-testid="article-category" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="summary" label={t('field.summary')} rules={[rules.max(500)]}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} placeholder={t('editor.summaryPlaceholder')} data-testid="article-summary" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="tags" label={t('field.tags')}>
                <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder={t('editor.tagsPlaceholder')} open={false} suffixIcon={null} data-testid="article-tags" />
              </Form.Item>
            </Col>
            {canCatalogue ? (
              <Col xs={24} lg={12}>
                <Form.Item name="productCategoryIds" label={t('field.productCategoryIds')}>
                  <TreeSelect
                    multiple
                    allowClear
                    treeDefaultExpandAll
                    treeData={categoryTree((productCategories ?? []).map((c, i) => ({ ...c, position: i, articleCount: 0 })))}
                    data-testid="article-product-categories"
                  />
                </Form.Item>
              </Col>
            ) : null}
            <Col xs={24} lg={12}>
              <Form.Item name="status" label={t('field.status')}>
                <Radio.Group optionType="button" options={(['draft', 'published'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))} data-testid="article-status" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="visibility" label={t('field.visibility')} extra={t(`visibilityHint.${visibility}`)}>
                <Radio.Group optionType="button" options={(['internal', 'public'] as const).map((s) => ({ value: s, label: t(`visibility.${s}`) }))} data-testid="article-visibility" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('editor.write')} style={{ marginBottom: 16 }}>
              <Form.Item name="body" rules={[rules.max(50_000)]} style={{ marginBottom: 0 }}>
                <Input.TextArea autoSize={{ minRows: 18, maxRows: 40 }} placeholder={t('editor.bodyPlaceholder')} style={{ fontFamily: 'monospace' }} data-testid="article-body" />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('editor.preview')} style={{ marginBottom: 16 }}>
              {body.trim() ? <Markdown source={body} testId="article-preview" /> : <Typography.Text type="secondary">{t('editor.previewEmpty')}</Typography.Text>}
            </Card>
          </Col>
        </Row>
        <Flex justify="flex-end">
          <Button type="primary" loading={save.isPending} onClick={submit}>
            {t('common:action.save')}
          </Button>
        </Flex>
      </Form>
    </>
  );
}
