import { QrcodeOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/i18n.tsx';
import { LookupForm } from './lookup-form.tsx';

export default function LookupPage() {
  const t = useT();
  return (
    <section className="cv-public-card" data-testid="lookup-page" aria-labelledby="lookup-title">
      <h1 id="lookup-title" className="cv-public-h1">
        {t('public.title')}
      </h1>
      <p className="cv-public-lead">{t('public.intro')}</p>
      <LookupForm autoFocus />
      <p className="cv-public-hint">
        <QrcodeOutlined aria-hidden /> {t('public.qrHint')}
      </p>
    </section>
  );
}
