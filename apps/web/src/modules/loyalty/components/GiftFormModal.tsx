import { useEffect } from 'react';
import { Checkbox, Form, Input, InputNumber, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { changedFields } from '../../../shared/forms/diff';
import { useRules } from '../../../shared/forms/rules';
import { type Gift, useSaveGift } from '../counter.api';

interface Values {
  name: string;
  pointsPrice: number;
  unlimited: boolean;
  stock?: number | null;
  active: boolean;
  description?: string;
  imageUrl?: string;
}

const FIELDS = ['name', 'pointsPrice', 'stock', 'active', 'description', 'imageUrl'];

/**
 * 新增礼品 / 编辑礼品 (loyalty:admin): name, points price, stock or unlimited, description, image address. An edit sends
 * only what changed and leaves the stock alone (redemptions move it meanwhile; 调整库存 sets a counted number).
 */
export function GiftFormModal({ open, gift, onClose }: { open: boolean; gift: Gift | null; onClose: () => void }) {
  const { t } = useTranslation('loyalty');
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const save = useSaveGift();
  const unlimited = Form.useWatch('unlimited', form);
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      gift
        ? { name: gift.name, pointsPrice: gift.pointsPrice, unlimited: gift.stock === null, stock: gift.stock, active: gift.active, description: gift.description ?? '', imageUrl: gift.imageUrl ?? '' }
        : { name: '', pointsPrice: undefined, unlimited: false, stock: undefined, active: true, description: '', imageUrl: '' },
    );
  }, [open, gift, form]);
  return (
    <FormModal<Values>
      open={open}
      title={gift ? t('counter.gifts.edit') : t('counter.gifts.add')}
      form={form}
      onClose={onClose}
      saving={save.isPending}
      success={gift ? t('counter.gifts.saved') : t('counter.gifts.created')}
      errors={{ fields: FIELDS }}
      name="loyalty-gift"
      onSubmit={(v) => {
        const body = {
          name: v.name.trim(),
          pointsPrice: v.pointsPrice,
          active: v.active,
          description: v.description?.trim() || null,
          imageUrl: v.imageUrl?.trim() || null,
        };
        if (!gift) return save.mutateAsync({ body: { ...body, stock: v.unlimited ? null : (v.stock ?? 0) } });
        const changed = changedFields<typeof body>(gift, body);
        return Object.keys(changed).length ? save.mutateAsync({ id: gift.id, body: changed }) : Promise.resolve();
      }}
    >
      <Form.Item name="name" label={t('counter.gifts.name')} rules={[rules.required(t('counter.gifts.name')), rules.max(100)]}>
        <Input maxLength={100} data-testid="gift-name" />
      </Form.Item>
      <Form.Item name="pointsPrice" label={t('counter.gifts.pointsPrice')} rules={[{ required: true, type: 'integer', min: 1, message: t('common:validation.required', { label: t('counter.gifts.pointsPrice') }) }]}>
        <InputNumber min={1} max={100_000_000} precision={0} style={{ width: 200 }} data-testid="gift-points-price" />
      </Form.Item>
      {gift ? null : (
        <Form.Item label={t('counter.gifts.stock')} required={!unlimited}>
          <Form.Item name="unlimited" valuePropName="checked" noStyle>
            <Checkbox data-testid="gift-unlimited">{t('counter.gifts.unlimited')}</Checkbox>
          </Form.Item>
          {unlimited ? null : (
            <Form.Item name="stock" noStyle rules={[{ required: true, type: 'integer', min: 0, message: t('counter.gifts.stockNewRequired') }]}>
              <InputNumber min={0} max={100_000_000} precision={0} style={{ width: 160, marginLeft: 12 }} data-testid="gift-stock" />
            </Form.Item>
          )}
        </Form.Item>
      )}
      <Form.Item name="active" label={t('counter.gifts.active')} valuePropName="checked">
        <Switch checkedChildren={t('counter.gifts.activeOn')} unCheckedChildren={t('counter.gifts.activeOff')} data-testid="gift-active" />
      </Form.Item>
      <Form.Item name="description" label={t('counter.gifts.description')} rules={[rules.max(2000)]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="gift-description" />
      </Form.Item>
      <Form.Item name="imageUrl" label={t('counter.gifts.imageUrl')} rules={[{ pattern: /^https?:\/\/\S+$/i, message: t('counter.gifts.imageUrlInvalid') }, rules.max(1000)]}>
        <Input maxLength={1000} placeholder="https://" data-testid="gift-image-url" />
      </Form.Item>
    </FormModal>
  );
}
