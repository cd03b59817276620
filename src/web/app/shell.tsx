import { DownOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Drawer, Dropdown, Grid, Layout, Menu, Spin, type MenuProps } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout } from '../api/auth.queries.ts';
import { useT, type TFunction } from '../i18n/i18n.tsx';
import { roleLabelKey } from '../lib/roles.ts';
import { Brand } from './brand.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { activeMenuKey, groupOf, isGroup, isLink, visibleMenu, type MenuEntry, type MenuLink, type MenuPage } from './menu.tsx';
import { useCurrentUser } from './session.tsx';

type MenuItems = NonNullable<MenuProps['items']>;

function leafItem(entry: MenuPage | MenuLink, t: TFunction): MenuItems[number] {
  if (isLink(entry)) {
    return {
      key: entry.key,
      icon: entry.icon,
      label: (
        <a href={entry.href} target="_blank" rel="noopener noreferrer">
          {t(entry.label)}
        </a>
      ),
    };
  }
  return { key: entry.key, icon: entry.icon, label: <Link to={entry.path}>{t(entry.label)}</Link> };
}

function toMenuItems(entries: MenuEntry[], t: TFunction): MenuItems {
  return entries.map((entry) =>
    isGroup(entry)
      ? { key: entry.key, icon: entry.icon, label: t(entry.label), children: entry.children.map((c) => leafItem(c, t)) }
      : leafItem(entry, t),
  );
}

function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const me = useCurrentUser();
  const { pathname } = useLocation();
  const entries = useMemo(() => visibleMenu(me), [me]);
  const items = useMemo(() => toMenuItems(entries, t), [entries, t]);
  const selected = activeMenuKey(pathname);
  const defaultOpen = entries.filter(isGroup).map((g) => g.key);
  const group = groupOf(selected);
  return (
    <nav aria-label={t('app.mainMenu')}>
      <Menu
        mode="inline"
        items={items}
        selectedKeys={selected ? [selected] : []}
        defaultOpenKeys={group ? Array.from(new Set([...defaultOpen, group])) : defaultOpen}
        onClick={() => onNavigate?.()}
        className="cv-side-menu"
      />
    </nav>
  );
}

function UserMenu({ compact }: { compact: boolean }) {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const logout = useLogout();
  const { message } = AntApp.useApp();
  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div className="cv-user-card">
          <strong>{me.displayName}</strong>
          <span>{me.unit.name}</span>
          <span>{me.roles.map((r) => t(roleLabelKey(r))).join(', ')}</span>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined aria-hidden />, label: t('app.logout'), danger: true },
  ];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'logout') {
            logout.mutate(undefined, {
              onSettled: () => {
                void message.info(t('auth.loggedOut'));
                void navigate('/login', { replace: true });
              },
            });
          }
        },
      }}
    >
      <Button type="text" className="cv-user-button" aria-label={`${t('app.account')}: ${me.displayName}`} data-testid="user-menu">
        <UserOutlined aria-hidden />
        {compact ? null : <span className="cv-user-name">{me.displayName}</span>}
        <DownOutlined aria-hidden className="cv-user-caret" />
      </Button>
    </Dropdown>
  );
}

export function Shell() {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const isDesktop = Boolean(screens.lg);
  const [drawerOpen, setDrawerOpen] = useState(false);
  return (
    <Layout className="cv-shell">
      <a className="cv-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="cv-header">
        {!isDesktop ? (
          <Button
            type="text"
            className="cv-menu-toggle"
            icon={<MenuOutlined aria-hidden />}
            aria-label={t('app.openMenu')}
            aria-expanded={drawerOpen}
            onClick={() => setDrawerOpen(true)}
          />
        ) : null}
        <Link to="/" className="cv-header-brand">
          <Brand inverted />
          {/* The visible brand text starts the link's name (WCAG 2.5.3); where it leads follows. */}
          <span className="cv-sr-only"> — {t('menu.home')}</span>
        </Link>
        <div className="cv-header-spacer" />
        <LanguageSwitch className="cv-lang" />
        <UserMenu compact={!screens.md} />
      </Layout.Header>
      <Layout>
        {isDesktop ? (
          <Layout.Sider width={248} theme="light" className="cv-sider">
            <SideMenu />
          </Layout.Sider>
        ) : (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={280}
            title={<Brand />}
            styles={{ body: { padding: 0 } }}
            className="cv-menu-drawer"
          >
            <SideMenu onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        )}
        <Layout.Content id="main" className="cv-content" tabIndex={-1}>
          <Suspense
            fallback={
              <div className="cv-page-loading">
                <Spin description={t('app.loading')} />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
