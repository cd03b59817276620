import { Segmented } from 'antd';
import { useLanguage, useT, type Lang } from '../i18n/i18n.tsx';

export function LanguageSwitch({ className }: { className?: string }) {
  const t = useT();
  const [lang, setLang] = useLanguage();
  return (
    <Segmented<Lang>
      className={className}
      size="small"
      aria-label={t('app.language')}
      value={lang}
      onChange={setLang}
      options={[
        { value: 'vi', label: <span lang="vi" title="Tiếng Việt">VI</span> },
        { value: 'en', label: <span lang="en" title="English">EN</span> },
      ]}
    />
  );
}
