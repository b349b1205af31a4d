import { type ReactNode, useMemo } from 'react';
import { App, Form, type FormInstance, InputNumber } from 'antd';
import type { UseMutationResult } from '@tanstack/react-query';
import { isApiError } from '../../../shared/api/client';
import { FormModal } from '../../../shared/components/FormModal';
import { formatMoney, yuanToFen } from '../../../shared/format/money';
import { newIdempotencyKey } from '../counter.api';
import type { Movement } from '../value.api';
import { loyaltyErrorText } from './labels';

export interface AmountValues {
  amountYuan?: number;
}

type MovementMutation<B> = UseMutationResult<Movement, Error, { memberId: string; body: B; idempotencyKey: string }>;

interface Props<V extends AmountValues, B> {
  memberId: string;
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  form: FormInstance<V>;
  mutation: MovementMutation<B>;
  /** The request body from the checked values and the amount in fen. */
  toBody: (values: V, amountFen: number) => B;
  amount: { label: string; required: string; maxFen?: number; tooMuch?: string };
  /** Said under the amount as it is typed: the bonus it earns, the parts it takes… */
  preview?: (amountFen: number | null) => ReactNode;
  intro?: ReactNode;
  success: string;
  /** Form field names besides the amount that server issues may land on. */
  fields: string[];
  testId: string;
  children?: ReactNode;
}

/** The API's amountFen is the form's amountYuan. */
const mapName = (name: (string | number)[]) => (name[0] === 'amountFen' ? ['amountYuan'] : name);

/**
 * One stored-value movement (top-up, spend, refund) as a modal form: the amount typed in yuan and sent in fen, a
 * preview of what it does, and one Idempotency-Key per opening, so a double click or a retry after a lost answer
 * moves once. A refusal (balance, ceiling, principal left, member status) keeps the dialog open with the reason.
 */
export function ValueMovementModal<V extends AmountValues, B>(p: Props<V, B>) {
  const { message } = App.useApp();
  const idempotencyKey = useMemo(() => (p.open ? newIdempotencyKey() : ''), [p.open]);
  const yuan = Form.useWatch('amountYuan', p.form as FormInstance) as number | null | undefined;
  const fen = typeof yuan === 'number' && yuan > 0 ? yuanToFen(yuan) : null;
  const max = p.amount.maxFen;
  return (
    <FormModal<V>
      open={p.open}
      title={p.title}
      form={p.form}
      onClose={p.onClose}
      saving={p.mutation.isPending}
      success={p.success}
      okText={p.title}
      intro={p.intro}
      errors={{ fields: ['amountYuan', ...p.fields], mapName }}
      name={p.testId}
      onSubmit={async (v) => {
        try {
          await p.mutation.mutateAsync({ memberId: p.memberId, body: p.toBody(v, yuanToFen(v.amountYuan!)), idempotencyKey });
        } catch (e) {
          if (isApiError(e) && (e.code === 'conflict' || e.code === 'not_found')) {
            message.error(loyaltyErrorText(e));
            return false;
          }
          throw e;
        }
      }}
    >
      <Form.Item
        name="amountYuan"
        label={p.amount.label}
        extra={p.preview ? <span data-testid={`${p.testId}-preview`}>{p.preview(fen)}</span> : undefined}
        rules={[
          { required: true, message: p.amount.required },
          {
            validator: async (_r, y: number | null | undefined) => {
              if (max !== undefined && typeof y === 'number' && yuanToFen(y) > max) throw new Error(p.amount.tooMuch ?? formatMoney(max));
            },
          },
        ]}
      >
        <InputNumber min={0.01} max={100_000_000} precision={2} prefix="¥" style={{ width: 220 }} data-testid={`${p.testId}-amount`} />
      </Form.Item>
      {p.children}
    </FormModal>
  );
}
