import { FileSearchOutlined, MessageOutlined } from '@ant-design/icons';
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
  const complaints = useLocation().pathname.startsWith('/phan-anh');
  const title = t(complaints ? 'complaint.title' : 'public.title');
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
          <Link to={complaints ? '/phan-anh' : '/tra-cuu'} className="cv-public-brand">
            {complaints ? <MessageOutlined aria-hidden className="cv-public-brand-icon" /> : <FileSearchOutlined aria-hidden className="cv-public-brand-icon" />}
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
        {t(complaints ? 'complaint.privacy' : 'public.privacy')}
      </footer>
    </div>
  );
}
