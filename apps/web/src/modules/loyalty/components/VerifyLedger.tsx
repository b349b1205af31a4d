import { Alert, Button, Flex, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VerifyLedgerResultDto } from '@jiake/shared';
import { formatDateTime } from '../../../shared/format/date';
import { useVerifyLedger } from '../api';

type Mismatch = VerifyLedgerResultDto['mismatches'][number];

/** 校验账本: recompute every balance, running balance and lot from the entries and list what differs (LOY-8). */
export function VerifyLedger() {
  const { t } = useTranslation('loyalty');
  const verify = useVerifyLedger();
  const r = verify.data;
  const counts = r ? { accounts: r.accounts, entries: r.entries, time: formatDateTime(r.checkedAt), count: r.mismatches.length } : null;
  return (
    <Flex vertical gap={12}>
      <div>
        <Button onClick={() => verify.mutate()} loading={verify.isPending} data-testid="ledger-verify">
          {t('settings.verify')}
        </Button>
      </div>
      {r && counts ? (
        <Alert
          type={r.mismatches.length ? 'error' : 'success'}
          showIcon
          title={r.mismatches.length ? t('settings.verifyBad', counts) : t('settings.verifyOk', counts)}
          data-testid="ledger-verify-result"
        />
      ) : null}
      {r?.mismatches.length ? (
        <Table<Mismatch>
          rowKey={(m) => `${m.accountId}-${m.problem}-${m.lotId ?? ''}`}
          size="small"
          pagination={false}
          dataSource={r.mismatches}
          columns={[
            { title: t('settings.account'), dataIndex: 'accountId', render: (v: string) => v.slice(0, 8) },
            { title: t('settings.problemCol'), dataIndex: 'problem', render: (v: Mismatch['problem']) => t(`settings.problem.${v}`) },
            { title: t('settings.expected'), dataIndex: 'expected', align: 'right' },
            { title: t('settings.found'), dataIndex: 'found', align: 'right' },
          ]}
          data-testid="ledger-mismatches"
        />
      ) : null}
    </Flex>
  );
}
