import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Statistic, Table, Tag, Typography } from 'antd';
import { TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { formatDate } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import type { Member } from '../api';
import { type FamilyMember, useFamily, useRemoveFamilyMember } from '../cards.api';
import { CardStatusTag, cardErrorText, LimitsText } from './CardLabels';
import { FamilyAddModal } from './FamilyAddModal';

/**
 * 家庭账户 (主附卡): everyone on the member's account — the primary member first, then the sub members — with their
 * card, its monthly limits and what they spent this month; add a family member, take a sub member out.
 */
export function FamilyPanel({ member }: { member: Member }) {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const canEnrol = useCan('loyalty:enrol');
  const canAdjust = useCan('loyalty:adjust');
  const family = useFamily(member.id);
  const remove = useRemoveFamilyMember();
  const [adding, setAdding] = useState(false);
  const f = family.data;
  return (
    <Card
      size="small"
      title={
        <Space>
          <TeamOutlined />
          {t('cards.family.title')}
        </Space>
      }
      extra={
        canEnrol && member.status === 'active' ? (
          <Button size="small" icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="family-add">
            {t('cards.family.add')}
          </Button>
        ) : null
      }
      data-testid="member-family"
    >
      {f && f.kind === 'individual' ? (
        <Typography.Paragraph type="secondary">{t('cards.family.individualHint')}</Typography.Paragraph>
      ) : f ? (
        <Statistic title={t('cards.family.sharedBalance')} value={f.balance} style={{ marginBottom: 8 }} data-testid="family-balance" />
      ) : null}
      <Table<FamilyMember>
        size="small"
        rowKey="memberId"
        loading={family.isLoading}
        dataSource={f?.members ?? []}
        pagination={false}
        data-testid="family-members"
        onRow={(m) => ({ 'data-testid': `family-member-${m.role}` }) as object}
        columns={[
          {
            title: t('cards.family.member'),
            key: 'member',
            render: (_, m) => (
              <Space size={6}>
                {m.memberId === member.id ? <Typography.Text strong>{m.number}</Typography.Text> : <Link to={`/loyalty/members/${m.memberId}`}>{m.number}</Link>}
                <span>{m.name ?? ''}</span>
              </Space>
            ),
          },
          { title: t('cards.family.role'), dataIndex: 'role', render: (r: FamilyMember['role']) => <Tag color={r === 'primary' ? 'blue' : 'purple'}>{t(`cards.family.roles.${r}`)}</Tag> },
          {
            title: t('cards.family.card'),
            key: 'card',
            render: (_, m) =>
              m.card ? (
                <Space size={4}>
                  <Typography.Text code>{m.card.number}</Typography.Text>
                  <CardStatusTag status={m.card.status} />
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('cards.family.noCard')}</Typography.Text>
              ),
          },
          {
            title: t('cards.family.limits'),
            key: 'limits',
            render: (_, m) => (m.role === 'sub' && m.card ? <LimitsText points={m.card.monthlyPointsLimit} valueFen={m.card.monthlyValueLimitFen} /> : null),
          },
          {
            title: t('cards.family.spent'),
            key: 'spent',
            render: (_, m) => t('cards.family.spentText', { points: m.spentThisMonth.points.toLocaleString(), value: formatMoney(m.spentThisMonth.valueFen) }),
          },
          { title: t('cards.family.joinedAt'), dataIndex: 'joinedAt', render: (d: string | null) => formatDate(d) },
          {
            title: '',
            key: 'actions',
            render: (_, m) =>
              canAdjust && m.role === 'sub' ? (
                <Popconfirm
                  title={t('cards.family.removeTitle')}
                  description={<div style={{ maxWidth: 320 }}>{t('cards.family.removeConfirm')}</div>}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutateAsync(m.memberId).then(() => message.success(t('cards.family.removed')), (e) => message.error(cardErrorText(e)))}
                >
                  <Button size="small" type="text" danger data-testid="family-remove">
                    {t('cards.family.remove')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <FamilyAddModal memberId={member.id} open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}
