import { lazy } from 'react';
import {
  AuditOutlined, BarChartOutlined, CreditCardOutlined, CrownOutlined, GiftOutlined, IdcardOutlined, SettingOutlined, ShopOutlined, SwapOutlined, ThunderboltOutlined, WalletOutlined,
} from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const loyaltyRoutes: ModuleRoute[] = [
  {
    path: '/loyalty/members',
    Component: lazy(() => import('./pages/MemberListPage')),
    permission: 'loyalty:view',
    menu: { group: 'members', label: 'loyalty:menu.members', icon: <IdcardOutlined />, order: 10 },
  },
  {
    path: '/loyalty/adjustments',
    Component: lazy(() => import('./pages/AdjustmentsPage')),
    permission: 'loyalty:approve',
    menu: { group: 'members', label: 'loyalty:menu.adjustments', icon: <AuditOutlined />, order: 20 },
  },
  {
    path: '/loyalty/settings',
    Component: lazy(() => import('./pages/LoyaltySettingsPage')),
    permission: 'loyalty:admin',
    menu: { group: 'members', label: 'loyalty:menu.settings', icon: <SettingOutlined />, order: 30 },
  },
  {
    path: '/loyalty/counter',
    Component: lazy(() => import('./pages/CounterPage')),
    permission: 'loyalty:enrol',
    menu: { group: 'members', label: 'loyalty:menu.counter', icon: <ShopOutlined />, order: 5 },
  },
  {
    path: '/loyalty/gifts',
    Component: lazy(() => import('./pages/GiftsPage')),
    permission: 'loyalty:view',
    menu: { group: 'members', label: 'loyalty:menu.gifts', icon: <GiftOutlined />, order: 15 },
  },
  {
    path: '/loyalty/kpis',
    Component: lazy(() => import('./pages/MemberKpisPage')),
    permission: 'loyalty:view',
    menu: { group: 'members', label: 'loyalty:menu.kpis', icon: <BarChartOutlined />, order: 16 },
  },
  {
    path: '/loyalty/settlement',
    Component: lazy(() => import('./pages/SettlementPage')),
    permission: 'loyalty:view',
    menu: { group: 'members', label: 'loyalty:menu.settlement', icon: <SwapOutlined />, order: 25 },
  },
  {
    path: '/loyalty/tiers',
    Component: lazy(() => import('./pages/TiersPage')),
    permission: 'loyalty:admin',
    menu: { group: 'members', label: 'loyalty:menu.tiers', icon: <CrownOutlined />, order: 31 },
  },
  {
    path: '/loyalty/bonus-rules',
    Component: lazy(() => import('./pages/BonusRulesPage')),
    permission: 'loyalty:admin',
    menu: { group: 'members', label: 'loyalty:menu.bonusRules', icon: <ThunderboltOutlined />, order: 32 },
  },
  {
    path: '/loyalty/cards',
    Component: lazy(() => import('./pages/CardSettingsPage')),
    permission: 'loyalty:admin',
    menu: { group: 'members', label: 'loyalty:menu.cards', icon: <CreditCardOutlined />, order: 33 },
  },
  {
    path: '/loyalty/stored-value',
    Component: lazy(() => import('./pages/StoredValuePage')),
    permission: 'loyalty:view',
    menu: { group: 'members', label: 'loyalty:menu.storedValue', icon: <WalletOutlined />, order: 34 },
  },
  { path: '/loyalty/members/:id', Component: lazy(() => import('./pages/MemberDetailPage')), permission: 'loyalty:view' },
];
