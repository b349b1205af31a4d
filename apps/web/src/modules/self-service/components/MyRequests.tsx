import { useState } from 'react';
import { Button, Empty, Flex, Spin, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMyRequests } from '../api';
import { RequestCard } from './RequestCard';

/** 我的请求: the verified visitor's requests with their progress, newest first. */
export function MyRequests({ tenantCode, onCreate }: { tenantCode: string; onCreate: () => void }) {
  const { t } = useTranslation('selfService');
  const [openOnly, setOpenOnly] = useState(false);
  const { data, isLoading } = useMyRequests(tenantCode, openOnly, true);
  return (
    <div data-testid="my-requests">
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Flex gap={8} align="center">
          <Switch size="small" checked={openOnly} onChange={setOpenOnly} />
          <Typography.Text>{t('mine.openOnly')}</Typography.Text>
        </Flex>
        <Button type="primary" onClick={onCreate} data-testid="my-requests-create">
          {t('mine.create')}
        </Button>
      </Flex>
      {isLoading ? <Spin /> : !data?.length ? <Empty description={t('mine.empty')} /> : data.map((r) => <RequestCard key={r.id} tenantCode={tenantCode} request={r} />)}
    </div>
  );
}
