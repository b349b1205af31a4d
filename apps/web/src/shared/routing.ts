import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { PermissionKey } from '@jiake/shared';

export type MenuGroup = 'work' | 'customers' | 'sales' | 'members' | 'orders' | 'service' | 'system';

/** One page of a module: where it lives, who may open it, and its place in the left menu. */
export interface ModuleRoute {
  path: string;
  Component: LazyExoticComponent<ComponentType> | ComponentType;
  permission?: PermissionKey;
  menu?: { group: MenuGroup; label: string; icon: ReactNode; order: number };
}
