import { Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TierChangeDto } from '@jiake/shared';
import { formatDateTime } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';

const REASON_COLOR: Record<TierChangeDto['reason'], string> = { upgrade: 'green', review_downgrade: 'orange', manual: 'blue' };

/** What caused a change, from its source key: `event:…`, `review:2027`, `recheck:…`, `manual:…`. */
function useSourceText() {
  const { t } = useTranslation('loyalty');
  return (source: string) => {
    const [kind, rest] = source.split(':', 2);
    return t(`tiers.source.${kind}`, { year: rest, defaultValue: kind });
  };
}

/** 等级变更记录: a member's tier changes, newest first. */
export function TierHistory({ history }: { history: TierChangeDto[] }) {
  const { t } = useTranslation('loyalty');
  const sourceText = useSourceText();
  const columns: ColumnsType<TierChangeDto> = [
    { title: t('tiers.field.time'), dataIndex: 'changedAt', render: formatDateTime, width: 150 },
    {
      title: t('tiers.field.change'),
      key: 'change',
      render: (_, c) => (
        <Space size={4}>
          <span>{c.from.name}</span>
          <ArrowRightOutlined />
          <Typography.Text strong>{c.to.name}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('tiers.field.reason'),
      dataIndex: 'reason',
      render: (v: TierChangeDto['reason'], c) => (
        <Space size={4} wrap>
          <Tag color={REASON_COLOR[v]}>{t(`tiers.reason.${v}`)}</Tag>
          {v !== 'manual' ? <Typography.Text type="secondary">{sourceText(c.source)}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('tiers.field.spend'), dataIndex: 'spendFen', align: 'right', render: (v: number) => formatMoney(v) },
    { title: t('tiers.field.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
    { title: t('tiers.field.by'), dataIndex: 'changedByName', render: (v: string | null, c) => v ?? (c.changedById ? '' : t('tiers.field.system')) },
  ];
  return (
    <Table<TierChangeDto>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={history}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('tiers.member.noHistory') }}
      data-testid="member-tier-history"
    />
  );
}
