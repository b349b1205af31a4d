import { App, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { isApiError } from '../../../shared/api/client';
import { fenToYuan, yuanToFen } from '../../../shared/format/money';
import { type Card, useCardDiscount, useCardLimits, useCardStep, useIssueCard, useReplaceCard } from '../cards.api';
import { cardErrorText } from './CardLabels';

/** The dialogs of card steps: issue, replace, cancel, discount, sub-card limits. */

interface ModalProps {
  open: boolean;
  onClose: () => void;
}

/** Run a save; a conflict is said in a message (the dialog stays open), field issues go to the form as usual. */
export function useCardSave() {
  const { message } = App.useApp();
  return async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (e) {
      if (isApiError(e) && e.code === 'conflict') {
        message.error(cardErrorText(e));
        return false;
      }
      throw e;
    }
  };
}

const numberRule = { pattern: /^[0-9\s-]*[0-9xX]$/, message: '' };

export function IssueCardModal({ memberId, open, onClose }: ModalProps & { memberId: string }) {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ number?: string; note?: string }>();
  const issue = useIssueCard(memberId);
  const save = useCardSave();
  return (
    <FormModal
      open={open}
      title={t('cards.issueModal.title')}
      form={form}
      onClose={onClose}
      saving={issue.isPending}
      success={null}
      okText={t('cards.issueModal.title')}
      errors={{ fields: ['number', 'note'] }}
      onSubmit={(v) =>
        save(async () => {
          const card = await issue.mutateAsync({ number: v.number?.trim() || undefined, note: v.note?.trim() || null });
          message.success(t('cards.issueModal.done', { number: card.number }));
          if (card.status === 'issued') message.info(t('cards.issueModal.activateHint'));
        })
      }
    >
      <Form.Item name="number" label={t('cards.issueModal.number')} extra={t('cards.issueModal.numberHelp')} rules={[{ ...numberRule, message: t('common:issue.card_format') }]}>
        <Input maxLength={40} inputMode="numeric" data-testid="card-issue-number" />
      </Form.Item>
      <Form.Item name="note" label={t('cards.issueModal.note')}>
        <Input maxLength={500} data-testid="card-issue-note" />
      </Form.Item>
    </FormModal>
  );
}

export function ReplaceCardModal({ card, open, onClose }: ModalProps & { card: Card }) {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ number?: string; reason?: string }>();
  const replace = useReplaceCard();
  const save = useCardSave();
  return (
    <FormModal
      open={open}
      title={t('cards.replaceModal.title')}
      form={form}
      onClose={onClose}
      saving={replace.isPending}
      success={null}
      intro={<p>{t('cards.replaceModal.intro', { number: card.number })}</p>}
      errors={{ fields: ['number', 'reason'] }}
      onSubmit={(v) =>
        save(async () => {
          const fresh = await replace.mutateAsync({ id: card.id, body: { number: v.number?.trim() || undefined, reason: v.reason?.trim() || null } });
          message.success(t('cards.replaceModal.done', { number: fresh.number }));
        })
      }
    >
      <Form.Item name="reason" label={t('cards.replaceModal.reason')}>
        <Input maxLength={500} placeholder={t('cards.replaceModal.reasonPlaceholder')} data-testid="card-replace-reason" />
      </Form.Item>
      <Form.Item name="number" label={t('cards.replaceModal.number')} extra={t('cards.issueModal.numberHelp')} rules={[{ ...numberRule, message: t('common:issue.card_format') }]}>
        <Input maxLength={40} inputMode="numeric" data-testid="card-replace-number" />
      </Form.Item>
    </FormModal>
  );
}

export function CancelCardModal({ card, open, onClose }: ModalProps & { card: Card }) {
  const { t } = useTranslation('loyalty');
  const [form] = Form.useForm<{ reason: string }>();
  const step = useCardStep();
  const save = useCardSave();
  return (
    <FormModal
      open={open}
      title={t('cards.cancelModal.title')}
      form={form}
      onClose={onClose}
      saving={step.isPending}
      success={t('cards.cancelModal.done')}
      intro={<p>{t('cards.cancelModal.intro')}</p>}
      errors={{ fields: ['reason'] }}
      onSubmit={(v) => save(() => step.mutateAsync({ id: card.id, step: 'cancel', body: { reason: v.reason.trim() } }))}
    >
      <Form.Item name="reason" label={t('cards.cancelModal.reason')} rules={[{ required: true, whitespace: true, message: t('cards.cancelModal.reasonRequired') }]}>
        <Input.TextArea rows={2} maxLength={500} data-testid="card-cancel-reason" />
      </Form.Item>
    </FormModal>
  );
}

export function DiscountModal({ card, open, onClose }: ModalProps & { card: Card }) {
  const { t } = useTranslation('loyalty');
  const [form] = Form.useForm<{ discountPercent?: number | null }>();
  const discount = useCardDiscount();
  const save = useCardSave();
  return (
    <FormModal
      open={open}
      title={t('cards.discountModal.title')}
      form={form}
      onClose={onClose}
      saving={discount.isPending}
      errors={{ fields: ['discountPercent'] }}
      onSubmit={(v) => save(() => discount.mutateAsync({ id: card.id, discountPercent: v.discountPercent ?? null }))}
    >
      <Form.Item name="discountPercent" label={t('cards.discountModal.percent')} extra={t('cards.discountModal.help')} initialValue={card.discountPercent}>
        <InputNumber min={1} max={99} precision={0} suffix="%" style={{ width: 160 }} data-testid="card-discount-percent" />
      </Form.Item>
    </FormModal>
  );
}

interface LimitValues {
  monthlyPointsLimit?: number | null;
  monthlyValueLimitYuan?: number | null;
}

/** The two limit boxes (points; stored value in yuan), shared by the limits dialog and the add-member dialog. */
export function LimitFields({ pointsLabel, valueLabel, extra, initial }: { pointsLabel: string; valueLabel: string; extra?: string; initial?: Card }) {
  return (
    <>
      <Form.Item name="monthlyPointsLimit" label={pointsLabel} extra={extra} initialValue={initial?.monthlyPointsLimit ?? null}>
        <InputNumber min={0} max={10_000_000_000} precision={0} style={{ width: 200 }} data-testid="limit-points" />
      </Form.Item>
      <Form.Item
        name="monthlyValueLimitYuan"
        label={valueLabel}
        extra={extra}
        initialValue={initial?.monthlyValueLimitFen === null || initial?.monthlyValueLimitFen === undefined ? null : fenToYuan(initial.monthlyValueLimitFen)}
      >
        <InputNumber min={0} max={100_000_000} precision={2} prefix="¥" style={{ width: 200 }} data-testid="limit-value" />
      </Form.Item>
    </>
  );
}

/** Form values → the limits body (empty: no limit; yuan → fen). */
export const limitsBody = (v: LimitValues) => ({
  monthlyPointsLimit: v.monthlyPointsLimit ?? null,
  monthlyValueLimitFen: v.monthlyValueLimitYuan === null || v.monthlyValueLimitYuan === undefined ? null : yuanToFen(v.monthlyValueLimitYuan),
});

export function LimitsModal({ card, open, onClose }: ModalProps & { card: Card }) {
  const { t } = useTranslation('loyalty');
  const [form] = Form.useForm<LimitValues>();
  const limits = useCardLimits();
  const save = useCardSave();
  return (
    <FormModal
      open={open}
      title={t('cards.limitsModal.title')}
      form={form}
      onClose={onClose}
      saving={limits.isPending}
      intro={<p>{t('cards.limitsModal.intro')}</p>}
      errors={{ mapName: (n) => (n[0] === 'monthlyValueLimitFen' ? ['monthlyValueLimitYuan'] : n) }}
      onSubmit={(v) => save(() => limits.mutateAsync({ id: card.id, body: limitsBody(v) }))}
    >
      <LimitFields pointsLabel={t('cards.limitsModal.points')} valueLabel={t('cards.limitsModal.value')} initial={card} />
    </FormModal>
  );
}
