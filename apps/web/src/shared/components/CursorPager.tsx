import { Button, Flex, Select, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CursorStack } from '../hooks/useCursorStack';

export const PAGE_SIZES = [20, 50, 100, 200];

interface Props {
  page: number;
  hasPrev: boolean;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
  pageSize?: number;
  onPageSizeChange?: (size: number) => void;
  total?: number;
  totalIsEstimate?: boolean;
  /** When set, a "显示总数" button asks the server to count. */
  onShowTotal?: () => void;
  loading?: boolean;
  /** Page sizes offered; the API's maximum may be lower than the default choices. */
  sizes?: number[];
}

/** 上一页 / 下一页 over keyset cursors, with page size and an on-demand total. */
export function CursorPager(p: Props) {
  const { t } = useTranslation();
  return (
    <Flex justify="flex-end" align="center" gap={12} wrap style={{ marginTop: 16 }} data-testid="cursor-pager">
      {p.total !== undefined ? (
        <Typography.Text type="secondary" data-testid="list-total">
          {p.totalIsEstimate ? t('common:pager.totalEstimate', { total: p.total }) : t('common:pager.total', { total: p.total })}
        </Typography.Text>
      ) : p.onShowTotal ? (
        <Button size="small" type="link" onClick={p.onShowTotal} data-testid="show-total">
          {t('common:pager.showTotal')}
        </Button>
      ) : null}
      <Typography.Text type="secondary">{t('common:pager.page', { page: p.page })}</Typography.Text>
      <Button icon={<LeftOutlined />} disabled={!p.hasPrev || p.loading} onClick={p.onPrev} data-testid="page-prev">
        {t('common:pager.previous')}
      </Button>
      <Button disabled={!p.hasNext || p.loading} onClick={p.onNext} data-testid="page-next">
        {t('common:pager.next')}
        <RightOutlined />
      </Button>
      {p.pageSize && p.onPageSizeChange ? (
        <Select
          value={p.pageSize}
          onChange={p.onPageSizeChange}
          style={{ width: 120 }}
          options={(p.sizes ?? PAGE_SIZES).map((size) => ({ value: size, label: t('common:pager.pageSize', { size }) }))}
          data-testid="page-size"
        />
      ) : null}
    </Flex>
  );
}

type KeysetProps = Omit<Props, 'page' | 'hasPrev' | 'hasNext' | 'onPrev' | 'onNext'> & {
  /** The cursors of the pages opened so far (useCursorStack). */
  cursors: CursorStack;
  /** The current page's cursor to the next one (null on the last page). */
  nextCursor: string | null | undefined;
};

/** CursorPager over a keyset list: 下一页 opens the page's next cursor, 上一页 goes back to the one before. */
export function KeysetPager({ cursors, nextCursor, ...rest }: KeysetProps) {
  return (
    <CursorPager
      page={cursors.page}
      hasPrev={cursors.hasPrev}
      hasNext={!!nextCursor}
      onPrev={cursors.prev}
      onNext={() => cursors.next(nextCursor)}
      {...rest}
    />
  );
}
