import type { Ref } from 'react';
import { Button, Card, Empty, Flex, Input, type InputRef, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LookupHit } from '../api';
import type { LookupProblem } from '../counter.api';
import { LookupCardTags } from './CardLabels';
import { MemberStatusTag } from './labels';

interface Props {
  ref?: Ref<InputRef>;
  value: string;
  onChange: (value: string) => void;
  hits: LookupHit[];
  searched: boolean;
  loading: boolean;
  /** Nobody found because the card number typed does not check. */
  problem: LookupProblem;
  chosenId: string | null;
  onSearch: (text: string) => void;
  onChoose: (hit: LookupHit) => void;
}

/**
 * The counter's one search box (Enter searches: a phone or a member number, scanned or typed) and the members it
 * found, each as a card with name (masked outside the caller's scope), number, status and balance, to choose from.
 */
export function CounterSearch({ ref, value, onChange, hits, searched, loading, problem, chosenId, onSearch, onChoose }: Props) {
  const { t } = useTranslation('loyalty');
  return (
    <Card size="small">
      <Input.Search
        ref={ref}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoFocus
        allowClear
        size="large"
        enterButton={t('counter.desk.search')}
        placeholder={t('counter.desk.searchPlaceholder')}
        loading={loading}
        onSearch={(v) => onSearch(v)}
        data-testid="counter-search"
      />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('counter.desk.hint')}
      </Typography.Paragraph>
      {searched && !loading ? (
        hits.length ? (
          <Flex wrap gap={12} style={{ marginTop: 12 }} data-testid="counter-hits">
            {hits.map((h) => (
              <Card
                key={h.memberId}
                size="small"
                style={{ width: 280, borderColor: h.memberId === chosenId ? '#1677ff' : undefined }}
                data-testid="counter-hit"
              >
                <Flex justify="space-between" align="start" gap={8}>
                  <Flex vertical gap={2}>
                    <Typography.Text strong data-testid="counter-hit-name">
                      {h.name ?? t('counter.desk.nameHidden')}
                    </Typography.Text>
                    <Space size={6}>
                      <Typography.Text data-testid="counter-hit-number">{h.number}</Typography.Text>
                      <MemberStatusTag status={h.status} />
                    </Space>
                    {h.card ? <LookupCardTags card={h.card} /> : null}
                    <Typography.Text type="secondary">{h.joinStoreName ? t('counter.desk.joinStore', { store: h.joinStoreName }) : ''}</Typography.Text>
                    <Typography.Text>
                      {t('field.balance')} <strong data-testid="counter-hit-balance">{h.balance.toLocaleString()}</strong>
                    </Typography.Text>
                  </Flex>
                  <Button type={h.memberId === chosenId ? 'primary' : 'default'} onClick={() => onChoose(h)} data-testid="counter-choose">
                    {t('counter.desk.choose')}
                  </Button>
                </Flex>
              </Card>
            ))}
          </Flex>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={problem === 'check_digit' ? t('counter.desk.checkDigit') : t('counter.desk.none')} data-testid="counter-none" />
        )
      ) : null}
    </Card>
  );
}
