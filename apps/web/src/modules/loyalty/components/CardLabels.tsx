import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import i18n from 'i18next';
import type { CardKind, CardStatus } from '@jiake/shared';
import { isApiError } from '../../../shared/api/client';
import { formatMoney } from '../../../shared/format/money';
import type { LookupHit } from '../api';
import { loyaltyErrorText } from './labels';

/** Tags, texts and error sentences of member cards. */

const STATUS_COLOR: Record<CardStatus, string> = { issued: 'gold', active: 'green', lost: 'red', replaced: 'default', cancelled: 'default' };

export function CardStatusTag({ status }: { status: CardStatus }) {
  const { t } = useTranslation('loyalty');
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="card-status">
      {t(`cards.status.${status}`)}
    </Tag>
  );
}

export function CardKindTag({ kind }: { kind: CardKind }) {
  const { t } = useTranslation('loyalty');
  return <Tag color={kind === 'primary' ? 'blue' : 'purple'}>{t(`cards.kind.${kind}`)}</Tag>;
}

/** The card a counter lookup answered: its number and status, a warning when it must be refused, its successor. */
export function LookupCardTags({ card }: { card: NonNullable<LookupHit['card']> }) {
  const { t } = useTranslation('loyalty');
  return (
    <Space size={4} wrap data-testid="lookup-card">
      <Typography.Text code>{card.number}</Typography.Text>
      <CardKindTag kind={card.kind} />
      <CardStatusTag status={card.status} />
      {card.usable ? null : (
        <Typography.Text type="danger" strong data-testid="lookup-card-not-usable">
          {t('cards.lookup.notUsable')}
        </Typography.Text>
      )}
      {card.replacedByNumber ? <Typography.Text type="secondary">{t('cards.lookup.replacedBy', { number: card.replacedByNumber })}</Typography.Text> : null}
    </Space>
  );
}

/** 5 → 9.5折 (zh) / 5% off (en). */
export function discountText(percent: number | null): string {
  if (percent === null) return i18n.t('loyalty:cards.discount.none');
  return i18n.t('loyalty:cards.discount.value', { percent, rate: (100 - percent) / 10 });
}

/** A sub card's monthly limits in one line. */
export function LimitsText({ points, valueFen }: { points: number | null; valueFen: number | null }) {
  const { t } = useTranslation('loyalty');
  if (points === null && valueFen === null) return <Typography.Text type="secondary">{t('cards.limit.none')}</Typography.Text>;
  const parts = [
    points !== null ? t('cards.limit.points', { points: points.toLocaleString() }) : null,
    valueFen !== null ? t('cards.limit.value', { value: formatMoney(valueFen) }) : null,
  ].filter(Boolean);
  return <span data-testid="card-limits">{parts.join(' · ')}</span>;
}

/**
 * A card or family API error in the user's words: the conflicts that carry a card status or what remains of a limit
 * say so; the rest as the module's sentence.
 */
export function cardErrorText(err: unknown): string {
  if (!isApiError(err)) return loyaltyErrorText(err);
  const p = err.params;
  const status = typeof p.status === 'string' ? i18n.t(`loyalty:cards.status.${p.status}`, { defaultValue: p.status }) : '';
  if (p.reason === 'card_status' || p.reason === 'card_not_usable') return i18n.t(`loyalty:cards.conflict.${p.reason}`, { status });
  if (p.reason === 'card_limit_exceeded') {
    const left = Number(p.remaining ?? 0);
    return i18n.t('loyalty:cards.conflict.card_limit_exceeded', { remaining: p.limit === 'value' ? formatMoney(left) : left.toLocaleString() });
  }
  return loyaltyErrorText(err);
}
