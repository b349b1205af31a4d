import { Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { FormsCard } from '../settings/FormsCard';
import { RulesCard } from '../settings/RulesCard';

/** 线索分配与网页表单 (leads:admin): the assignment rules in order, and the website's lead forms. */
export default function LeadSettingsPage() {
  const { t } = useTranslation('leads');
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <Flex vertical gap={16}>
        <RulesCard />
        <FormsCard />
      </Flex>
    </>
  );
}
