import { Alert, Button, Flex, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format/date';

interface Mismatch {
  accountId: string;
  problem: string;
  expected: unknown;
  found: unknown;
  lotId?: string | null;
  entryId?: string | null;
}

interface Props {
  /** The verify request (POST …/verify): what it answered, how to run it, whether it runs. */
  verify: { data?: { accounts: number; entries: number; checkedAt: string; mismatches: Mismatch[] }; mutate: () => void; isPending: boolean };
  /** Where its texts live in the loyalty namespace: verify, verifyOk, verifyBad, account, problemCol, problem.<code>, expected, found. */
  texts: string;
  testId: string;
}

/** A ledger check (LOY-8): recompute balances from the entries on demand and list what differs. */
export function LedgerCheck({ verify, texts, testId }: Props) {
  const { t } = useTranslation('loyalty');
  const r = verify.data;
  const counts = r ? { accounts: r.accounts, entries: r.entries, time: formatDateTime(r.checkedAt), count: r.mismatches.length } : null;
  return (
    <Flex vertical gap={12}>
      <div>
        <Button onClick={() => verify.mutate()} loading={verify.isPending} data-testid={testId}>
          {t(`${texts}.verify`)}
        </Button>
      </div>
      {r && counts ? (
        <Alert
          type={r.mismatches.length ? 'error' : 'success'}
          showIcon
          title={r.mismatches.length ? t(`${texts}.verifyBad`, counts) : t(`${texts}.verifyOk`, counts)}
          data-testid={`${testId}-result`}
        />
      ) : null}
      {r?.mismatches.length ? (
        <Table<Mismatch>
          rowKey={(m) => `${m.accountId}-${m.problem}-${m.lotId ?? m.entryId ?? ''}`}
          size="small"
          pagination={false}
          dataSource={r.mismatches}
          columns={[
            { title: t(`${texts}.account`), dataIndex: 'accountId', render: (v: string) => v.slice(0, 8) },
            { title: t(`${texts}.problemCol`), dataIndex: 'problem', render: (v: string) => t(`${texts}.problem.${v}`) },
            { title: t(`${texts}.expected`), dataIndex: 'expected', align: 'right' },
            { title: t(`${texts}.found`), dataIndex: 'found', align: 'right' },
          ]}
          data-testid={`${testId}-mismatches`}
        />
      ) : null}
    </Flex>
  );
}
