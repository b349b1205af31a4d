import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Divider, Flex, Form, Input, Radio, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/client';
import { errorText } from '../../../shared/api/errors';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { DATE_FORMAT } from '../../../shared/format/date';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { RegionCascader } from '../../../shared/regions/RegionCascader';
import { MoneyInput } from '../../catalogue';
import { type LeadFull, useConvertLead, useCustomerSearch } from '../api';

interface Values {
  mode: 'create' | 'reuse';
  customerId?: string;
  name?: string;
  phones?: string;
  region?: string[];
  address?: string;
  withOpportunity: boolean;
  opportunityName?: string;
  amountFen?: number | null;
  expectedCloseDate?: Dayjs | null;
}

interface Candidate {
  customerId: string | null;
  name: string | null;
}

function CustomerPick({ value, onChange, known, open }: { value?: string; onChange?: (v: string) => void; known: { id: string; name: string }[]; open: boolean }) {
  const { t } = useTranslation('leads');
  const [term, setTerm] = useState('');
  const q = useDebounced(term.trim(), 300);
  const found = useCustomerSearch(q, open && q.length > 0);
  const options = useMemo(() => {
    const list = (found.data ?? []).map((c) => ({
      value: c.id,
      label: (
        <Space size={6}>
          <span>{c.name}</span>
          <Typography.Text type="secondary">{[c.phones?.[0], c.code, c.storeName].filter(Boolean).join(' · ')}</Typography.Text>
        </Space>
      ),
    }));
    for (const k of known) if (!list.some((o) => o.value === k.id)) list.unshift({ value: k.id, label: <span>{k.name}</span> });
    return list;
  }, [found.data, known]);
  return (
    <Select
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setTerm }}
      loading={found.isFetching}
      placeholder={t('convert.pick')}
      options={options}
      data-testid="convert-customer"
    />
  );
}

/**
 * 转化线索 (LEAD-4): link an existing customer or create one prefilled from the lead, optionally with an opportunity.
 * A likely duplicate answers with the candidates: link one, or create anyway.
 */
export function ConvertModal({ lead, open, onClose }: { lead: LeadFull; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('leads');
  const rules = useRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const convert = useConvertLead();
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const mode = Form.useWatch('mode', form);
  const withOpportunity = Form.useWatch('withOpportunity', form);
  const known = useMemo(
    () => [
      ...lead.duplicates.filter((d) => d.kind === 'customer' && d.id).map((d) => ({ id: d.id!, name: d.name ?? d.id! })),
      ...(candidates ?? []).filter((c) => c.customerId).map((c) => ({ id: c.customerId!, name: c.name ?? c.customerId! })),
    ],
    [lead.duplicates, candidates],
  );
  useEffect(() => {
    if (!open) return;
    setCandidates(null);
    form.resetFields();
    const dup = lead.duplicates.find((d) => d.kind === 'customer' && d.id);
    form.setFieldsValue({
      mode: dup ? 'reuse' : 'create',
      customerId: dup?.id ?? undefined,
      name: lead.name,
      phones: lead.phones.join(', '),
      region: [lead.provinceCode, lead.cityCode, lead.districtCode].filter((c): c is string => !!c),
      address: lead.address ?? undefined,
      withOpportunity: true,
      opportunityName: lead.name,
      amountFen: null,
    });
  }, [open, lead, form]);

  const send = async (v: Values, ignoreDuplicates = false) => {
    const [provinceCode = null, cityCode = null, districtCode = null] = v.region ?? [];
    const opportunity = v.withOpportunity
      ? { name: (v.opportunityName ?? '').trim(), amountFen: v.amountFen ?? 0, expectedCloseDate: v.expectedCloseDate ? v.expectedCloseDate.format(DATE_FORMAT) : null }
      : undefined;
    const body =
      v.mode === 'reuse'
        ? { customerId: v.customerId, opportunity }
        : {
            customer: {
              name: v.name?.trim(),
              phones: (v.phones ?? '').split(/[,，\s]+/).filter(Boolean),
              provinceCode,
              cityCode,
              districtCode,
              address: v.address?.trim() || null,
            },
            ignoreDuplicates,
            opportunity,
          };
    try {
      await convert.mutateAsync({ id: lead.id, body });
      return 'done' as const;
    } catch (e) {
      if (isApiError(e) && e.code === 'duplicate_suspected') {
        setCandidates((e.params.duplicates as Candidate[] | undefined) ?? []);
        return 'duplicates' as const;
      }
      throw e;
    }
  };
  const createAnyway = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      if ((await send(v, true)) === 'done') {
        message.success(t('convert.done'));
        onClose();
      }
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <FormModal<Values>
      open={open}
      title={t('convert.title')}
      form={form}
      onClose={onClose}
      saving={convert.isPending}
      success={t('convert.done')}
      okText={t('action.convert')}
      width={640}
      errors={{ mapName: (n) => (n[0] === 'customer' ? (['provinceCode', 'cityCode', 'districtCode'].includes(String(n[1])) ? ['region'] : [n[1]]) : n[0] === 'opportunity' ? [n[1] === 'name' ? 'opportunityName' : n[1]] : n) }}
      onSubmit={async (v) => ((await send(v)) === 'done' ? undefined : false)}
    >
      <Form.Item name="mode" label={t('convert.mode')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'create', label: t('convert.create') },
            { value: 'reuse', label: t('convert.reuse') },
          ]}
          data-testid="convert-mode"
        />
      </Form.Item>
      {mode === 'reuse' ? (
        <Form.Item name="customerId" label={t('convert.reuse')} rules={[rules.requiredSelect(t('convert.reuse'))]}>
          <CustomerPick known={known} open={open} />
        </Form.Item>
      ) : (
        <>
          <Alert type="info" showIcon title={t('convert.prefilled')} style={{ marginBottom: 12 }} />
          <Form.Item name="name" label={t('field.name')} rules={[rules.required(t('field.name')), rules.max(100)]}>
            <Input data-testid="convert-name" />
          </Form.Item>
          <Form.Item name="phones" label={t('field.phones')}>
            <Input data-testid="convert-phones" />
          </Form.Item>
          <Form.Item name="region" label={t('field.region')}>
            <RegionCascader />
          </Form.Item>
          <Form.Item name="address" label={t('field.address')} rules={[rules.max(300)]}>
            <Input />
          </Form.Item>
          {candidates ? (
            <Alert
              type="warning"
              showIcon
              title={t('convert.duplicates')}
              data-testid="convert-duplicates"
              description={
                <Flex vertical gap={8}>
                  {candidates.map((c, i) => (
                    <Flex key={c.customerId ?? i} justify="space-between" align="center" gap={8}>
                      <span>{c.name ?? t('convert.hiddenCustomer')}</span>
                      {c.customerId ? (
                        <Button size="small" onClick={() => form.setFieldsValue({ mode: 'reuse', customerId: c.customerId! })} data-testid="convert-reuse-candidate">
                          {t('convert.reuseThis')}
                        </Button>
                      ) : null}
                    </Flex>
                  ))}
                  <Button onClick={createAnyway} loading={convert.isPending} data-testid="convert-create-anyway">
                    {t('convert.createAnyway')}
                  </Button>
                </Flex>
              }
            />
          ) : null}
        </>
      )}
      <Divider />
      <Form.Item name="withOpportunity" valuePropName="checked">
        <Checkbox data-testid="convert-with-opportunity">{t('convert.withOpportunity')}</Checkbox>
      </Form.Item>
      {withOpportunity ? (
        <>
          <Form.Item name="opportunityName" label={t('convert.opportunityName')} rules={[rules.required(t('convert.opportunityName')), rules.max(200)]}>
            <Input data-testid="convert-opportunity-name" />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="amountFen" label={t('convert.amount')} style={{ flex: 1 }}>
              <MoneyInput testId="convert-amount" />
            </Form.Item>
            <Form.Item name="expectedCloseDate" label={t('convert.expectedClose')} style={{ flex: 1 }}>
              <DatePicker style={{ width: '100%' }} data-testid="convert-close-date" />
            </Form.Item>
          </Flex>
        </>
      ) : null}
    </FormModal>
  );
}
