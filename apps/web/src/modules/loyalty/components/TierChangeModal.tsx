import { App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { isApiError } from '../../../shared/api/client';
import { type MemberTier, useChangeMemberTier, useTiers } from '../tiers.api';
import { loyaltyErrorText } from './labels';

interface Values {
  tierId: string;
  reason: string;
}

/** 调整会员等级 (loyalty:adjust): any other active tier, up or down, with a reason. */
export function TierChangeModal({ memberId, current, open, onClose }: { memberId: string; current: MemberTier; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const tiers = useTiers(open);
  const change = useChangeMemberTier(memberId);
  const options = (tiers.data ?? []).filter((x) => x.active && x.id !== current.tier.id).map((x) => ({ value: x.id, label: x.name }));
  return (
    <FormModal<Values>
      open={open}
      title={t('tiers.change.title')}
      form={form}
      onClose={onClose}
      saving={change.isPending}
      success={t('tiers.change.done')}
      loading={tiers.isLoading}
      intro={<p>{t('tiers.change.intro')}</p>}
      errors={{ fields: ['tierId', 'reason'] }}
      onSubmit={async (v) => {
        try {
          await change.mutateAsync({ tierId: v.tierId, reason: v.reason.trim() });
        } catch (e) {
          if (isApiError(e) && e.code === 'conflict') {
            message.error(loyaltyErrorText(e));
            return false;
          }
          throw e;
        }
      }}
    >
      <Form.Item name="tierId" label={t('tiers.change.tier')} rules={[{ required: true, message: t('tiers.change.tierRequired') }]}>
        <Select options={options} data-testid="tier-change-select" />
      </Form.Item>
      <Form.Item name="reason" label={t('tiers.change.reason')} rules={[{ required: true, whitespace: true, message: t('tiers.change.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="tier-change-reason" />
      </Form.Item>
    </FormModal>
  );
}
