import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  FormOutlined,
  HomeOutlined,
  KeyOutlined,
  ReadOutlined,
  SettingOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { CarryOutOutlined, FileAddOutlined, FlagOutlined, ProjectOutlined, RetweetOutlined } from '@ant-design/icons';
import { IdcardOutlined as EvalMineIcon, InteractionOutlined as EvalPeerIcon, OrderedListOutlined as EvalClassIcon, ScheduleOutlined as EvalUnitIcon, StarOutlined as EvalGroupIcon, TrophyOutlined as EvalRewardsIcon, WarningOutlined as EvalFlatIcon } from '@ant-design/icons';
import { ProfileOutlined as EvalTemplatesIcon } from '@ant-design/icons';
import { AlertOutlined as OvViolationsIcon, BookOutlined as OvRulesIcon, CalendarOutlined as OvPlanIcon, MailOutlined as OvInboxIcon, MobileOutlined as OvOnsiteIcon, SafetyCertificateOutlined as OvGroupIcon } from '@ant-design/icons';
import { BarChartOutlined as MxMeIcon, DashboardOutlined as MxLeaderIcon, FundOutlined as MxGroupIcon, GlobalOutlined as MxPortalIcon, PieChartOutlined as MxUnitIcon } from '@ant-design/icons';
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
  /** Who sees the entry in the menu when that differs from who may open the page (default: roles). */
  menuRoles?: readonly TRole[];
  page: LazyExoticComponent<ComponentType>;
}

/** A page reached from another page (e.g. one dossier), not listed in the menu. */
export interface SubPage {
  path: string;
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

const COUNTER_ROLES: readonly TRole[] = ['counter_officer', 'unit_head', 'admin'];
const DOSSIER_READERS: readonly TRole[] = ['officer', 'counter_officer', 'unit_head', 'admin', 'leader', 'inspector'];

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
  {
    key: 'one-stop',
    label: 'menu.oneStop',
    icon: <BankOutlined aria-hidden />,
    children: [
      {
        key: 'counter',
        path: '/mot-cua/tiep-nhan',
        label: 'menu.counter',
        icon: <FormOutlined aria-hidden />,
        roles: COUNTER_ROLES,
        page: lazy(() => import('../pages/dossiers/counter.page.tsx')),
      },
      {
        key: 'dossiers',
        path: '/mot-cua/ho-so',
        label: 'menu.dossiers',
        icon: <UnorderedListOutlined aria-hidden />,
        roles: DOSSIER_READERS,
        page: lazy(() => import('../pages/dossiers/queue.page.tsx')),
      },
      {
        key: 'procedures',
        path: '/mot-cua/thu-tuc',
        label: 'menu.procedures',
        icon: <BookOutlined aria-hidden />,
        page: lazy(() => import('../pages/procedures/procedures.page.tsx')),
      },
    ],
  },
  {
    key: 'tasks',
    label: 'tasks.menu.group',
    icon: <CarryOutOutlined aria-hidden />,
    children: [
      {
        key: 'tasks-board',
        path: '/nhiem-vu',
        label: 'tasks.menu.board',
        icon: <ProjectOutlined aria-hidden />,
        page: lazy(() => import('../pages/tasks/tasks.page.tsx')),
      },
      {
        key: 'tasks-assign',
        path: '/nhiem-vu/giao-viec',
        label: 'tasks.menu.assign',
        icon: <FileAddOutlined aria-hidden />,
        roles: ['unit_head', 'leader', 'admin'],
        page: lazy(() => import('../pages/tasks/assign.page.tsx')),
      },
      {
        key: 'tasks-bounced',
        path: '/nhiem-vu/day-viec',
        label: 'tasks.menu.bounced',
        icon: <RetweetOutlined aria-hidden />,
        roles: ['leader', 'unit_head', 'admin', 'inspector'],
        page: lazy(() => import('../pages/tasks/bounced.page.tsx')),
      },
      {
        key: 'tasks-commitments',
        path: '/nhiem-vu/cam-ket',
        label: 'tasks.menu.commitments',
        icon: <FlagOutlined aria-hidden />,
        page: lazy(() => import('../pages/tasks/commitments.page.tsx')),
      },
    ],
  },
  {
    key: 'evaluation',
    label: 'evaluation.menu.group',
    icon: <EvalGroupIcon aria-hidden />,
    children: [
      {
        key: 'evaluation-mine',
        path: '/danh-gia/phieu-cua-toi',
        label: 'evaluation.menu.mine',
        icon: <EvalMineIcon aria-hidden />,
        // Every official has a scorecard; accounts without a personnel record (admin) are not offered it.
        menuRoles: ['officer', 'counter_officer', 'unit_head', 'leader', 'inspector'],
        page: lazy(() => import('../pages/evaluation/my-scorecard.page.tsx')),
      },
      {
        key: 'evaluation-peer',
        path: '/danh-gia/danh-gia-cheo',
        label: 'evaluation.menu.peer',
        icon: <EvalPeerIcon aria-hidden />,
        menuRoles: ['officer', 'counter_officer', 'unit_head', 'leader', 'inspector'],
        page: lazy(() => import('../pages/evaluation/peer-inbox.page.tsx')),
      },
      {
        key: 'evaluation-unit',
        path: '/danh-gia/don-vi',
        label: 'evaluation.menu.unit',
        icon: <EvalUnitIcon aria-hidden />,
        roles: ['unit_head', 'leader', 'admin'],
        page: lazy(() => import('../pages/evaluation/unit-scoring.page.tsx')),
      },
      {
        key: 'evaluation-flat',
        path: '/danh-gia/cao-bang',
        label: 'evaluation.menu.flat',
        icon: <EvalFlatIcon aria-hidden />,
        roles: ['leader', 'admin'],
        page: lazy(() => import('../pages/evaluation/flat-units.page.tsx')),
      },
      {
        key: 'evaluation-classification',
        path: '/danh-gia/xep-loai',
        label: 'evaluation.menu.classification',
        icon: <EvalClassIcon aria-hidden />,
        roles: ['leader', 'unit_head', 'admin'],
        page: lazy(() => import('../pages/evaluation/classification.page.tsx')),
      },
      {
        key: 'evaluation-rewards',
        path: '/danh-gia/khen-thuong-ky-luat',
        label: 'evaluation.menu.rewards',
        icon: <EvalRewardsIcon aria-hidden />,
        roles: ['leader', 'unit_head', 'admin'],
        page: lazy(() => import('../pages/evaluation/rewards.page.tsx')),
      },
      {
        key: 'evaluation-templates',
        path: '/danh-gia/mau-cham-diem',
        label: 'evaluation.menu.templates',
        icon: <EvalTemplatesIcon aria-hidden />,
        // Issued by the province (leader, admin); heads read the template their units are scored on.
        roles: ['leader', 'admin', 'unit_head'],
        page: lazy(() => import('../pages/evaluation/templates.page.tsx')),
      },
    ],
  },
  {
    key: 'oversight',
    label: 'oversight.menu',
    icon: <OvGroupIcon aria-hidden />,
    children: [
      {
        key: 'oversight-plan',
        path: '/kiem-tra/ke-hoach',
        label: 'oversight.menu.plan',
        icon: <OvPlanIcon aria-hidden />,
        roles: ['inspector', 'admin', 'leader', 'unit_head'],
        page: lazy(() => import('../pages/oversight/plan.page.tsx')),
      },
      {
        key: 'oversight-onsite',
        path: '/kiem-tra/tai-cho',
        label: 'oversight.menu.onsite',
        icon: <OvOnsiteIcon aria-hidden />,
        roles: ['inspector', 'admin', 'leader', 'unit_head'],
        menuRoles: ['inspector', 'admin'],
        page: lazy(() => import('../pages/oversight/onsite.page.tsx')),
      },
      {
        key: 'oversight-violations',
        path: '/kiem-tra/vi-pham',
        label: 'oversight.menu.violations',
        icon: <OvViolationsIcon aria-hidden />,
        roles: ['inspector', 'admin', 'leader', 'unit_head'],
        page: lazy(() => import('../pages/oversight/violations.page.tsx')),
      },
      {
        key: 'oversight-complaints',
        path: '/kiem-tra/phan-anh',
        label: 'oversight.menu.complaints',
        icon: <OvInboxIcon aria-hidden />,
        roles: ['inspector', 'admin', 'leader', 'unit_head'],
        page: lazy(() => import('../pages/oversight/complaints.page.tsx')),
      },
      {
        key: 'oversight-rules',
        path: '/kiem-tra/quy-tac',
        label: 'oversight.menu.rules',
        icon: <OvRulesIcon aria-hidden />,
        page: lazy(() => import('../pages/oversight/rules.page.tsx')),
      },
    ],
  },
  {
    key: 'metrics',
    label: 'metrics.menu.group',
    icon: <MxGroupIcon aria-hidden />,
    children: [
      {
        key: 'dashboard',
        path: '/dashboard',
        label: 'metrics.menu.leader',
        icon: <MxLeaderIcon aria-hidden />,
        // A head opening it sees their own unit (the scope of 'metrics.read').
        roles: ['leader', 'admin', 'inspector', 'unit_head'],
        menuRoles: ['leader', 'admin', 'inspector'],
        page: lazy(() => import('../pages/dashboard/leader.page.tsx')),
      },
      {
        key: 'dashboard-unit',
        path: '/dashboard/unit',
        label: 'metrics.menu.unit',
        icon: <MxUnitIcon aria-hidden />,
        roles: ['leader', 'admin', 'inspector', 'unit_head'],
        menuRoles: ['unit_head'],
        page: lazy(() => import('../pages/dashboard/unit.page.tsx')),
      },
      {
        key: 'dashboard-me',
        path: '/dashboard/me',
        label: 'metrics.menu.me',
        icon: <MxMeIcon aria-hidden />,
        menuRoles: ['officer', 'counter_officer', 'unit_head', 'leader', 'inspector'],
        page: lazy(() => import('../pages/dashboard/me.page.tsx')),
      },
      { key: 'portal', href: '/cong-khai', label: 'metrics.menu.portal', icon: <MxPortalIcon aria-hidden /> },
    ],
  },
  // Later issues: tasks (Nhiệm vụ 5 rõ), inspections (Kiểm tra), evaluation (Đánh giá),
  // metrics (Số liệu) go here, before the admin group.
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
      {
        key: 'calendar',
        path: '/quan-tri/lich',
        label: 'menu.calendar',
        icon: <CalendarOutlined aria-hidden />,
        // Everyone may read the calendar (and use the due-date calculator); the administration
        // menu lists it for those who set or answer for deadlines. Only admin edits.
        menuRoles: ['admin', 'unit_head', 'leader', 'counter_officer'],
        page: lazy(() => import('../pages/calendar/calendar.page.tsx')),
      },
      { key: 'api-docs', href: '/api/docs', label: 'menu.apiDocs', icon: <ReadOutlined aria-hidden />, roles: ['admin'] },
    ],
  },
];

/** Pages opened from other pages; the menu highlights the entry whose path they extend. */
export const SUB_PAGES: SubPage[] = [
  { path: '/mot-cua/ho-so/:id', roles: DOSSIER_READERS, page: lazy(() => import('../pages/dossiers/dossier.page.tsx')) },
  { path: '/nhiem-vu/:id', page: lazy(() => import('../pages/tasks/task.page.tsx')) },
  { path: '/kiem-tra/tai-cho/:id', roles: ['inspector', 'admin', 'leader', 'unit_head'], page: lazy(() => import('../pages/oversight/inspection.page.tsx')) },
  { path: '/kiem-tra/phan-anh/:id', roles: ['inspector', 'admin', 'leader', 'unit_head'], page: lazy(() => import('../pages/oversight/complaint.page.tsx')) },
];

const menuRolesOf = (e: MenuPage | MenuLink) => ('menuRoles' in e && e.menuRoles ? e.menuRoles : e.roles);

/** The entries the user may see; groups with nothing visible disappear. */
export function visibleMenu(me: TMe | null | undefined, entries: MenuEntry[] = MENU): MenuEntry[] {
  const out: MenuEntry[] = [];
  for (const entry of entries) {
    if (isGroup(entry)) {
      const children = entry.children.filter((c) => hasAnyRole(me, menuRolesOf(c)));
      if (children.length) out.push({ ...entry, children });
    } else if (hasAnyRole(me, menuRolesOf(entry))) {
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
