import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin, theme as antdTheme } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router';
import type { TRole } from '../../shared/schemas/access.ts';
import { meKey, useMe } from '../api/auth.queries.ts';
import { ApiError, onUnauthorized, setCsrfToken } from '../api/client.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { I18nProvider, useLanguage, useT } from '../i18n/i18n.tsx';
import { installListboxNames } from '../lib/listbox-names.ts';
import { hasAnyRole } from '../lib/roles.ts';
import { menuPages, SUB_PAGES } from './menu.tsx';
import { SessionProvider } from './session.tsx';
import { Shell } from './shell.tsx';
import { ForbiddenPage, NotFoundPage } from './status-pages.tsx';

const LoginPage = lazy(() => import('../pages/auth/login.page.tsx'));
// The citizens' pages: no session, no shell (the QR code on every slip opens /tra-cuu/<code>).
const PublicLayout = lazy(() => import('../pages/public/public-layout.tsx'));
const LookupPage = lazy(() => import('../pages/public/lookup.page.tsx'));
const PublicDossierPage = lazy(() => import('../pages/public/public-dossier.page.tsx'));
// Citizens' complaints and praise (no login), in the same frame; followed by tracking code.
const ComplaintFormPage = lazy(() => import('../pages/public/complaint.page.tsx'));
const ComplaintStatusPage = lazy(() => import('../pages/public/complaint-status.page.tsx'));
// The transparency portal (no login): in the citizens' frame, and full-screen for the centre's TVs.
const PortalPage = lazy(() => import('../pages/transparency/portal.page.tsx'));
// The procedures catalogue: what to bring and how long it takes, before the trip to the counter.
const PublicProceduresPage = lazy(() => import('../pages/public/procedures.page.tsx'));
const TvPage = lazy(() => import('../pages/transparency/tv.page.tsx'));

export const PRIMARY = '#b71c1c';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (count, error) => count < 2 && error instanceof ApiError && (error.status === 0 || error.status >= 500),
    },
    mutations: { retry: false },
  },
});

/** Marks that the next login screen should explain that the session ended. */
let sessionExpired = false;

function FullPageSpin() {
  const t = useT();
  return (
    <div className="cv-full-loading">
      <Spin size="large" description={t('app.loading')} />
    </div>
  );
}

function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  useEffect(() => {
    if (me.data) sessionExpired = false;
  }, [me.data]);
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    return (
      <div className="cv-full-loading">
        <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (!me.data) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search, expired: sessionExpired }} />;
  }
  return <SessionProvider me={me.data}>{children}</SessionProvider>;
}

function RoleGate({ roles, children }: { roles?: readonly TRole[]; children: ReactNode }) {
  const me = useMe();
  return hasAnyRole(me.data, roles) ? <>{children}</> : <ForbiddenPage />;
}

const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    path: '/tra-cuu',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <PublicLayout />
      </Suspense>
    ),
    children: [
      { index: true, element: <LookupPage /> },
      { path: ':code', element: <PublicDossierPage /> },
    ],
  },
  {
    path: '/phan-anh',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <PublicLayout />
      </Suspense>
    ),
    children: [
      { index: true, element: <ComplaintFormPage /> },
      { path: ':code', element: <ComplaintStatusPage /> },
    ],
  },
  {
    path: '/cong-khai',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <PublicLayout />
      </Suspense>
    ),
    children: [{ index: true, element: <PortalPage /> }],
  },
  {
    path: '/thu-tuc',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <PublicLayout />
      </Suspense>
    ),
    children: [{ index: true, element: <PublicProceduresPage /> }],
  },
  {
    path: '/cong-khai/tv',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <TvPage />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Shell />
      </RequireAuth>
    ),
    children: [
      ...menuPages().map((p) => ({
        ...(p.path === '/' ? { index: true } : { path: p.path.slice(1) }),
        element: (
          <RoleGate roles={p.roles}>
            <p.page />
          </RoleGate>
        ),
      })),
      ...SUB_PAGES.map((p) => ({
        path: p.path.slice(1),
        element: (
          <RoleGate roles={p.roles}>
            <p.page />
          </RoleGate>
        ),
      })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

/** True when the user asked the system for less motion (antd's animations are then switched off). */
function usePrefersReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)';
  const [reduce, setReduce] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const list = window.matchMedia?.(query);
    if (!list) return;
    const onChange = () => setReduce(list.matches);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, []);
  return reduce;
}

function Themed({ children }: { children: ReactNode }) {
  const [lang] = useLanguage();
  const reduceMotion = usePrefersReducedMotion();
  return (
    <ConfigProvider
      locale={lang === 'vi' ? viVN : enUS}
      theme={{
        algorithm: antdTheme.defaultAlgorithm,
        token: {
          colorPrimary: PRIMARY,
          motion: !reduceMotion,
          colorLink: '#8e1515',
          colorInfo: '#1d3a6e',
          borderRadius: 4,
          // Every face listed covers Vietnamese, except the last resorts: Liberation Sans (Arial on
          // Linux) lacks ặ, ị, ọ, ư…, so a name was drawn in two fonts. DejaVu Sans Condensed has
          // them all at Arial's width; Arial stays for the machines that have nothing else.
          fontFamily:
            "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', 'DejaVu Sans Condensed', 'DejaVu Sans', Arial, 'Liberation Sans', sans-serif",
          fontSize: 15,
          colorBgLayout: '#f5f4f1',
          // Darker greys than antd's defaults so secondary text, labels and placeholders reach WCAG AA.
          colorTextSecondary: '#4a4a4a',
          colorTextTertiary: '#5c5c5c',
          colorTextDescription: '#5c5c5c',
          colorTextQuaternary: '#6f6f6f',
          colorTextPlaceholder: '#767676',
          // antd's #ff4d4f reaches only 3.3:1 on white: danger buttons and error messages need AA.
          colorError: '#c62828',
        },
        components: {
          Layout: { headerBg: PRIMARY, headerHeight: 60, headerPadding: '0 16px', siderBg: '#ffffff' },
          Menu: { itemSelectedBg: '#fbeaea', itemSelectedColor: PRIMARY },
          Table: { headerBg: '#f7f2ef' },
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Page-wide accessibility repairs of third-party widgets. */
function A11yRepairs() {
  useEffect(() => installListboxNames(), []);
  return null;
}

function UnauthorizedWatcher() {
  useEffect(
    () =>
      onUnauthorized(() => {
        setCsrfToken(null);
        if (queryClient.getQueryData(meKey)) {
          sessionExpired = true;
          queryClient.setQueryData(meKey, null);
        }
      }),
    [],
  );
  return null;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed>
          <UnauthorizedWatcher />
          <A11yRepairs />
          <RouterProvider router={router} />
        </Themed>
      </I18nProvider>
    </QueryClientProvider>
  );
}
