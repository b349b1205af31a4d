import { useEffect } from 'react';
import { Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { type Gift, useGiftList } from '../counter.api';
import { GiftStock, GiftThumb } from './GiftTable';

const PAGE = 8;

/** Why a gift cannot be chosen now: no stock, or its price is more than the points the member may spend. */
export function giftBlock(g: Pick<Gift, 'stock' | 'pointsPrice'>, spendable: number): 'outOfStock' | 'notEnough' | null {
  if (g.stock !== null && g.stock <= 0) return 'outOfStock';
  if (g.pointsPrice > spendable) return 'notEnough';
  return null;
}

interface Props {
  value?: string;
  onChange?: (id: string | undefined) => void;
  /**
   * The chosen gift itself (price and stock for the quantity and total): when the user picks one (`picked`), and again
   * whenever the list answers afresh (after a 409 the stock shown and the limits follow what is true now).
   */
  onGift: (g: Gift | null, picked: boolean) => void;
  /** Points the member may spend (balance less the minimum to keep). */
  spendable: number;
}

/** The gifts on offer with price and stock; one is chosen by its row (a form control of the redemption dialog). */
export function RedemptionGiftPicker({ value, onChange, onGift, spendable }: Props) {
  const { t } = useTranslation('loyalty');
  const cursors = useCursorStack('active');
  const { data, isFetching } = useGiftList({ active: 'true', limit: PAGE, cursor: cursors.cursor });
  const choose = (g: Gift) => {
    if (giftBlock(g, spendable)) return;
    onChange?.(g.id);
    onGift(g, true);
  };
  // A refreshed page carries the chosen gift's current stock (or drops it once withdrawn).
  const fresh = value ? data?.items.find((g) => g.id === value) : undefined;
  useEffect(() => {
    if (fresh) onGift(fresh, false);
    // onGift is the dialog's setter; the fresh row is what matters
  }, [fresh]);
  const columns: ColumnsType<Gift> = [
    {
      title: t('counter.redeem.gift'),
      dataIndex: 'name',
      render: (v: string, g) => (
        <Space>
          <GiftThumb url={g.imageUrl} />
          <span>{v}</span>
        </Space>
      ),
    },
    { title: t('counter.redeem.total'), dataIndex: 'pointsPrice', align: 'right', render: (v: number) => v.toLocaleString() },
    { title: t('counter.gifts.stock'), dataIndex: 'stock', align: 'right', render: (v: number | null) => <GiftStock stock={v} /> },
    {
      key: 'block',
      render: (_: unknown, g) => {
        const why = giftBlock(g, spendable);
        return why === 'notEnough' ? <Typography.Text type="secondary">{t('counter.redeem.notEnough')}</Typography.Text> : null;
      },
    },
  ];
  return (
    <>
      <Table<Gift>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        pagination={false}
        locale={{ emptyText: t('counter.redeem.noGifts') }}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: value ? [value] : [],
          onSelect: (g) => choose(g),
          getCheckboxProps: (g) => ({ disabled: !!giftBlock(g, spendable) }),
        }}
        onRow={(g) =>
          ({
            onClick: () => choose(g),
            style: { cursor: giftBlock(g, spendable) ? 'not-allowed' : 'pointer' },
            'data-testid': 'redeem-gift-row',
          }) as React.HTMLAttributes<HTMLElement>
        }
        data-testid="redeem-gifts"
      />
      {cursors.hasPrev || data?.nextCursor ? <KeysetPager cursors={cursors} nextCursor={data?.nextCursor} loading={isFetching} /> : null}
    </>
  );
}
