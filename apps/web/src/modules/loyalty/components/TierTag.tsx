import { Tag } from 'antd';
import { CrownOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';

/** Colours by rank: the entry tier plain, each tier above a warmer one. */
const COLORS = ['default', 'blue', 'gold', 'volcano', 'purple', 'magenta'];

export function tierColor(rank: number): string {
  return COLORS[Math.min(Math.max(rank - 1, 0), COLORS.length - 1)];
}

/** A tier's name as a tag, crowned above the entry tier. */
export function TierTag({ name, rank, testId, extra }: { name: string; rank: number; testId?: string; extra?: ReactNode }) {
  return (
    <Tag color={tierColor(rank)} icon={rank > 1 ? <CrownOutlined /> : undefined} data-testid={testId}>
      {name}
      {extra}
    </Tag>
  );
}
