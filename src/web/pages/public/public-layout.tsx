import { BarChartOutlined, FileSearchOutlined, MessageOutlined } from '@ant-design/icons';
import { Spin } from 'antd';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../../app/language-switch.tsx';
import { useT } from '../../i18n/i18n.tsx';

/**
 * The citizens' frame: no login, no menu, no agency branding — the same pages serve every agency
 * whose slips carry the QR code. Phone first: large type and tap targets.
 */
export default function PublicLayout() {
  const t = useT();
  // The same frame carries the citizens' complaints (/phan-anh), each section with its own title.
  const { pathname } = useLocation();
  const complaints = pathname.startsWith('/phan-anh');
  // And the transparency portal (/cong-khai): published figures, nothing personal.
  const portal = pathname.startsWith('/cong-khai');
  const title = t(portal ? 'metrics.portal.title' : complaints ? 'complaint.title' : 'public.title');
  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);
  return (
    <div className="cv-public" data-testid="public-layout">
      <a className="cv-skip-link" href="#public-main">
        {t('app.skipToContent')}
      </a>
      <header className="cv-public-header">
        <div className="cv-public-header-inner">
          <Link to={portal ? '/cong-khai' : complaints ? '/phan-anh' : '/tra-cuu'} className="cv-public-brand">
            {portal ? <BarChartOutlined aria-hidden className="cv-public-brand-icon" /> : complaints ? <MessageOutlined aria-hidden className="cv-public-brand-icon" /> : <FileSearchOutlined aria-hidden className="cv-public-brand-icon" />}
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
          <Link to={complaints ? '/tra-cuu' : '/phan-anh'} className="cv-public-back" data-testid="public-switch-link">
            {complaints ? <FileSearchOutlined aria-hidden /> : <MessageOutlined aria-hidden />} {t(complaints ? 'complaint.lookupLink' : 'complaint.link')}
          </Link>
        </nav>
        {t(portal ? 'metrics.portal.privacy' : complaints ? 'complaint.privacy' : 'public.privacy')}
      </footer>
    </div>
  );
}
