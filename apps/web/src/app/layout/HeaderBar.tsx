import { App, Avatar, Dropdown, Flex, Space, Tag, Typography } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../../shared/auth/me';
import { useEnumLabel } from '../../shared/i18n/enums';
import { LanguageSwitch, useLogout } from '../../modules/auth';
import { InboxBell } from '../../modules/work';

export function HeaderBar() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const label = useEnumLabel();
  const logout = useLogout();
  const navigate = useNavigate();
  const { message } = App.useApp();
  if (!me) return null;
  const unitKind = me.unit.kind === 'store' && me.unit.storeKind ? label('storeKind', me.unit.storeKind) : label('unitKind', me.unit.kind);
  return (
    <Flex justify="space-between" align="center" style={{ height: '100%' }}>
      <Space size="middle">
        <Typography.Text strong data-testid="tenant-name">
          {me.tenant.name}
        </Typography.Text>
        <Typography.Text type="secondary" data-testid="unit-name">
          {me.unit.name}
        </Typography.Text>
        <Tag>{unitKind}</Tag>
      </Space>
      <Space size="large">
        <InboxBell />
        <LanguageSwitch />
        <Dropdown
          menu={{
            items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('auth:logout') }],
            onClick: ({ key }) => {
              if (key === 'logout')
                logout.mutate(undefined, {
                  onSuccess: () => message.success(t('auth:loggedOut')),
                  onSettled: () => navigate('/login', { replace: true }),
                });
            },
          }}
        >
          <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
            <Avatar size="small" icon={<UserOutlined />} style={{ background: '#a0522d' }} />
            <span>{me.user.displayName || me.user.username}</span>
          </Space>
        </Dropdown>
      </Space>
    </Flex>
  );
}
