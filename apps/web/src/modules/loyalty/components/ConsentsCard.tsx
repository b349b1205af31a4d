import { App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONSENT_CHANNELS } from '@jiake/shared';
import { useCan } from '../../../shared/auth/access';
import { formatDateTime } from '../../../shared/format/date';
import { type Member, useRecordConsent } from '../api';

/** The current marketing consent per channel, with 同意/撤回 recorded at the store (kept with time and source). */
export function ConsentsCard({ member }: { member: Member }) {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const canEdit = useCan('loyalty:enrol');
  const record = useRecordConsent(member.id);
  const byChannel = new Map(member.consents.map((c) => [c.channel, c]));
  return (
    <Card size="small" title={t('detail.consents')} data-testid="member-consents">
      <List
        size="small"
        dataSource={[...CONSENT_CHANNELS]}
        renderItem={(channel) => {
          const c = byChannel.get(channel);
          return (
            <List.Item
              data-testid={`consent-${channel}`}
              extra={
                canEdit ? (
                  <Button
                    size="small"
                    danger={!!c?.granted}
                    loading={record.isPending && record.variables?.channel === channel}
                    onClick={() => record.mutate({ channel, granted: !c?.granted, source: 'store' }, { onSuccess: () => message.success(t('detail.consentSaved')) })}
                    data-testid={`consent-toggle-${channel}`}
                  >
                    {c?.granted ? t('detail.withdraw') : t('detail.grant')}
                  </Button>
                ) : null
              }
            >
              <Space wrap>
                <span style={{ minWidth: 64, display: 'inline-block' }}>{t(`enum.channel.${channel}`)}</span>
                {c ? <Tag color={c.granted ? 'green' : 'default'}>{c.granted ? t('detail.granted') : t('detail.withdrawn')}</Tag> : <Tag>{t('detail.notRecorded')}</Tag>}
                {c ? (
                  <Typography.Text type="secondary">
                    {t('detail.recordedAt', { time: formatDateTime(c.recordedAt), source: t(`enum.consentSource.${c.source}`, { defaultValue: c.source }) })}
                  </Typography.Text>
                ) : null}
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
