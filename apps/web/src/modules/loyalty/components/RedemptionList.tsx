import { useState } from 'react';
import { Alert, Button, Flex, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { REDEMPTION_KINDS, REDEMPTION_STATUSES } from '@jiake/shared';
import { useUrlFilters } from '../../../shared/hooks/useUrlFilters';
import { StoreSelect } from '../../org';
import { useMemberLookup } from '../api';
import { RedemptionTable } from './RedemptionTable';

const KEYS = ['status', 'kind', 'storeId', 'member'] as const;
type Filters = { status?: string; kind?: string; storeId?: string; member?: string };

/**
 * 兑换记录: the redemptions of the caller's stores with filters kept in the URL (status, kind, store, member by
 * number — resolved through the counter lookup, so a member of any store of the brand can be named).
 */
export function RedemptionList() {
  const { t } = useTranslation('loyalty');
  const { filters, update } = useUrlFilters<Filters>(KEYS);
  const [limit, setLimit] = useState(20);
  const member = useMemberLookup(filters.member ? { number: filters.member.toUpperCase() } : null);
  const memberId = filters.member ? member.data?.[0]?.memberId : undefined;
  const unknownMember = !!filters.member && member.isSuccess && !memberId;
  return (
    <>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Input.Search
          key={filters.member ?? ''}
          allowClear
          defaultValue={filters.member}
          placeholder={t('counter.redemption.memberNumber')}
          onSearch={(v) => update({ member: v.trim() || undefined })}
          style={{ width: 200 }}
          data-testid="redemption-filter-member"
        />
        <Select
          allowClear
          placeholder={t('counter.redemption.anyStatus')}
          value={filters.status}
          onChange={(v) => update({ status: v })}
          options={REDEMPTION_STATUSES.map((s) => ({ value: s, label: t(`counter.redemption.statusLabel.${s}`) }))}
          style={{ width: 130 }}
          data-testid="redemption-filter-status"
        />
        <Select
          allowClear
          placeholder={t('counter.redemption.anyKind')}
          value={filters.kind}
          onChange={(v) => update({ kind: v })}
          options={REDEMPTION_KINDS.map((k) => ({ value: k, label: t(`counter.redemption.kind.${k}`) }))}
          style={{ width: 130 }}
          data-testid="redemption-filter-kind"
        />
        <StoreSelect value={filters.storeId} onChange={(v) => update({ storeId: v })} placeholder={t('counter.redemption.anyStore')} style={{ width: 200 }} testId="redemption-filter-store" />
        {Object.keys(filters).length ? (
          <Button type="link" onClick={() => update({ status: undefined, kind: undefined, storeId: undefined, member: undefined })}>
            {t('counter.redemption.clear')}
          </Button>
        ) : null}
      </Flex>
      {unknownMember ? (
        <Alert type="warning" showIcon title={t('counter.redemption.memberNotFound', { number: filters.member })} data-testid="redemption-member-unknown" />
      ) : filters.member && !memberId ? null : (
        <RedemptionTable filters={{ status: filters.status, kind: filters.kind, storeId: filters.storeId, memberId }} limit={limit} onLimit={setLimit} />
      )}
    </>
  );
}
