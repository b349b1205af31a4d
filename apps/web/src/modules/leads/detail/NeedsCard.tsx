import { useState } from 'react';
import { Button, Card, Descriptions, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../shared/format/date';
import { useEnumLabel } from '../../../shared/i18n/enums';
import { type LeadFull, useCategories } from '../api';
import { useLeadLabels } from '../labels';
import { NeedsEditModal } from './LeadModals';

/** 需求档案 (LEAD-2): what the customer wants for which rooms, in which style, for how much and by when. */
export function NeedsCard({ lead, editable }: { lead: LeadFull; editable: boolean }) {
  const { t } = useTranslation('leads');
  const enumLabel = useEnumLabel();
  const { label } = useLeadLabels();
  const categories = useCategories(lead.needs.categoryIds.length > 0);
  const [editing, setEditing] = useState(false);
  const n = lead.needs;
  const none = t('common:state.none');
  const tags = (values: string[], render: (v: string) => string, color?: string) => (values.length ? values.map((v) => <Tag key={v} color={color}>{render(v)}</Tag>) : none);
  const categoryName = (id: string) => categories.data?.find((c) => c.id === id)?.name ?? id.slice(0, 8);
  return (
    <Card
      size="small"
      title={t('needs.title')}
      extra={
        editable ? (
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="needs-edit">
            {t('needs.edit')}
          </Button>
        ) : null
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        data-testid="needs-card"
        items={[
          { key: 'rooms', label: t('needs.rooms'), children: tags(n.rooms, (r) => enumLabel('room', r)), span: 'filled' },
          { key: 'products', label: t('needs.productTags'), children: tags([...n.productTags, ...n.categoryIds.map(categoryName)], (p) => p, 'blue'), span: 'filled' },
          { key: 'houseType', label: t('needs.houseType'), children: enumLabel('houseType', n.houseType) || none },
          { key: 'areaSqm', label: t('needs.areaSqm'), children: n.areaSqm ? `${n.areaSqm} ㎡` : none },
          { key: 'homeStage', label: t('needs.homeStage'), children: label('homeStage', n.homeStage) || none },
          { key: 'budgetBand', label: t('needs.budgetBand'), children: enumLabel('budgetBand', n.budgetBand) || none },
          { key: 'styles', label: t('needs.styles'), children: tags(n.styles, (s) => label('style', s), 'gold'), span: 'filled' },
          { key: 'decisionDate', label: t('needs.decisionDate'), children: formatDate(n.decisionDate) || none },
          { key: 'deliveryDate', label: t('needs.deliveryDate'), children: formatDate(n.deliveryDate) || none },
          { key: 'layout', label: t('needs.currentLayout'), children: n.currentLayout || none, span: 'filled' },
        ]}
      />
      <NeedsEditModal lead={lead} open={editing} onClose={() => setEditing(false)} />
    </Card>
  );
}
