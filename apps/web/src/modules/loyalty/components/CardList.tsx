import { useState } from 'react';
import { App, Button, type ButtonProps, Flex, Popconfirm, Space, Table, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CARD_TRANSITIONS } from '@jiake/shared';
import { useCan } from '../../../shared/auth/access';
import { formatDateTime } from '../../../shared/format/date';
import { type Card, useCardStep } from '../cards.api';
import { CardKindTag, CardStatusTag, cardErrorText, discountText, LimitsText } from './CardLabels';
import { CancelCardModal, DiscountModal, LimitsModal, ReplaceCardModal } from './CardModals';

type Dialog = { kind: 'replace' | 'cancel' | 'discount' | 'limits'; card: Card } | null;
const FINAL = ['replaced', 'cancelled'];

/** A card's steps, oldest first: what, when, by whom and where. */
export function CardSteps({ card }: { card: Card }) {
  const { t } = useTranslation('loyalty');
  return (
    <Timeline
      style={{ marginTop: 8, marginBottom: 0 }}
      items={card.events.map((e) => ({
        color: e.toStatus === 'lost' ? 'red' : e.toStatus === 'active' ? 'green' : 'gray',
        content: (
          <Flex vertical>
            <span>{t('cards.eventLine', { time: formatDateTime(e.at), action: t(`cards.event.${e.action}`), who: e.byName ?? '', store: e.storeName ?? '' })}</span>
            {e.note ? <Typography.Text type="secondary">{e.note}</Typography.Text> : null}
          </Flex>
        ),
      }))}
    />
  );
}

/** The buttons a card's status and the caller's rights allow. */
function CardActions({ card, onDialog }: { card: Card; onDialog: (d: Dialog) => void }) {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const canEnrol = useCan('loyalty:enrol');
  const canAdjust = useCan('loyalty:adjust');
  const step = useCardStep();
  const allows = (s: keyof typeof CARD_TRANSITIONS) => CARD_TRANSITIONS[s].includes(card.status);
  // Resolves when the step has ended either way, so a confirm popup can spin on its OK button until then.
  const run = (s: 'activate' | 'report-lost', done: string) =>
    step.mutateAsync({ id: card.id, step: s }).then(
      () => void message.success(done),
      (e: unknown) => void message.error(cardErrorText(e)),
    );
  // While a step runs, the row's step buttons are disabled, not only spinning: a click on a spinning antd button is
  // swallowed without a sign, a disabled one is plainly not clickable.
  const busy = step.isPending && step.variables?.id === card.id;
  return (
    <Space size={4} wrap>
      {canEnrol && allows('activate') ? (
        <Button size="small" type="primary" loading={busy} disabled={busy} onClick={() => void run('activate', t('cards.activated'))} data-testid="card-activate">
          {t('cards.action.activate')}
        </Button>
      ) : null}
      {canEnrol && allows('report_lost') ? (
        <Popconfirm title={t('cards.reportLost.confirm')} onConfirm={() => run('report-lost', t('cards.reportLost.done'))} okButtonProps={{ danger: true, 'data-testid': 'card-report-lost-ok' } as ButtonProps}>
          <Button size="small" danger disabled={busy} data-testid="card-report-lost">
            {t('cards.action.reportLost')}
          </Button>
        </Popconfirm>
      ) : null}
      {canAdjust && allows('replace') ? (
        <Button size="small" onClick={() => onDialog({ kind: 'replace', card })} data-testid="card-replace">
          {t('cards.action.replace')}
        </Button>
      ) : null}
      {canAdjust && !FINAL.includes(card.status) ? (
        <Button size="small" onClick={() => onDialog({ kind: 'discount', card })} data-testid="card-discount">
          {t('cards.action.discount')}
        </Button>
      ) : null}
      {canEnrol && card.kind === 'sub' && !FINAL.includes(card.status) ? (
        <Button size="small" onClick={() => onDialog({ kind: 'limits', card })} data-testid="card-limits-edit">
          {t('cards.action.limits')}
        </Button>
      ) : null}
      {canAdjust && allows('cancel') ? (
        <Button size="small" type="text" danger onClick={() => onDialog({ kind: 'cancel', card })} data-testid="card-cancel">
          {t('cards.action.cancel')}
        </Button>
      ) : null}
    </Space>
  );
}

/** A member's cards, newest first, with their status, discount, limits, where and when issued, steps and actions. */
export function CardList({ cards, loading }: { cards: Card[]; loading: boolean }) {
  const { t } = useTranslation('loyalty');
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  return (
    <>
      <Table<Card>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={cards}
        pagination={false}
        locale={{ emptyText: t('cards.panel.empty') }}
        expandable={{ expandedRowRender: (c) => <CardSteps card={c} />, expandRowByClick: false }}
        data-testid="member-cards"
        onRow={(c) => ({ 'data-testid': `card-row-${c.status}` }) as object}
        columns={[
          {
            title: t('cards.field.number'),
            dataIndex: 'number',
            render: (n: string) => (
              <Typography.Text copyable code data-testid="card-number">
                {n}
              </Typography.Text>
            ),
          },
          { title: t('cards.field.kind'), dataIndex: 'kind', render: (k: Card['kind']) => <CardKindTag kind={k} /> },
          { title: t('cards.field.status'), dataIndex: 'status', render: (s: Card['status']) => <CardStatusTag status={s} /> },
          { title: t('cards.field.discount'), dataIndex: 'discountPercent', render: (p: number | null) => discountText(p) },
          {
            title: t('cards.field.limits'),
            key: 'limits',
            render: (_, c) => (c.kind === 'sub' ? <LimitsText points={c.monthlyPointsLimit} valueFen={c.monthlyValueLimitFen} /> : null),
          },
          {
            title: t('cards.field.issued'),
            key: 'issued',
            render: (_, c) => t('cards.panel.issuedAt', { time: formatDateTime(c.issuedAt), store: c.events[0]?.storeName ?? '' }),
          },
          { title: t('cards.field.actions'), key: 'actions', render: (_, c) => <CardActions card={c} onDialog={setDialog} /> },
        ]}
      />
      {dialog?.kind === 'replace' ? <ReplaceCardModal open card={dialog.card} onClose={close} /> : null}
      {dialog?.kind === 'cancel' ? <CancelCardModal open card={dialog.card} onClose={close} /> : null}
      {dialog?.kind === 'discount' ? <DiscountModal open card={dialog.card} onClose={close} /> : null}
      {dialog?.kind === 'limits' ? <LimitsModal open card={dialog.card} onClose={close} /> : null}
    </>
  );
}
