import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Input, Row, Space, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { ApartmentOutlined, BankOutlined, ShopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useCan } from '../../../shared/auth/access';
import { useEnumLabel } from '../../../shared/i18n/enums';
import { regionText, useRegions } from '../../../shared/regions/regions';
import { RecordHistory } from '../../audit';
import { type OrgUnit, useOrgUnits, useUpdateUnit } from '../api';
import { type UnitNode, buildUnitTree } from '../tree';
import { MoveUnitModal } from '../components/MoveUnitModal';
import { UnitFormModal } from '../components/UnitFormModal';

const ICONS = { hq: <BankOutlined />, region: <ApartmentOutlined />, store: <ShopOutlined /> };

type FormMode = Parameters<typeof UnitFormModal>[0]['mode'];

export default function OrgPage() {
  const { t } = useTranslation('org');
  const { modal, message } = App.useApp();
  const label = useEnumLabel();
  const canAdmin = useCan('org:admin');
  const { data: units, isLoading } = useOrgUnits();
  const { data: regions } = useRegions();
  const update = useUpdateUnit();
  const [chosenId, setSelectedId] = useState<string | null>(null);
  const selectedId = chosenId ?? units?.[0]?.id ?? null;
  const [search, setSearch] = useState('');
  const [formMode, setFormMode] = useState<FormMode>(null);
  const [moving, setMoving] = useState<OrgUnit | null>(null);

  const selected = units?.find((u) => u.id === selectedId) ?? null;

  const treeData = useMemo(() => {
    const term = search.trim();
    const toNodes = (nodes: UnitNode[]): TreeDataNode[] =>
      nodes.map((n) => ({
        key: n.unit.id,
        icon: ICONS[n.unit.kind],
        title: (
          <Space size={4}>
            <span style={term && n.unit.name.includes(term) ? { color: '#a0522d', fontWeight: 600 } : undefined}>{n.unit.name}</span>
            {n.unit.storeKind ? <Tag>{label('storeKind', n.unit.storeKind)}</Tag> : null}
            {n.unit.status === 'closed' ? <Tag color="default">{t('closedTag')}</Tag> : null}
          </Space>
        ),
        children: toNodes(n.children),
      }));
    return toNodes(buildUnitTree(units ?? []));
  }, [units, search, label, t]);

  const toggleStatus = (u: OrgUnit) => {
    const closing = u.status === 'active';
    modal.confirm({
      title: closing ? t('confirm.close', { name: u.name }) : t('confirm.reopen', { name: u.name }),
      content: closing ? t('confirm.closeContent') : undefined,
      okButtonProps: { danger: closing },
      onOk: async () => {
        try {
          await update.mutateAsync({ id: u.id, status: closing ? 'closed' : 'active' });
          message.success(closing ? t('message.closed') : t('message.reopened'));
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  };

  return (
    <>
      <PageHeader title={t('title')} />
      <Row gutter={16}>
        <Col xs={24} md={10} lg={9}>
          <Card>
            <Input.Search placeholder={t('search')} allowClear onChange={(e) => setSearch(e.target.value)} style={{ marginBottom: 12 }} />
            {isLoading ? (
              <Spin />
            ) : (
              <Tree
                showIcon
                defaultExpandAll
                treeData={treeData}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => keys[0] && setSelectedId(keys[0] as string)}
                data-testid="org-tree"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14} lg={15}>
          <Card
            title={selected?.name}
            extra={
              selected ? (
                <Space wrap>
                  {canAdmin ? (
                    <>
                      {selected.kind !== 'store' ? (
                        <>
                          <Button onClick={() => setFormMode({ kind: 'create', parent: selected, unitKind: 'region' })}>{t('action.addRegion')}</Button>
                          <Button type="primary" onClick={() => setFormMode({ kind: 'create', parent: selected, unitKind: 'store' })}>
                            {t('action.addStore')}
                          </Button>
                        </>
                      ) : null}
                      <Button onClick={() => setFormMode({ kind: 'edit', unit: selected })}>{t('action.rename')}</Button>
                      {selected.kind !== 'hq' ? <Button onClick={() => setMoving(selected)}>{t('action.move')}</Button> : null}
                      {selected.kind !== 'hq' ? (
                        <Button danger={selected.status === 'active'} onClick={() => toggleStatus(selected)}>
                          {selected.status === 'active' ? t('action.close') : t('action.reopen')}
                        </Button>
                      ) : null}
                    </>
                  ) : null}
                  <RecordHistory entityType="orgUnit" id={selected.id} name={selected.name} type="default" size="middle" />
                </Space>
              ) : null
            }
          >
            {selected ? (
              <Descriptions
                column={1}
                bordered
                size="small"
                items={[
                  { key: 'name', label: t('field.name'), children: selected.name },
                  { key: 'code', label: t('field.code'), children: selected.code },
                  { key: 'kind', label: t('field.kind'), children: label('unitKind', selected.kind) },
                  ...(selected.storeKind
                    ? [{ key: 'storeKind', label: t('field.storeKind'), children: label('storeKind', selected.storeKind) }]
                    : []),
                  { key: 'status', label: t('field.status'), children: label('unitStatus', selected.status) },
                  {
                    key: 'parent',
                    label: t('field.parentId'),
                    children: units?.find((u) => u.id === selected.parentId)?.name ?? t('common:state.none'),
                  },
                  {
                    key: 'region',
                    label: t('field.region'),
                    children: regionText(regions, [selected.provinceCode, selected.cityCode]) || t('common:state.none'),
                  },
                ]}
              />
            ) : (
              <Empty description={<Typography.Text type="secondary">{t('selectHint')}</Typography.Text>} />
            )}
          </Card>
        </Col>
      </Row>
      <UnitFormModal mode={formMode} onClose={() => setFormMode(null)} />
      <MoveUnitModal unit={moving} onClose={() => setMoving(null)} />
    </>
  );
}
