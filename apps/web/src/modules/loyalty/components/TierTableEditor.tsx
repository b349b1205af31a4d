import { useEffect, useMemo } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Select, Switch, Table, Tooltip, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { TIER_CODE, type ReplaceTiersInput } from '@jiake/shared';
import { useFormErrors } from '../../../shared/api/useFormErrors';
import { isApiError } from '../../../shared/api/client';
import { validated } from '../../../shared/forms/validated';
import { fenToYuan, yuanToFen } from '../../../shared/format/money';
import { type Tier, useReplaceTiers, useTierMix, useTiers } from '../tiers.api';
import { loyaltyErrorText } from './labels';

interface Row {
  id?: string;
  code: string;
  name: string;
  thresholdYuan: number;
  discountPercent: number;
  freeServices: string[];
  birthdayGift?: string;
  active: boolean;
  inUse?: boolean;
}
interface Values {
  tiers: Row[];
}

const toRow = (x: Tier): Row => ({
  id: x.id, code: x.code, name: x.name, thresholdYuan: fenToYuan(x.thresholdFen), discountPercent: x.benefits.discountPercent,
  freeServices: x.benefits.freeServices, birthdayGift: x.benefits.birthdayGift ?? '', active: x.active, inUse: x.inUse,
});

const toBody = (v: Values): ReplaceTiersInput => ({
  tiers: v.tiers.map((r) => ({
    code: r.code.trim(),
    name: r.name.trim(),
    thresholdFen: yuanToFen(r.thresholdYuan ?? 0),
    benefits: { discountPercent: r.discountPercent ?? 0, freeServices: r.freeServices ?? [], birthdayGift: r.birthdayGift?.trim() || null },
    active: r.active,
  })),
});

/** API paths → form fields: body.tiers.2.thresholdFen → tiers.2.thresholdYuan, body.tiers.1.benefits.x → tiers.1.x. */
const mapName = (name: (string | number)[]) => {
  if (name[0] !== 'tiers' || typeof name[1] !== 'number') return name[0] === 'tiers' ? ['tiers'] : null;
  const [, i, field, sub] = name;
  if (field === 'thresholdFen') return ['tiers', i, 'thresholdYuan'];
  if (field === 'benefits' && typeof sub === 'string') return ['tiers', i, sub];
  return field === undefined ? ['tiers'] : ['tiers', i, field];
};

const rowsOf = (form: FormInstance<Values>): Row[] => form.getFieldValue('tiers') ?? [];

/** 等级列表: the tier table, lowest first, edited in place and saved as a whole (PUT /loyalty/tiers). */
export function TierTableEditor() {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const onError = useFormErrors();
  const [form] = Form.useForm<Values>();
  const tiers = useTiers();
  const mix = useTierMix();
  const replace = useReplaceTiers();
  useEffect(() => {
    if (tiers.data) form.setFieldsValue({ tiers: tiers.data.map(toRow) });
  }, [tiers.data, form]);
  const counts = useMemo(() => new Map((mix.data?.tiers ?? []).map((x) => [x.tierId, x.members])), [mix.data]);
  const unrated = counts.get(null) ?? 0;

  const save = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      const items = await replace.mutateAsync(toBody(v));
      form.setFieldsValue({ tiers: items.map(toRow) });
      message.success(t('tiers.table.saved'));
    } catch (e) {
      if (isApiError(e) && e.code === 'conflict') message.error(loyaltyErrorText(e));
      else onError(form, e, { mapName });
    }
  };

  const uniqueCode = (index: number) => ({
    validator: async (_: unknown, value: string) => {
      if (value && rowsOf(form).some((r, i) => i !== index && r?.code?.trim() === value.trim())) throw new Error(t('tiers.table.codeTaken'));
    },
  });
  const aboveLast = (index: number) => ({
    validator: async (_: unknown, value: number | null) => {
      const prev = rowsOf(form)[index - 1]?.thresholdYuan;
      if (index > 0 && value !== null && value !== undefined && prev !== undefined && prev !== null && value <= prev) throw new Error(t('tiers.table.thresholdOrder'));
    },
  });

  return (
    <Card
      size="small"
      title={t('tiers.table.title')}
      loading={tiers.isLoading}
      extra={
        <Button type="primary" size="small" onClick={save} loading={replace.isPending} data-testid="tiers-save">
          {t('tiers.table.save')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('tiers.table.help')}</Typography.Paragraph>
      <Form form={form} component={false}>
        <Form.List name="tiers">
          {(fields, { add, remove }) => (
            <>
              <Table
                size="small"
                rowKey="key"
                dataSource={fields}
                pagination={false}
                scroll={{ x: 'max-content' }}
                data-testid="tiers-table"
                columns={[
                  {
                    title: t('tiers.table.code'),
                    key: 'code',
                    render: (_, f, i) => (
                      <Form.Item
                        name={[f.name, 'code']}
                        style={{ marginBottom: 0 }}
                        rules={[{ required: true, pattern: TIER_CODE, message: t('tiers.table.codeHelp') }, uniqueCode(i)]}
                      >
                        <Input disabled={!!rowsOf(form)[i]?.id} style={{ width: 96 }} data-testid={`tier-code-${i}`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('tiers.table.name'),
                    key: 'name',
                    render: (_, f, i) => (
                      <Form.Item name={[f.name, 'name']} style={{ marginBottom: 0 }} rules={[{ required: true, whitespace: true, message: t('tiers.table.nameRequired') }]}>
                        <Input maxLength={30} style={{ width: 175 }} data-testid={`tier-name-${i}`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('tiers.table.threshold'),
                    key: 'threshold',
                    render: (_, f, i) => (
                      <Form.Item name={[f.name, 'thresholdYuan']} style={{ marginBottom: 0 }} rules={[{ required: true }, aboveLast(i)]}>
                        <InputNumber min={0} max={1_000_000_000} precision={2} disabled={i === 0} style={{ width: 115 }} data-testid={`tier-threshold-${i}`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('tiers.table.discount'),
                    key: 'discount',
                    render: (_, f, i) => (
                      <Form.Item name={[f.name, 'discountPercent']} style={{ marginBottom: 0 }}>
                        <InputNumber min={0} max={90} precision={0} suffix="%" style={{ width: 90 }} data-testid={`tier-discount-${i}`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('tiers.table.services'),
                    key: 'services',
                    render: (_, f, i) => (
                      <Form.Item name={[f.name, 'freeServices']} style={{ marginBottom: 0 }}>
                        <Select mode="tags" open={false} placeholder={t('tiers.table.servicesPlaceholder')} style={{ width: 230 }} data-testid={`tier-services-${i}`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('tiers.table.birthdayGift'),
                    key: 'gift',
                    render: (_, f, i) => (
                      <Form.Item name={[f.name, 'birthdayGift']} style={{ marginBottom: 0 }}>
                        <Input maxLength={200} style={{ width: 120 }} data-testid={`tier-gift-${i}`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('tiers.table.active'),
                    key: 'active',
                    render: (_, f, i) => (
                      <Form.Item name={[f.name, 'active']} valuePropName="checked" style={{ marginBottom: 0 }}>
                        <Switch disabled={i === 0} data-testid={`tier-active-${i}`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('tiers.table.members'),
                    key: 'members',
                    align: 'right',
                    render: (_, _f, i) => {
                      const id = rowsOf(form)[i]?.id;
                      const n = (id ? (counts.get(id) ?? 0) : 0) + (i === 0 ? unrated : 0);
                      return i === 0 && unrated ? (
                        <Tooltip title={t('tiers.table.unrated', { count: unrated })}>
                          <span data-testid={`tier-members-${i}`}>{n.toLocaleString()}</span>
                        </Tooltip>
                      ) : (
                        <span data-testid={`tier-members-${i}`}>{n.toLocaleString()}</span>
                      );
                    },
                  },
                  {
                    key: 'remove',
                    render: (_, f, i) => {
                      const held = !!rowsOf(form)[i]?.inUse;
                      return (
                        <Tooltip title={held ? t('tiers.table.inUse') : undefined}>
                          <Button
                            size="small"
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={t('tiers.table.remove')}
                            disabled={i === 0 || held}
                            onClick={() => remove(f.name)}
                            data-testid={`tier-remove-${i}`}
                          />
                        </Tooltip>
                      );
                    },
                  },
                ]}
              />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                style={{ marginTop: 12 }}
                disabled={fields.length >= 20}
                onClick={() => {
                  const last = rowsOf(form).at(-1);
                  add({ code: '', name: '', thresholdYuan: (last?.thresholdYuan ?? 0) + 10_000, discountPercent: 0, freeServices: [], birthdayGift: '', active: true });
                }}
                data-testid="tier-add"
              >
                {t('tiers.table.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}
