import { useState } from 'react';
import { Button, Card, Col, Empty, Menu, Row, Spin, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useEnumLabel } from '../../../shared/i18n/enums';
import { useRoles } from '../api';
import { RoleEditor } from '../components/RoleEditor';

const NEW = '__new__';

export default function RolesPage() {
  const { t } = useTranslation('roles');
  const label = useEnumLabel();
  const canAdmin = useCan('roles:admin');
  const { data: roles, isLoading } = useRoles();
  const [chosen, setSelected] = useState<string | null>(null);
  const selected = chosen ?? roles?.[0]?.id ?? null;
  const role = roles?.find((r) => r.id === selected) ?? null;

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          canAdmin ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setSelected(NEW)} data-testid="role-create">
              {t('action.create')}
            </Button>
          ) : null
        }
      />
      <Row gutter={16}>
        <Col xs={24} md={7} lg={6}>
          <Card styles={{ body: { padding: 8 } }}>
            {isLoading ? (
              <Spin />
            ) : (
              <Menu
                selectedKeys={selected ? [selected] : []}
                onClick={(e) => setSelected(e.key)}
                style={{ borderInlineEnd: 'none' }}
                items={(roles ?? []).map((r) => ({
                  key: r.id,
                  label: (
                    <span>
                      {r.name} <Tag style={{ marginInlineStart: 4 }}>{label('dataScope', r.dataScope)}</Tag>
                    </span>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={17} lg={18}>
          {selected === NEW ? (
            <RoleEditor editing={null} readOnly={false} onSaved={(r) => setSelected(r.id)} />
          ) : role ? (
            <RoleEditor editing={role} readOnly={!canAdmin} onSaved={() => undefined} />
          ) : (
            <Card>
              <Empty description={t('selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
