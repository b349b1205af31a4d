import { useState } from 'react';
import { Button, Card, Flex, Segmented, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useUrlFilters } from '../../../shared/hooks/useUrlFilters';
import type { Gift, GiftFilters } from '../counter.api';
import { GiftTable } from '../components/GiftTable';
import { RedemptionList } from '../components/RedemptionList';

const KEYS = ['tab', 'active'] as const;
type Active = '' | 'true' | 'false';

/**
 * 礼品目录: the gift catalogue (everyone with loyalty:view reads it; loyalty:admin adds, edits, offers or withdraws
 * gifts and sets stock) and the redemptions made at the caller's stores, with cancellation for loyalty:adjust.
 */
export default function GiftsPage() {
  const { t } = useTranslation('loyalty');
  const canAdmin = useCan('loyalty:admin');
  const { filters, update } = useUrlFilters<{ tab?: string; active?: string }>(KEYS);
  const tab = filters.tab === 'redemptions' ? 'redemptions' : 'gifts';
  const [limit, setLimit] = useState(20);
  // undefined: no dialog; null: a new gift; a gift: editing it.
  const [editing, setEditing] = useState<Gift | null | undefined>(undefined);
  const active = (filters.active ?? '') as Active;
  return (
    <>
      <PageHeader
        title={t('counter.gifts.title')}
        extra={
          canAdmin && tab === 'gifts' ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="gift-add">
              {t('counter.gifts.add')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'gifts' ? undefined : k })}
          items={[
            {
              key: 'gifts',
              label: <span data-testid="gifts-tab-catalogue">{t('counter.gifts.catalogue')}</span>,
              children: (
                <>
                  <Flex style={{ marginBottom: 16 }}>
                    <Segmented<Active>
                      value={active}
                      onChange={(v) => update({ active: v || undefined })}
                      options={[
                        { value: '', label: t('counter.gifts.anyActive') },
                        { value: 'true', label: t('counter.gifts.onlyActive') },
                        { value: 'false', label: t('counter.gifts.onlyInactive') },
                      ]}
                      data-testid="gift-filter-active"
                    />
                  </Flex>
                  <GiftTable filters={{ active: active || undefined } satisfies GiftFilters} limit={limit} onLimit={setLimit} editing={editing} onEdit={setEditing} />
                </>
              ),
            },
            {
              key: 'redemptions',
              label: <span data-testid="gifts-tab-redemptions">{t('counter.gifts.redemptions')}</span>,
              children: <RedemptionList />,
            },
          ]}
        />
      </Card>
    </>
  );
}
