import { useState } from 'react';
import { Card, Col, Row, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { PageHeader } from '../../../shared/components/PageHeader';
import { CategoryTree } from '../components/CategoryTree';
import { ProductTable } from '../components/ProductTable';
import { SeriesTable } from '../components/SeriesTable';

/** 产品目录: products by category (the tree on the left), series (套系); administrators keep them up to date. */
export default function CataloguePage() {
  const { t } = useTranslation('catalogue');
  const editable = useCan('catalogue:admin');
  const [categoryId, setCategoryId] = useState<string | undefined>();
  return (
    <>
      <PageHeader title={t('title')} />
      <Card>
        <Tabs
          data-testid="catalogue-tabs"
          items={[
            {
              key: 'products',
              label: t('tabs.products'),
              children: (
                <Row gutter={24}>
                  <Col xs={24} md={6}>
                    <CategoryTree selectedId={categoryId} onSelect={setCategoryId} editable={editable} />
                  </Col>
                  <Col xs={24} md={18}>
                    <ProductTable categoryId={categoryId} editable={editable} />
                  </Col>
                </Row>
              ),
            },
            { key: 'series', label: t('tabs.series'), children: <SeriesTable editable={editable} /> },
          ]}
        />
      </Card>
    </>
  );
}
