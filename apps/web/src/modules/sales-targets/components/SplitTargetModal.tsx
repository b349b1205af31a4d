import { useMemo, useState } from 'react';
import { Alert, App, Checkbox, Flex, Form, InputNumber, Radio, Table, Typography } from 'antd';
import { ApartmentOutlined, UserOutlined } from '@ant-design/icons';
import { allocateFen, type SplitTargetInput } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { formatMoney, yuanToFen } from '../../../shared/format/money';
import { useSplitTarget } from '../api';
import type { TargetRow } from './tree';

interface Values {
  amountYuan?: number | null;
  mode: 'equal' | 'shares';
}

/**
 * 分解: distribute a unit's target to its direct children, equally or by shares, with a preview of what each gets
 * (the same arithmetic as the server: whole fen rounded down, the remainder to the last child).
 */
export function SplitTargetModal({ unit, period, open, onClose }: { unit: TargetRow; period: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('targets');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const split = useSplitTarget();
  const candidates = unit.children ?? [];
  const [selected, setSelected] = useState<Set<string>>(() => new Set(candidates.map((c) => c.key)));
  const [shares, setShares] = useState<Record<string, number>>(() => Object.fromEntries(candidates.map((c) => [c.key, 1])));
  const amountYuan = Form.useWatch('amountYuan', form);
  const mode = Form.useWatch('mode', form) ?? 'equal';
  const chosen = candidates.filter((c) => selected.has(c.key));
  const amountFen = amountYuan !== undefined && amountYuan !== null ? yuanToFen(amountYuan) : unit.targetFen;

  const preview = useMemo(() => {
    const weights = chosen.map((c) => (mode === 'equal' ? 1 : (shares[c.key] ?? 0)));
    if (amountFen === null || !chosen.length || weights.every((w) => w === 0)) return new Map<string, number>();
    const parts = allocateFen(amountFen, weights);
    return new Map(chosen.map((c, i) => [c.key, parts[i]]));
  }, [amountFen, chosen, mode, shares]);
  const remainder = (() => {
    if (amountFen === null || !chosen.length || !preview.size) return 0;
    const last = chosen[chosen.length - 1];
    const weights = chosen.map((c) => (mode === 'equal' ? 1 : (shares[c.key] ?? 0)));
    const total = weights.reduce((a, b) => a + b, 0);
    return preview.get(last.key)! - Number((BigInt(amountFen) * BigInt(weights[weights.length - 1])) / BigInt(total));
  })();

  const submit = async (v: Values) => {
    if (!chosen.length) {
      message.error(t('split.noChildSelected'));
      return false;
    }
    if (amountFen === null) {
      form.setFields([{ name: 'amountYuan', errors: [t('split.noAmount')] }]);
      return false;
    }
    const body: SplitTargetInput = {
      unitId: unit.id,
      period,
      mode: v.mode,
      ...(v.amountYuan !== undefined && v.amountYuan !== null ? { amountFen: yuanToFen(v.amountYuan) } : {}),
      children: chosen.map((c) => ({ subjectType: c.type, subjectId: c.id, ...(v.mode === 'shares' ? { share: shares[c.key] ?? 0 } : {}) })),
    };
    const res = await split.mutateAsync(body);
    message.success(t('split.done', { count: res.children.length }));
  };

  return (
    <FormModal<Values>
      open={open}
      title={t('split.title', { name: unit.name })}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={split.isPending}
      success={null}
      width={640}
      name="split-target"
    >
      <Form.Item name="amountYuan" label={t('split.amount')} extra={t('split.amountHint')}>
        <InputNumber<number> min={0} precision={2} style={{ width: 220 }} placeholder={unit.targetFen !== null ? String(unit.targetFen / 100) : undefined} data-testid="split-amount" />
      </Form.Item>
      <Form.Item name="mode" label={t('split.mode')} initialValue="equal">
        <Radio.Group
          options={[
            { value: 'equal', label: <span data-testid="split-mode-equal">{t('split.equal')}</span> },
            { value: 'shares', label: <span data-testid="split-mode-shares">{t('split.shares')}</span> },
          ]}
        />
      </Form.Item>
      {!candidates.length ? (
        <Alert type="info" showIcon title={unit.level > 0 ? t('split.deeper') : t('split.none')} />
      ) : (
        <Form.Item label={t('split.children')}>
          <Table<TargetRow>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={candidates.map(({ children: _c, ...rest }) => rest as TargetRow)}
            data-testid="split-children"
            columns={[
              {
                key: 'pick',
                width: 40,
                render: (_, c) => (
                  <Checkbox
                    checked={selected.has(c.key)}
                    onChange={(e) => setSelected((s) => { const next = new Set(s); if (e.target.checked) next.add(c.key); else next.delete(c.key); return next; })}
                    data-testid={`split-pick-${c.key}`}
                  />
                ),
              },
              {
                key: 'name',
                render: (_, c) => (
                  <Flex gap={6} align="center">
                    {c.type === 'unit' ? <ApartmentOutlined /> : <UserOutlined />}
                    {c.name}
                  </Flex>
                ),
              },
              ...(mode === 'shares'
                ? [
                    {
                      key: 'share',
                      title: t('split.share'),
                      width: 110,
                      render: (_: unknown, c: TargetRow) => (
                        <InputNumber<number>
                          size="small"
                          min={0}
                          precision={0}
                          value={shares[c.key] ?? 0}
                          disabled={!selected.has(c.key)}
                          onChange={(v) => setShares((s) => ({ ...s, [c.key]: v ?? 0 }))}
                          data-testid={`split-share-${c.key}`}
                        />
                      ),
                    },
                  ]
                : []),
              {
                key: 'preview',
                title: t('split.preview'),
                align: 'right' as const,
                render: (_, c) => (preview.has(c.key) ? <span data-testid={`split-preview-${c.key}`}>{formatMoney(preview.get(c.key)!)}</span> : '—'),
              },
            ]}
          />
          {remainder > 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('split.remainder', { fen: remainder })}
            </Typography.Text>
          ) : null}
        </Form.Item>
      )}
    </FormModal>
  );
}
