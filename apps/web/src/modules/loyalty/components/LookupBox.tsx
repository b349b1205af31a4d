import { useState } from 'react';
import { Card, Empty, Flex, Input, List, Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMemberLookup } from '../api';
import { MemberStatusTag } from './labels';
import { LookupCardTags } from './CardLabels';

type By = 'phone' | 'number' | 'card';

/** The counter's box: a phone number or member number → the member's balance, in any store of the brand (LOY-7). */
export function LookupBox() {
  const { t } = useTranslation('loyalty');
  const [by, setBy] = useState<By>('phone');
  const [q, setQ] = useState<{ phone?: string; number?: string; card?: string } | null>(null);
  const found = useMemberLookup(q);
  return (
    <Card size="small" title={t('lookup.title')} data-testid="member-lookup">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('lookup.hint')}
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        <Segmented<By>
          value={by}
          onChange={setBy}
          options={[
            { value: 'phone', label: t('lookup.byPhone') },
            { value: 'number', label: t('lookup.byNumber') },
            { value: 'card', label: t('cards.lookup.byCard') },
          ]}
          data-testid="lookup-by"
        />
        <Input.Search
          allowClear
          enterButton={t('lookup.search')}
          placeholder={by === 'phone' ? t('lookup.placeholderPhone') : by === 'card' ? t('cards.lookup.placeholderCard') : t('lookup.placeholderNumber')}
          onSearch={(v) => setQ(v.trim() ? { [by]: v.trim() } : null)}
          style={{ width: 300 }}
          data-testid="lookup-input"
        />
      </Flex>
      {q ? (
        <List
          style={{ marginTop: 8 }}
          loading={found.isFetching}
          dataSource={found.data ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lookup.none')} /> }}
          data-testid="lookup-results"
          renderItem={(hit) => (
            <List.Item extra={<Link to={`/loyalty/members/${hit.memberId}`}>{t('lookup.open')}</Link>} data-testid="lookup-hit">
              <Space wrap>
                <Typography.Text strong>{hit.number}</Typography.Text>
                <span>{hit.name ?? ''}</span>
                <MemberStatusTag status={hit.status} />
                {hit.card ? <LookupCardTags card={hit.card} /> : null}
                <Typography.Text type="secondary">{hit.joinStoreName ?? ''}</Typography.Text>
                <Typography.Text data-testid="lookup-balance">
                  {t('field.balance')} {hit.balance.toLocaleString()}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}
