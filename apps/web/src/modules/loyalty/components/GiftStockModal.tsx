import { useEffect } from 'react';
import { Checkbox, Form, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { type Gift, useSaveGift } from '../counter.api';

interface Values {
  unlimited: boolean;
  stock?: number;
}

/**
 * 调整库存 after a stocktake (loyalty:admin): the counted number (or unlimited) replaces the stock, under the gift's row
 * lock that redemptions take; redemptions and cancellations move the stock by themselves.
 */
export function GiftStockModal({ gift, onClose }: { gift: Gift | null; onClose: () => void }) {
  const { t } = useTranslation('loyalty');
  const [form] = Form.useForm<Values>();
  const save = useSaveGift();
  const unlimited = Form.useWatch('unlimited', form);
  useEffect(() => {
    if (gift) form.setFieldsValue({ unlimited: gift.stock === null, stock: gift.stock ?? 0 });
  }, [gift, form]);
  return (
    <FormModal<Values>
      open={!!gift}
      title={t('counter.gifts.stockTitle', { name: gift?.name ?? '' })}
      form={form}
      onClose={onClose}
      saving={save.isPending}
      success={t('counter.gifts.stockSaved')}
      errors={{ fields: ['stock'] }}
      intro={
        gift ? (
          <p>
            {t('counter.gifts.stockNow', { stock: gift.stock === null ? t('counter.redeem.unlimited') : gift.stock })}
            <br />
            {t('counter.gifts.stockHint')}
          </p>
        ) : null
      }
      onSubmit={(v) => save.mutateAsync({ id: gift!.id, body: { stock: v.unlimited ? null : (v.stock ?? 0) } })}
    >
      <Form.Item name="unlimited" valuePropName="checked">
        <Checkbox data-testid="gift-stock-unlimited">{t('counter.gifts.unlimited')}</Checkbox>
      </Form.Item>
      {unlimited ? null : (
        <Form.Item name="stock" label={t('counter.gifts.stockNew')} rules={[{ required: true, type: 'integer', min: 0, message: t('counter.gifts.stockNewRequired') }]}>
          <InputNumber min={0} max={100_000_000} precision={0} autoFocus style={{ width: 200 }} data-testid="gift-stock-new" />
        </Form.Item>
      )}
    </FormModal>
  );
}
