import { type ReactNode, useMemo } from 'react';
import { Empty, Table } from 'antd';
import type { TableColumnType, TableProps } from 'antd';
import { useNavigate } from 'react-router-dom';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { useKeyedState } from '../../../shared/hooks/useKeyedState';
import { useCustomerList } from '../api/customers';
import type { Customer, CustomerFilters } from '../types';
import type { CustomerColumn } from './useCustomerColumns';

interface Props {
  filters: CustomerFilters;
  limit: number;
  update: (patch: Partial<CustomerFilters> & { limit?: number }) => void;
  columns: CustomerColumn[];
  visibleKeys: string[];
  /** A trailing column of row actions (e.g. 领取 in the pool). */
  actionColumn?: TableColumnType<Customer>;
  selection?: { selected: string[]; onChange: (ids: string[]) => void };
  emptyText: ReactNode;
}

/** Customers in keyset pages: 上一页/下一页 over cursors, page size, total on demand, sortable headers. */
export function CustomerTable({ filters, limit, update, columns, visibleKeys, actionColumn, selection, emptyText }: Props) {
  const navigate = useNavigate();
  const filterKey = JSON.stringify({ filters, limit });
  const pager = useCursorStack(filterKey);
  // Counting is asked for once per filter set; later pages keep showing the count.
  const [withTotal, setWithTotal] = useKeyedState(false, filterKey);
  const { data, isFetching } = useCustomerList({ ...filters, limit, cursor: pager.cursor, ...(withTotal ? { withTotal: 'true' as const } : {}) });
  const total = withTotal && data?.total !== undefined ? { total: data.total, estimate: !!data.totalIsEstimate } : null;

  const sort = filters.sort ?? 'createdAt';
  const order = filters.order ?? 'desc';
  const shown = useMemo(() => {
    const byKey = new Map(columns.map((c) => [c.key, c]));
    const list = visibleKeys.map((k) => byKey.get(k)).filter((c): c is CustomerColumn => !!c);
    return [
      ...list.map((c) => ({ ...c, sortOrder: c.sorter && c.key === sort ? (order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null })),
      ...(actionColumn ? [actionColumn] : []),
    ];
  }, [columns, visibleKeys, actionColumn, sort, order]);

  const onChange: TableProps<Customer>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? (s.columnKey as CustomerFilters['sort']) : undefined;
    update({ sort: key && key !== 'createdAt' ? key : undefined, order: s?.order === 'ascend' ? 'asc' : undefined });
  };

  return (
    <>
      <div data-testid="customer-table">
        <Table<Customer>
          rowKey="id"
          columns={shown}
          dataSource={data?.items ?? []}
          loading={isFetching}
          pagination={false}
          onChange={onChange}
          scroll={{ x: 'max-content' }}
          sortDirections={['descend', 'ascend']}
          showSorterTooltip={false}
          rowSelection={
            selection
              ? { selectedRowKeys: selection.selected, onChange: (keys) => selection.onChange(keys as string[]), preserveSelectedRowKeys: true }
              : undefined
          }
          onRow={(c) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('.ant-table-selection-column, button, a, .ant-typography-copy')) return;
              navigate(`/customers/${c.id}`);
            },
            style: { cursor: 'pointer' },
          })}
          locale={{ emptyText: <Empty description={emptyText} /> }}
        />
      </div>
      <KeysetPager
        cursors={pager}
        nextCursor={data?.nextCursor}
        pageSize={limit}
        onPageSizeChange={(size) => update({ limit: size === 20 ? undefined : size })}
        total={total?.total}
        totalIsEstimate={total?.estimate}
        onShowTotal={() => setWithTotal(true)}
        loading={isFetching}
      />
    </>
  );
}
