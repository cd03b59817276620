import {
  ApartmentOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  HomeOutlined,
  KeyOutlined,
  ReadOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { TMe, TRole } from '../../shared/schemas/access.ts';
import type { TKey } from '../i18n/vi.ts';
import { hasAnyRole } from '../lib/roles.ts';

/**
 * The menu and the routes in one table. To add an area (Hồ sơ một cửa, Nhiệm vụ 5 rõ, Kiểm tra,
 * Đánh giá, Số liệu): add its labels to i18n/vi.ts and en.ts, a page under pages/<area>/, and one
 * entry here. `roles` omitted = every signed-in user.
 */
export interface MenuPage {
  key: string;
  path: string;
  label: TKey;
  icon: ReactNode;
  roles?: readonly TRole[];
  page: LazyExoticComponent<ComponentType>;
}

export interface MenuLink {
  key: string;
  href: string;
  label: TKey;
  icon: ReactNode;
  roles?: readonly TRole[];
}

export interface MenuGroup {
  key: string;
  label: TKey;
  icon: ReactNode;
  children: (MenuPage | MenuLink)[];
}

export type MenuEntry = MenuPage | MenuLink | MenuGroup;

export const isGroup = (e: MenuEntry): e is MenuGroup => 'children' in e;
export const isPage = (e: MenuEntry): e is MenuPage => 'page' in e;
export const isLink = (e: MenuEntry): e is MenuLink => 'href' in e;

export const MENU: MenuEntry[] = [
  {
    key: 'home',
    path: '/',
    label: 'menu.home',
    icon: <HomeOutlined aria-hidden />,
    page: lazy(() => import('../pages/home/home.page.tsx')),
  },
  {
    key: 'org',
    path: '/org',
    label: 'menu.org',
    icon: <ApartmentOutlined aria-hidden />,
    page: lazy(() => import('../pages/org/org.page.tsx')),
  },
  {
    key: 'officials',
    path: '/officials',
    label: 'menu.officials',
    icon: <TeamOutlined aria-hidden />,
    page: lazy(() => import('../pages/officials/officials.page.tsx')),
  },
  // Later issues: dossiers (Hồ sơ một cửa), tasks (Nhiệm vụ 5 rõ), inspections (Kiểm tra),
  // evaluation (Đánh giá), metrics (Số liệu) go here, before the admin group.
  {
    key: 'admin',
    label: 'menu.admin',
    icon: <SettingOutlined aria-hidden />,
    children: [
      {
        key: 'accounts',
        path: '/admin/accounts',
        label: 'menu.accounts',
        icon: <UserOutlined aria-hidden />,
        roles: ['admin'],
        page: lazy(() => import('../pages/admin/accounts.page.tsx')),
      },
      {
        key: 'api-tokens',
        path: '/admin/api-tokens',
        label: 'menu.apiTokens',
        icon: <KeyOutlined aria-hidden />,
        roles: ['admin'],
        page: lazy(() => import('../pages/admin/api-tokens.page.tsx')),
      },
      {
        key: 'import',
        path: '/admin/import',
        label: 'menu.import',
        icon: <CloudUploadOutlined aria-hidden />,
        roles: ['admin'],
        page: lazy(() => import('../pages/admin/import.page.tsx')),
      },
      {
        key: 'audit',
        path: '/admin/audit',
        label: 'menu.audit',
        icon: <AuditOutlined aria-hidden />,
        roles: ['admin', 'inspector'],
        page: lazy(() => import('../pages/admin/audit.page.tsx')),
      },
      { key: 'api-docs', href: '/api/docs', label: 'menu.apiDocs', icon: <ReadOutlined aria-hidden />, roles: ['admin'] },
    ],
  },
];

/** The entries the user may see; groups with nothing visible disappear. */
export function visibleMenu(me: TMe | null | undefined, entries: MenuEntry[] = MENU): MenuEntry[] {
  const out: MenuEntry[] = [];
  for (const entry of entries) {
    if (isGroup(entry)) {
      const children = entry.children.filter((c) => hasAnyRole(me, c.roles));
      if (children.length) out.push({ ...entry, children });
    } else if (hasAnyRole(me, entry.roles)) {
      out.push(entry);
    }
  }
  return out;
}

/** Every page of the table, for the router (role checks happen in the route element). */
export function menuPages(entries: MenuEntry[] = MENU): MenuPage[] {
  return entries.flatMap((e) => (isGroup(e) ? e.children.filter(isPage) : isPage(e) ? [e] : []));
}

/** The menu key to highlight for a location. */
export function activeMenuKey(pathname: string, entries: MenuEntry[] = MENU): string | undefined {
  let best: MenuPage | undefined;
  for (const page of menuPages(entries)) {
    const match = page.path === '/' ? pathname === '/' : pathname === page.path || pathname.startsWith(`${page.path}/`);
    if (match && (!best || page.path.length > best.path.length)) best = page;
  }
  return best?.key;
}

/** The group that holds a key (to open it in the menu). */
export function groupOf(key: string | undefined, entries: MenuEntry[] = MENU): string | undefined {
  if (!key) return undefined;
  return entries.find((e) => isGroup(e) && e.children.some((c) => c.key === key))?.key;
}
