import { Button, Empty, Flex, Form, type FormInstance, InputNumber, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../shared/format/money';
import { MoneyInput, ProductSelect } from '../../catalogue';
import { type FormLine, formTotals, lineAmount } from './lineMath';

/**
 * The product lines of an order (or of a change request): product, quantity, unit price and discount in yuan, the
 * line amount and the totals computed as they are typed. Form field `lines`; values in fen.
 */
export function LinesEditor({ form, name = 'lines' }: { form: FormInstance; name?: string }) {
  const { t } = useTranslation('orders');
  const lines = Form.useWatch<FormLine[] | undefined>(name, form);
  const totals = formTotals(lines);
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            data-testid="order-lines-editor"
            rowKey="key"
            dataSource={fields}
            pagination={false}
            locale={{ emptyText: <Empty description={t('line.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            columns={[
              {
                key: 'product',
                title: t('line.product'),
                width: 320,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'productId']} rules={[{ required: true, message: t('line.product') }]} style={{ margin: 0 }}>
                    <ProductSelect
                      initialLabel={lines?.[f.name]?.label}
                      testId={`line-product-${f.name}`}
                      onChange={(id, p) => {
                        form.setFieldValue([name, f.name, 'productId'], id);
                        if (p) form.setFieldValue([name, f.name, 'unitPriceFen'], p.priceFen);
                      }}
                    />
                  </Form.Item>
                ),
              },
              {
                key: 'quantity',
                title: t('line.quantity'),
                width: 100,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'quantity']} rules={[{ required: true, message: t('line.quantity') }]} style={{ margin: 0 }}>
                    <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} data-testid={`line-quantity-${f.name}`} />
                  </Form.Item>
                ),
              },
              {
                key: 'unitPrice',
                title: t('line.unitPrice'),
                width: 150,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'unitPriceFen']} style={{ margin: 0 }}>
                    <MoneyInput />
                  </Form.Item>
                ),
              },
              {
                key: 'discount',
                title: t('line.discount'),
                width: 140,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'discountFen']} style={{ margin: 0 }}>
                    <MoneyInput testId={`line-discount-${f.name}`} />
                  </Form.Item>
                ),
              },
              { key: 'amount', title: t('line.amount'), align: 'right', width: 130, render: (_, f) => formatMoney(lineAmount(lines?.[f.name])) },
              {
                key: 'remove',
                width: 48,
                render: (_, f) => <Button type="text" danger icon={<DeleteOutlined />} title={t('line.remove')} onClick={() => remove(f.name)} />,
              },
            ]}
          />
          <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
            <Button icon={<PlusOutlined />} onClick={() => add({ quantity: 1, discountFen: 0 })} data-testid="line-add">
              {t('line.add')}
            </Button>
            <Typography.Text data-testid="order-form-total">
              {t('detail.totalsLine', { list: formatMoney(totals.listFen), discount: formatMoney(totals.discountFen), total: formatMoney(totals.totalFen) })}
            </Typography.Text>
          </Flex>
        </>
      )}
    </Form.List>
  );
}
