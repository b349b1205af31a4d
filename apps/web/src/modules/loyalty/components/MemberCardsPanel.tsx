import { useState } from 'react';
import { Button, Card, Flex, Space, Typography } from 'antd';
import { CreditCardOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MemberDto } from '@jiake/shared';
import { useCan } from '../../../shared/auth/access';
import { useMemberCards } from '../cards.api';
import { CardList } from './CardList';
import { IssueCardModal } from './CardModals';
import { FamilyPanel } from './FamilyPanel';

/**
 * Member detail — cards (LOY-6): the member's cards with their status and steps (issue, activate, report lost,
 * replace, cancel, discount, sub-card limits), and the family account they belong to.
 */
export function MemberCardsPanel({ member }: { member: MemberDto }) {
  const { t } = useTranslation('loyalty');
  const canEnrol = useCan('loyalty:enrol');
  const cards = useMemberCards(member.id);
  const [issuing, setIssuing] = useState(false);
  const holdsUsable = (cards.data ?? []).some((c) => c.status === 'issued' || c.status === 'active');
  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={
          <Space>
            <CreditCardOutlined />
            {t('cards.panel.title')}
          </Space>
        }
        extra={
          canEnrol && member.status === 'active' && cards.isSuccess && !holdsUsable ? (
            <Button size="small" type="primary" onClick={() => setIssuing(true)} data-testid="member-card-issue">
              {t('cards.panel.issue')}
            </Button>
          ) : null
        }
        data-testid="member-cards-panel"
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('cards.panel.hint')}
        </Typography.Paragraph>
        <CardList cards={cards.data ?? []} loading={cards.isLoading} />
      </Card>
      <FamilyPanel member={member} />
      <IssueCardModal memberId={member.id} open={issuing} onClose={() => setIssuing(false)} />
    </Flex>
  );
}
