import { useEffect } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useFormErrors } from '../../../shared/api/useFormErrors';
import { NotFoundResult } from '../../../shared/components/NotFoundResult';
import { PageHeader } from '../../../shared/components/PageHeader';
import { DATE_FORMAT } from '../../../shared/format/date';
import { validated } from '../../../shared/forms/validated';
import { useRules } from '../../../shared/forms/rules';
import { MemberPricingHint } from '../../loyalty';
import { StoreSelect } from '../../org';
import { UserSelect } from '../../users';
import { type OrderBody, useOrder, useSaveOrder } from '../api';
import { CustomerSelect } from '../form/CustomerSelect';
import { type FormLine, fromOrderLines, toLineBodies, withMemberDiscount } from '../form/lineMath';
import { LinesEditor } from '../form/LinesEditor';
import { localizeIssues } from '../issues';

interface Values {
  customerId?: string;
  storeId?: string;
  salespersonId?: string | null;
  designerId?: string | null;
  campaignId?: string | null;
  deliveryDate?: Dayjs | null;
  deliveryAddress?: string | null;
  notes?: string | null;
  lines?: FormLine[];
}

const uuidRule = { pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, message: 'UUID' };

/** New order (/orders/new, ?customerId= to start from a customer) or a draft's edit (/orders/:id/edit). */
export default function OrderFormPage() {
  const { t } = useTranslation('orders');
  const { id } = useParams<{ id: string }>();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = useFormErrors();
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const { data: order, isLoading, isError } = useOrder(id);
  const save = useSaveOrder();
  const customerId = Form.useWatch('customerId', form);

  useEffect(() => {
    if (order) {
      form.setFieldsValue({
        ...order,
        deliveryDate: order.deliveryDate ? dayjs(order.deliveryDate) : null,
        lines: fromOrderLines(order.lines),
      });
    } else if (!id) {
      form.setFieldsValue({ customerId: search.get('customerId') ?? undefined, lines: [{ quantity: 1, discountFen: 0 }] });
    }
  }, [order, id, search, form]);

  if (id && isLoading) return <Spin />;
  if (id && (isError || !order)) return <NotFoundResult title={t('detail.notFound')} backTo="/orders" backText={t('detail.backToList')} />;
  const draft = !order || order.status === 'draft';

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const body: OrderBody = {
      customerId: v.customerId,
      storeId: v.storeId || undefined,
      salespersonId: v.salespersonId ?? null,
      designerId: v.designerId?.trim() || null,
      campaignId: v.campaignId?.trim() || null,
      deliveryDate: v.deliveryDate ? v.deliveryDate.format(DATE_FORMAT) : null,
      deliveryAddress: v.deliveryAddress?.trim() || null,
      notes: v.notes?.trim() || null,
      lines: toLineBodies(form.getFieldValue('lines')),
    };
    if (!id && v.salespersonId === undefined) delete body.salespersonId;
    try {
      const saved = await save.mutateAsync({ id, body });
      message.success(t('form.saved'));
      navigate(`/orders/${saved.id}`, { replace: !!id });
    } catch (e) {
      onError(form, localizeIssues(e));
    }
  };

  return (
    <>
      <PageHeader
        title={order ? t('form.editTitle', { orderNo: order.orderNo }) : t('form.createTitle')}
        extra={
          <>
            <Button onClick={() => navigate(-1)}>{t('common:action.cancel')}</Button>
            <Button type="primary" onClick={submit} loading={save.isPending} disabled={!draft} data-testid="order-save">
              {t('form.save')}
            </Button>
          </>
        }
      />
      {!draft ? <Alert type="warning" showIcon title={t('form.draftOnly')} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" disabled={!draft} name="order-form" data-testid="order-form">
        <Card style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="customerId" label={t('field.customer')} rules={[rules.requiredSelect(t('field.customer'))]}>
                <CustomerSelect initialLabel={order?.customerName} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="storeId" label={t('field.store')}>
                <StoreSelect placeholder={t('form.storePlaceholder')} testId="order-store" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="salespersonId" label={t('field.salesperson')}>
                <UserSelect initialLabel={order?.salespersonName} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('field.lines')} extra={t('form.yuanHint')} style={{ marginBottom: 16 }}>
          <MemberPricingHint
            customerId={customerId}
            disabled={!draft}
            onApply={(percent) => {
              const { lines, changed } = withMemberDiscount(form.getFieldValue('lines'), percent);
              form.setFieldValue('lines', lines);
              return changed;
            }}
          />
          <LinesEditor form={form} />
        </Card>
        <Card title={t('form.delivery')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="deliveryDate" label={t('field.deliveryDate')}>
                <DatePicker style={{ width: '100%' }} data-testid="order-delivery-date" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="deliveryAddress" label={t('field.deliveryAddress')} rules={[rules.max(300)]}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('form.attribution')}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="designerId" label={t('field.designerId')} rules={[uuidRule]}>
                <Input allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="campaignId" label={t('field.campaignId')} rules={[uuidRule]}>
                <Input allowClear />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="notes" label={t('field.notes')} rules={[rules.max(2000)]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
      </Form>
      <Flex justify="flex-end" style={{ marginTop: 16 }}>
        <Button type="primary" onClick={submit} loading={save.isPending} disabled={!draft}>
          {t('form.save')}
        </Button>
      </Flex>
    </>
  );
}
