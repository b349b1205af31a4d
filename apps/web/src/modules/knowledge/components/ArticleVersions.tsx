import { useMemo, useState } from 'react';
import { Button, Drawer, Empty, Flex, List, Spin, Tag, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format/date';
import type { AuditRow } from '../../audit';
import { useArticleHistory } from '../api';
import { Markdown } from '../markdown/Markdown';

/** Bookkeeping columns a version does not list as "changed". */
const QUIET = new Set(['version', 'updatedBy', 'updatedByName', 'createdBy', 'createdByName', 'publishedAt', 'tenantId']);

interface Version {
  key: number;
  version: number;
  at: string;
  actorName: string;
  action: string;
  fields: string[];
  title: string;
  body: string;
}

/** Every version of the article, rebuilt from its audit trail (each row holds the fields before and after). */
export function versionsOf(rows: AuditRow[]): Version[] {
  const state: Record<string, unknown> = {};
  const out: Version[] = [];
  [...rows].reverse().forEach((r, i) => {
    for (const c of r.changes) state[c.field] = c.after;
    out.push({
      key: r.id,
      version: Number(r.meta.version ?? i + 1),
      at: r.at,
      actorName: r.actorName,
      action: r.action,
      fields: r.changes.map((c) => c.field).filter((f) => !QUIET.has(f)),
      title: String(state.title ?? ''),
      body: String(state.body ?? ''),
    });
  });
  return out.reverse();
}

/** 版本记录: a button opening the list of versions; each can be read as it was. */
export function ArticleVersions({ articleId, currentVersion }: { articleId: string; currentVersion: number }) {
  const { t } = useTranslation('knowledge');
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<Version | null>(null);
  const { data, isLoading } = useArticleHistory(articleId, open);
  const versions = useMemo(() => versionsOf(data ?? []), [data]);
  const summary = (v: Version) =>
    v.action.endsWith('.created')
      ? t('versions.created')
      : v.action.endsWith('.deleted')
        ? t('versions.deleted')
        : t('versions.changed', { fields: v.fields.map((f) => t(`field.${f}`, { defaultValue: f })).join(t('common:listSeparator')) });
  return (
    <>
      <Button icon={<HistoryOutlined />} onClick={() => setOpen(true)} data-testid="article-versions">
        {t('versions.button')}
      </Button>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('versions.title')} size={520} destroyOnHidden>
        {isLoading ? (
          <Spin />
        ) : !versions.length ? (
          <Empty description={t('versions.empty')} />
        ) : (
          <List
            dataSource={versions}
            data-testid="article-version-list"
            renderItem={(v) => (
              <List.Item
                actions={[
                  <Button key="show" type="link" size="small" onClick={() => setShown(v)}>
                    {t('versions.show')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Flex gap={8} align="center">
                      {t('versions.version', { version: v.version })}
                      {v.version === currentVersion ? <Tag color="green">{t('versions.current')}</Tag> : null}
                    </Flex>
                  }
                  description={
                    <>
                      <div>{summary(v)}</div>
                      <Typography.Text type="secondary">
                        {formatDateTime(v.at)} · {v.actorName}
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
        <Drawer open={!!shown} onClose={() => setShown(null)} title={shown ? `${t('versions.version', { version: shown.version })} · ${shown.title}` : ''} size={640}>
          {shown ? <Markdown source={shown.body} /> : null}
        </Drawer>
      </Drawer>
    </>
  );
}
