import { useState } from 'react';
import { Badge, Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { WorkItemDto, WorkSection } from '@jiake/shared';

/** Items shown before 展开全部: the page stays a glance, the rest is one click away. */
const FIRST = 8;

const COLOR: Record<WorkSection, string> = { overdue: '#cf1322', dueToday: '#d46b08', newLeads: '#1677ff', proposals: '#722ed1', requests: '#08979c' };
export const sectionColor = (key: WorkSection) => COLOR[key];

function DueText({ item, now }: { item: WorkItemDto; now: string }) {
  const { t } = useTranslation('work');
  if (!item.dueAt) return <Typography.Text type="secondary">{t('today.noDue')}</Typography.Text>;
  const due = dayjs(item.dueAt);
  const time = due.isSame(dayjs(now), 'day') ? t('today.todayAt', { time: due.format('HH:mm') }) : due.format('YYYY-MM-DD HH:mm');
  return (
    <Typography.Text type={item.overdue ? 'danger' : 'secondary'} data-testid="work-item-due">
      {item.overdue ? t('today.dueWas', { time }) : t('today.dueAt', { time })}
    </Typography.Text>
  );
}

/** One section of the work page: its items, overdue ones in red, each linking to its record. */
export function WorkSectionCard({ section, now }: { section: { key: WorkSection; count: number; more: boolean; items: WorkItemDto[] }; now: string }) {
  const { t } = useTranslation('work');
  const color = COLOR[section.key];
  const [all, setAll] = useState(false);
  const shown = all ? section.items : section.items.slice(0, FIRST);
  return (
    <Card
      id={`work-${section.key}`}
      size="small"
      title={
        <Flex align="center" gap={8}>
          <span style={{ color }}>{t(`sections.${section.key}`)}</span>
          <Badge count={section.count} showZero color={section.count ? color : '#bfbfbf'} overflowCount={999} data-testid={`work-count-${section.key}`} />
        </Flex>
      }
      extra={<Typography.Text type="secondary">{t(`sectionHint.${section.key}`)}</Typography.Text>}
      styles={{ header: { borderTop: `3px solid ${color}` } }}
      data-testid={`work-section-${section.key}`}
    >
      {section.items.length ? (
        <div role="list">
          {shown.map((item) => (
            <Flex
              key={`${item.source}:${item.id}`}
              role="listitem"
              justify="space-between"
              align="flex-start"
              gap={12}
              style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
              data-testid="work-item"
              data-overdue={item.overdue ? 'true' : 'false'}
            >
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Flex gap={8} align="center" wrap>
                  <Tag color={item.overdue ? 'red' : undefined} style={{ marginInlineEnd: 0 }}>
                    {t(`kinds.${item.kind}`, { defaultValue: item.kind })}
                  </Tag>
                  <Link to={item.link} style={item.overdue ? { color: '#cf1322', fontWeight: 500 } : { fontWeight: 500 }} data-testid="work-item-link">
                    {item.title}
                  </Link>
                  {item.overdue ? <Tag color="red">{t('today.overdueTag')}</Tag> : null}
                </Flex>
                {item.detail ? (
                  <Typography.Text type="secondary" ellipsis={{ tooltip: true }}>
                    {item.detail}
                  </Typography.Text>
                ) : null}
              </Flex>
              <div style={{ flexShrink: 0 }}>
                <DueText item={item} now={now} />
              </div>
            </Flex>
          ))}
        </div>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('today.emptySection')} />
      )}
      {section.items.length > FIRST ? (
        <Button type="link" size="small" onClick={() => setAll((v) => !v)} style={{ paddingInline: 0 }} data-testid={`work-expand-${section.key}`}>
          {all ? t('today.collapse') : t('today.showAll', { count: section.items.length })}
        </Button>
      ) : null}
      {section.more && all ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('today.more', { count: section.items.length })}
        </Typography.Text>
      ) : null}
    </Card>
  );
}
