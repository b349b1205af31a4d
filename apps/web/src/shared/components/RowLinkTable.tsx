import type { ReactNode } from 'react';
import { Empty, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useNavigate } from 'react-router-dom';

interface Props<T extends { id: string }> {
  columns: TableColumnsType<T>;
  rows: T[] | undefined;
  loading: boolean;
  /** Where a click on a row goes (clicks on a link or a button inside the row do their own thing). */
  href: (row: T) => string;
  empty: ReactNode;
  testId: string;
  rowTestId?: string;
}

/** A list page's table of one page of records: unpaged (a keyset pager sits below it), each row opening its record. */
export function RowLinkTable<T extends { id: string }>({ columns, rows, loading, href, empty, testId, rowTestId }: Props<T>) {
  const navigate = useNavigate();
  return (
    <div data-testid={testId}>
      <Table<T>
        rowKey="id"
        columns={columns}
        dataSource={rows ?? []}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({
          ...(rowTestId ? { 'data-testid': rowTestId } : {}),
          onClick: (e) => {
            if ((e.target as HTMLElement).closest('a, button')) return;
            navigate(href(r));
          },
          style: { cursor: 'pointer' },
        })}
        locale={{ emptyText: <Empty description={empty} /> }}
      />
    </div>
  );
}
