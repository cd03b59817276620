import { BarChartOutlined, BookOutlined, FileSearchOutlined, MessageOutlined } from '@ant-design/icons';
import { Spin } from 'antd';
import { Suspense, useEffect, type ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../../app/language-switch.tsx';
import { useT, type TKey } from '../../i18n/i18n.tsx';

/** The citizens' sections, each with its own title and icon; the footer links to the others. */
const SECTIONS: { path: string; title: TKey; link: TKey; icon: ReactNode; testId: string }[] = [
  { path: '/tra-cuu', title: 'public.title', link: 'complaint.lookupLink', icon: <FileSearchOutlined aria-hidden />, testId: 'public-lookup-link' },
  { path: '/thu-tuc', title: 'publicProc.title', link: 'publicProc.link', icon: <BookOutlined aria-hidden />, testId: 'public-procedures-link' },
  { path: '/phan-anh', title: 'complaint.title', link: 'complaint.link', icon: <MessageOutlined aria-hidden />, testId: 'public-complaint-link' },
  { path: '/cong-khai', title: 'metrics.portal.title', link: 'publicProc.portalLink', icon: <BarChartOutlined aria-hidden />, testId: 'public-portal-link' },
];
const PRIVACY: Record<string, TKey> = { '/tra-cuu': 'public.privacy', '/thu-tuc': 'publicProc.privacy', '/phan-anh': 'complaint.privacy', '/cong-khai': 'metrics.portal.privacy' };

/**
 * The citizens' frame: no login, no menu, no agency branding — the same pages serve every agency
 * whose slips carry the QR code. Phone first: large type and tap targets.
 */
export default function PublicLayout() {
  const t = useT();
  const { pathname } = useLocation();
  const section = SECTIONS.find((s) => pathname === s.path || pathname.startsWith(`${s.path}/`)) ?? SECTIONS[0]!;
  const title = t(section.title);
  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);
  // Lookup and complaints point at each other first (a citizen unhappy with a dossier complains about it).
  const switchTo = section.path === '/phan-anh' ? '/tra-cuu' : '/phan-anh';
  const others = SECTIONS.filter((s) => s.path !== section.path).sort((a, b) => Number(b.path === switchTo) - Number(a.path === switchTo));
  return (
    <div className="cv-public" data-testid="public-layout">
      <a className="cv-skip-link" href="#public-main">
        {t('app.skipToContent')}
      </a>
      <header className="cv-public-header">
        <div className="cv-public-header-inner">
          <Link to={section.path} className="cv-public-brand">
            <span className="cv-public-brand-icon">{section.icon}</span>
            <span>{title}</span>
          </Link>
          <LanguageSwitch className="cv-lang" />
        </div>
      </header>
      <main id="public-main" className="cv-public-main" tabIndex={-1}>
        <Suspense
          fallback={
            <div className="cv-page-loading">
              <Spin description={t('app.loading')} />
            </div>
          }
        >
          <Outlet />
        </Suspense>
      </main>
      <footer className="cv-public-footer">
        <nav aria-label={t('complaint.otherServices')}>
          <ul className="cv-public-services">
            {others.map((s) => (
              <li key={s.path}>
                <Link to={s.path} className="cv-public-back" data-testid={s.path === switchTo ? 'public-switch-link' : s.testId}>
                  {s.icon} {t(s.link)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {t(PRIVACY[section.path]!)}
      </footer>
    </div>
  );
}
