import { Alert, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { BonusAwardPartDto } from '@jiake/shared';
import { applyIssuesToForm, errorText } from '../../../shared/api/errors';
import { formatMoney } from '../../../shared/format/money';
import { validated } from '../../../shared/forms/validated';
import { MoneyInput } from '../../catalogue';
import { CustomerSelect } from '../../customers';
import { StoreSelect } from '../../org';
import { type BonusPreviewResult, useBonusPreview } from '../bonus.api';
import { CategoriesSelect, SeriesSelect } from './BonusPickers';
import { useBonusText } from './BonusRuleTags';

interface Values {
  storeId: string;
  paidFen: number;
  paidAt?: Dayjs | null;
  customerId?: string | null;
  campaignId?: string;
  lines?: { categoryId?: string | null; seriesId?: string | null; amountFen?: number | null }[];
}

type Part = BonusPreviewResult['breakdown'][number];
const isBonus = (p: Part): p is BonusAwardPartDto => p.rule === 'bonus';

/** 积分试算: an order described by hand → its points and their breakdown, by the code that makes real awards. */
export function BonusPreviewCard() {
  const { t } = useTranslation('loyalty');
  const [form] = Form.useForm<Values>();
  const preview = useBonusPreview();
  const text = useBonusText();
  const run = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      await preview.mutateAsync({
        storeId: v.storeId,
        paidFen: v.paidFen,
        paidAt: v.paidAt ? v.paidAt.toISOString() : undefined,
        customerId: v.customerId || null,
        campaignId: v.campaignId?.trim() || null,
        lines: (v.lines ?? []).map((l) => ({ categoryId: l.categoryId ?? null, seriesId: l.seriesId ?? null, amountFen: l.amountFen ?? 0 })),
      });
    } catch (e) {
      // Issues that name a field go onto it; the alert below says the rest.
      applyIssuesToForm(form, e);
    }
  };
  const r = preview.data;
  const partName = (p: Part) => (isBonus(p) ? p.name : t('bonus.preview.base'));
  return (
    <Card size="small" title={t('bonus.preview.title')} data-testid="bonus-preview">
      <Typography.Paragraph type="secondary">{t('bonus.preview.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="bonus-preview">
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="storeId" label={t('bonus.preview.store')} rules={[{ required: true, message: t('bonus.preview.storeRequired') }]}>
              <StoreSelect testId="preview-store" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="paidFen" label={t('bonus.preview.paid')} rules={[{ required: true, message: t('bonus.preview.paidRequired') }]}>
              <MoneyInput testId="preview-paid" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="paidAt" label={t('bonus.preview.paidAt')} extra={t('bonus.preview.paidAtHelp')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="preview-paid-at" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="customerId" label={t('bonus.preview.customer')}>
              <CustomerSelect placeholder={t('enrol.customerPlaceholder')} testId="preview-customer" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="campaignId" label={t('bonus.preview.campaign')}>
              <Input allowClear data-testid="preview-campaign" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('bonus.preview.lines')} extra={t('bonus.preview.linesHelp')}>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Row key={field.key} gutter={8} align="middle" data-testid="preview-line">
                    <Col flex="1 1 200px">
                      <Form.Item name={[field.name, 'categoryId']} noStyle>
                        <CategoriesSelect placeholder={t('bonus.preview.category')} />
                      </Form.Item>
                    </Col>
                    <Col flex="1 1 160px">
                      <Form.Item name={[field.name, 'seriesId']} noStyle>
                        <SeriesSelect placeholder={t('bonus.preview.series')} />
                      </Form.Item>
                    </Col>
                    <Col flex="0 0 160px">
                      <Form.Item name={[field.name, 'amountFen']} noStyle>
                        <MoneyInput placeholder={t('bonus.preview.amount')} testId="preview-line-amount" />
                      </Form.Item>
                    </Col>
                    <Col flex="none">
                      <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="remove" />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ amountFen: null })} data-testid="preview-add-line">
                  {t('bonus.preview.addLine')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Button type="primary" onClick={run} loading={preview.isPending} data-testid="preview-run">
          {t('bonus.preview.calculate')}
        </Button>
      </Form>
      {preview.isError ? <Alert type="error" showIcon title={errorText(preview.error)} style={{ marginTop: 16 }} /> : null}
      {r ? (
        <div style={{ marginTop: 16 }} data-testid="preview-result">
          <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="preview-points">
            {t('bonus.preview.total', { points: r.points.toLocaleString() })}
          </Typography.Title>
          <Typography.Text type="secondary">{t('bonus.preview.split', { base: r.basePoints.toLocaleString(), bonus: r.bonusPoints.toLocaleString() })}</Typography.Text>
          <Table<Part>
            rowKey={(p) => (isBonus(p) ? p.ruleId : p.rule)}
            size="small"
            pagination={false}
            style={{ marginTop: 8 }}
            dataSource={r.breakdown}
            data-testid="preview-breakdown"
            columns={[
              { key: 'part', title: t('bonus.preview.part'), render: (_, p) => (isBonus(p) ? <Space>{p.name}<Tag>{text.effect(p.effect)}</Tag></Space> : partName(p)) },
              { key: 'basis', title: t('bonus.preview.basis'), align: 'right', render: (_, p) => formatMoney(p.basisFen) },
              { key: 'points', title: t('bonus.preview.points'), align: 'right', render: (_, p) => p.points.toLocaleString() },
            ]}
          />
          {r.outranked.length ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="preview-outranked">
              {t('bonus.preview.outranked', {
                rules: r.outranked.map((p) => t('bonus.preview.outrankedRule', { name: p.name, points: p.points.toLocaleString() })).join(t('common:listSeparator')),
              })}
            </Typography.Paragraph>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
