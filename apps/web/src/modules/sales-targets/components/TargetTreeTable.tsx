import { useState } from 'react';
import { Button, Empty, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ApartmentOutlined, BankOutlined, QuestionCircleOutlined, ShopOutlined, SplitCellsOutlined, UserOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../shared/format/money';
import { ProgressBar } from './ProgressBar';
import { SplitTargetModal } from './SplitTargetModal';
import { TargetAmountCell, WonCountCell } from './TargetCells';
import type { TargetRow } from './tree';

const ICON = { hq: <BankOutlined />, region: <ApartmentOutlined />, store: <ShopOutlined /> } as const;

function Head({ title, hint }: { title: string; hint: string }) {
  return (
    <Tooltip title={hint}>
      <span>
        {title} <QuestionCircleOutlined style={{ color: '#bfbfbf' }} />
      </span>
    </Tooltip>
  );
}

const money = (fen: number | null) => (fen === null ? <Typography.Text type="secondary">—</Typography.Text> : formatMoney(fen));

/** Units → people with their targets, the children's roll-up, actuals and progress bars; edit and split in place. */
export function TargetTreeTable(p: { rows: TargetRow[]; period: string; expectedPct: number; canEdit: boolean; loading: boolean; onDrillDown: (unitId: string) => void }) {
  const { t } = useTranslation('targets');
  // The top of the tree opens expanded; a new top (drilling down, another period's answer) opens expanded again.
  const rootKeys = p.rows.map((r) => r.key);
  const top = rootKeys.join();
  const [opened, setOpened] = useState<{ top: string; keys: readonly React.Key[] } | null>(null);
  const expanded = opened?.top === top ? opened.keys : rootKeys;
  const setExpanded = (keys: readonly React.Key[]) => setOpened({ top, keys });
  const [splitting, setSplitting] = useState<TargetRow | null>(null);
  const columns: TableColumnsType<TargetRow> = [
    {
      key: 'name',
      title: t('column.name'),
      fixed: 'left',
      render: (_, r) => (
        <Flex gap={6} align="center" data-testid={`target-row-${r.key}`}>
          {r.type === 'unit' ? ICON[r.unitKind ?? 'store'] : <UserOutlined />}
          {r.type === 'unit' && r.level > 0 ? (
            <Typography.Link onClick={() => p.onDrillDown(r.id)} data-testid={`target-drill-${r.key}`}>
              {r.name}
            </Typography.Link>
          ) : (
            <span>{r.name}</span>
          )}
        </Flex>
      ),
    },
    { key: 'target', title: <Head title={t('column.target')} hint={t('hint.target')} />, render: (_, r) => <TargetAmountCell row={r} period={p.period} canEdit={p.canEdit} /> },
    {
      key: 'children',
      title: <Head title={t('column.children')} hint={t('hint.children')} />,
      render: (_, r) =>
        r.type === 'user' ? null : (
          <Flex gap={6} align="center" data-testid={`target-children-${r.key}`}>
            {money(r.childrenTargetFen)}
            {r.mismatch ? (
              <Tooltip title={t('mismatchDetail', { target: formatMoney(r.targetFen), children: formatMoney(r.childrenTargetFen), diff: formatMoney((r.targetFen ?? 0) - (r.childrenTargetFen ?? 0)) })}>
                <Tag color="warning" icon={<WarningOutlined />} data-testid={`target-mismatch-${r.key}`}>
                  {t('mismatch')}
                </Tag>
              </Tooltip>
            ) : null}
          </Flex>
        ),
    },
    { key: 'orders', title: <Head title={t('column.orders')} hint={t('hint.orders')} />, align: 'right', render: (_, r) => <span data-testid={`target-orders-${r.key}`}>{formatMoney(r.ordersFen)}</span> },
    { key: 'progress', title: t('column.progress'), render: (_, r) => <ProgressBar pct={r.ordersPct} expected={p.expectedPct} testId={`target-progress-${r.key}`} /> },
    { key: 'won', title: <Head title={t('column.won')} hint={t('hint.won')} />, align: 'right', render: (_, r) => money(r.wonFen) },
    { key: 'weighted', title: <Head title={t('column.weighted')} hint={t('hint.weighted')} />, align: 'right', render: (_, r) => money(r.weightedFen) },
    {
      key: 'forecast',
      title: <Head title={t('column.forecast')} hint={t('hint.forecast')} />,
      align: 'right',
      render: (_, r) => (r.forecastPct === null ? <Typography.Text type="secondary">—</Typography.Text> : `${r.forecastPct}%`),
    },
    { key: 'wonCount', title: t('column.wonCountTarget'), render: (_, r) => <WonCountCell row={r} canEdit={p.canEdit} /> },
    ...(p.canEdit
      ? [
          {
            key: 'actions',
            title: t('column.actions'),
            fixed: 'right' as const,
            render: (_: unknown, r: TargetRow) =>
              r.type === 'unit' ? (
                <Button size="small" icon={<SplitCellsOutlined />} onClick={() => setSplitting(r)} data-testid={`target-split-${r.key}`}>
                  {t('split.button')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <>
      <Table<TargetRow>
        rowKey="key"
        columns={columns}
        dataSource={p.rows}
        loading={p.loading}
        pagination={false}
        size="middle"
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowKeys: expanded, onExpandedRowsChange: (keys) => setExpanded(keys) }}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
        data-testid="target-tree"
      />
      {splitting ? <SplitTargetModal unit={splitting} period={p.period} open onClose={() => setSplitting(null)} /> : null}
    </>
  );
}
