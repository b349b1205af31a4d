import { useEffect, useState } from 'react';
import { App, Button, Card, Flex, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { errorText } from '../../../shared/api/errors';
import { useOpportunitySettings, useUpdateOpportunitySettings } from '../api';
import { StagesCard } from '../settings/StagesCard';
import { LossReasonsCard } from '../settings/LossReasonsCard';

/** The stalled rule: days without activity after which an open opportunity counts as stalled. */
function StalledRuleCard() {
  const { t } = useTranslation('opportunities');
  const { message } = App.useApp();
  const settings = useOpportunitySettings();
  const save = useUpdateOpportunitySettings();
  const [days, setDays] = useState<number | null>(null);
  useEffect(() => {
    if (settings.data) setDays(settings.data.stalledDays);
  }, [settings.data]);
  return (
    <Card size="small" title={t('settings.general')}>
      <Flex gap={12} align="center" wrap>
        <Typography.Text>{t('settings.stalledDays')}</Typography.Text>
        <InputNumber min={1} max={365} precision={0} value={days} onChange={setDays} data-testid="settings-stalled-days" />
        <Button
          type="primary"
          disabled={!days || days === settings.data?.stalledDays}
          loading={save.isPending}
          onClick={() => days && save.mutateAsync({ stalledDays: days }).then(() => message.success(t('common:message.saved')), (e) => message.error(errorText(e)))}
          data-testid="settings-save"
        >
          {t('common:action.save')}
        </Button>
        <Typography.Text type="secondary">{t('settings.stalledDaysHint')}</Typography.Text>
      </Flex>
    </Card>
  );
}

/** 商机设置 (opportunities:admin): stages, loss reasons and the stalled rule. */
export default function PipelineSettingsPage() {
  const { t } = useTranslation('opportunities');
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <Flex vertical gap={16}>
        <StagesCard />
        <LossReasonsCard />
        <StalledRuleCard />
      </Flex>
    </>
  );
}
