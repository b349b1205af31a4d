import { Descriptions, Divider, Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import { useEnumLabel } from '../../../shared/i18n/enums';
import type { FurnitureRow, HomeProfileApi } from '../form/formValues';
import type { Customer } from '../types';

/** 家居档案: house type, area, rooms, styles, budget (¥ from fen), move-in date and current furniture incl. competitors. */
export function HomeProfileTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation('customers');
  const label = useEnumLabel();
  const hp = customer.homeProfile as HomeProfileApi | null | undefined;
  if (!hp) return <Empty description={t('detail.noHomeProfile')} />;
  const none = t('common:state.none');
  const h = (k: string) => t(`homeField.${k}`);
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        data-testid="home-profile"
        items={[
          { key: 'houseType', label: h('houseType'), children: label('houseType', hp.houseType) || none },
          { key: 'areaSqm', label: h('areaSqm'), children: hp.areaSqm ? `${hp.areaSqm} ㎡` : none },
          { key: 'stage', label: h('stage'), children: label('homeStage', hp.stage) || none },
          { key: 'rooms', label: h('rooms'), children: hp.rooms?.length ? hp.rooms.map((r) => <Tag key={r}>{label('room', r)}</Tag>) : none },
          {
            key: 'styles',
            label: h('styles'),
            children: hp.styles?.length
              ? hp.styles.map((s) => (
                  <Tag key={s} color="gold">
                    {label('style', s)}
                  </Tag>
                ))
              : none,
          },
          { key: 'budgetBand', label: h('budgetBand'), children: label('budgetBand', hp.budgetBand) || none },
          { key: 'budgetFen', label: h('budgetFen'), children: formatMoney(hp.budgetFen) || none },
          { key: 'moveInDate', label: h('moveInDate'), children: formatDate(hp.moveInDate) || none },
          { key: 'notes', label: h('notes'), children: hp.notes || none, span: 'filled' },
        ]}
      />
      <Divider titlePlacement="start">{h('currentFurniture')}</Divider>
      <Table<FurnitureRow>
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={false}
        dataSource={hp.currentFurniture ?? []}
        locale={{ emptyText: none }}
        columns={[
          { key: 'room', title: h('room'), render: (_, f) => label('room', f.room) },
          { key: 'item', title: h('item'), dataIndex: 'item' },
          { key: 'brand', title: h('brand'), dataIndex: 'brand' },
          { key: 'competitor', title: h('competitor'), render: (_, f) => (f.competitor ? <Tag color="red">{h('competitor')}</Tag> : null) },
        ]}
      />
    </>
  );
}
