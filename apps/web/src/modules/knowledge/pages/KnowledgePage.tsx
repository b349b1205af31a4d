import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, Flex, Input, Row, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { PageHeader } from '../../../shared/components/PageHeader';
import type { ArticleFilters } from '../api';
import { ArticleTable } from '../components/ArticleTable';
import { CategoryPanel } from '../components/CategoryPanel';

const KEYS = ['q', 'categoryId', 'status', 'visibility', 'tag'] as const;

/** 知识库: the category tree on the left, the article list with search and filters on the right (filters in the URL). */
export default function KnowledgePage() {
  const { t } = useTranslation('knowledge');
  const navigate = useNavigate();
  const canEdit = useCan('knowledge:edit');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const out: Record<string, string> = {};
    for (const k of KEYS) if (params.get(k)) out[k] = params.get(k)!;
    return out as ArticleFilters;
  }, [params]);
  const limit = Number(params.get('limit')) || 20;
  const update = useCallback(
    (patch: Record<string, string | number | undefined>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          canEdit ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(filters.categoryId ? `/knowledge/new?categoryId=${filters.categoryId}` : '/knowledge/new')}
              data-testid="article-create"
            >
              {t('list.create')}
            </Button>
          ) : null
        }
      />
      <Row gutter={16}>
        <Col xs={24} md={7} xl={5}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <CategoryPanel selected={filters.categoryId} onSelect={(id) => update({ categoryId: id })} />
          </Card>
        </Col>
        <Col xs={24} md={17} xl={19}>
          <Card>
            <Flex gap={8} wrap style={{ marginBottom: 12 }}>
              <Input.Search
                allowClear
                value={q}
                onChange={(e) => setQ(e.target.value)}
                onSearch={(v) => update({ q: v.trim() || undefined })}
                placeholder={t('list.search')}
                style={{ maxWidth: 420 }}
                data-testid="article-search"
              />
              <Select
                allowClear
                placeholder={t('list.allStatus')}
                value={filters.status}
                onChange={(v) => update({ status: v })}
                options={(['draft', 'published'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
                style={{ width: 130 }}
                data-testid="article-status-filter"
              />
              <Select
                allowClear
                placeholder={t('list.allVisibility')}
                value={filters.visibility}
                onChange={(v) => update({ visibility: v })}
                options={(['internal', 'public'] as const).map((s) => ({ value: s, label: t(`visibility.${s}`) }))}
                style={{ width: 130 }}
                data-testid="article-visibility-filter"
              />
            </Flex>
            {filters.q ? (
              <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
                {t('list.searchHint')}
              </Typography.Text>
            ) : null}
            <ArticleTable filters={filters} limit={limit} onLimit={(n) => update({ limit: n === 20 ? undefined : n })} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
