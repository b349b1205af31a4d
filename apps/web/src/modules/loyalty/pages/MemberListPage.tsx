import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Input, Select } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { MEMBER_STATUSES } from '@jiake/shared';
import { useCan } from '../../../shared/auth/access';
import { PageHeader } from '../../../shared/components/PageHeader';
import { DATE_FORMAT } from '../../../shared/format/date';
import { useUrlFilters } from '../../../shared/hooks/useUrlFilters';
import { StoreSelect } from '../../org';
import type { MemberFilters } from '../api';
import { EnrolModal } from '../components/EnrolModal';
import { LookupBox } from '../components/LookupBox';
import { MemberTable } from '../components/MemberTable';

const KEYS = ['status', 'joinStoreId', 'number', 'enrolledFrom', 'enrolledTo'] as const;

/** 会员列表: the counter lookup, the members of the caller's stores with filters kept in the URL, and enrolment. */
export default function MemberListPage() {
  const { t } = useTranslation('loyalty');
  const navigate = useNavigate();
  const canEnrol = useCan('loyalty:enrol');
  const { filters, limit, update, clear } = useUrlFilters<MemberFilters & Record<string, string | undefined>>(KEYS);
  const [enrolling, setEnrolling] = useState(false);
  const day = (v: string | undefined) => (v ? dayjs(v) : null);
  return (
    <>
      <PageHeader
        title={t('list.title')}
        extra={
          canEnrol ? (
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setEnrolling(true)} data-testid="member-enrol">
              {t('list.enrol')}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        <LookupBox />
        <Card>
          <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
            <Input.Search
              key={filters.number ?? ''}
              allowClear
              defaultValue={filters.number}
              placeholder={t('list.searchNumber')}
              onSearch={(v) => update({ number: v.trim() || undefined })}
              style={{ width: 220 }}
              data-testid="member-search"
            />
            <Select
              allowClear
              placeholder={t('list.anyStatus')}
              value={filters.status}
              onChange={(v) => update({ status: v })}
              options={MEMBER_STATUSES.map((s) => ({ value: s, label: t(`enum.status.${s}`) }))}
              style={{ width: 130 }}
              data-testid="filter-status"
            />
            <StoreSelect value={filters.joinStoreId} onChange={(v) => update({ joinStoreId: v })} placeholder={t('list.joinStore')} style={{ width: 180 }} testId="filter-store" />
            <DatePicker
              value={day(filters.enrolledFrom)}
              onChange={(d) => update({ enrolledFrom: d ? d.format(DATE_FORMAT) : undefined })}
              placeholder={t('list.enrolledRange.from')}
              data-testid="filter-enrolled-from"
            />
            <DatePicker
              value={day(filters.enrolledTo)}
              onChange={(d) => update({ enrolledTo: d ? d.format(DATE_FORMAT) : undefined })}
              placeholder={t('list.enrolledRange.to')}
              data-testid="filter-enrolled-to"
            />
            {Object.keys(filters).length ? (
              <Button type="link" onClick={clear}>
                {t('list.clear')}
              </Button>
            ) : null}
          </Flex>
          <MemberTable filters={filters} limit={limit} onLimit={(n) => update({ limit: n })} />
        </Card>
      </Flex>
      <EnrolModal open={enrolling} onClose={() => setEnrolling(false)} onEnrolled={(m) => navigate(`/loyalty/members/${m.id}`)} />
    </>
  );
}
