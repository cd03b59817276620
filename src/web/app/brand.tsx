import { useT } from '../i18n/i18n.tsx';

/** The emblem: a gold star on deep red, restrained like the header of an official document. */
export function BrandMark({ size = 36 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 40 40" aria-hidden="true" focusable="false" className="cv-brand-mark">
      <circle cx="20" cy="20" r="19" fill="#b71c1c" stroke="#f4c542" strokeWidth="2" />
      <polygon
        fill="#f4c542"
        points="20,7.5 23.1,16.2 32.3,16.4 25,22 27.6,30.8 20,25.6 12.4,30.8 15,22 7.7,16.4 16.9,16.2"
      />
    </svg>
  );
}

export function Brand({ inverted = false }: { inverted?: boolean }) {
  const t = useT();
  return (
    <span className={`cv-brand${inverted ? ' cv-brand-inverted' : ''}`}>
      <BrandMark />
      <span className="cv-brand-text">
        <span className="cv-brand-name">{t('app.name')}</span>
        <span className="cv-brand-tagline">{t('app.tagline')}</span>
      </span>
    </span>
  );
}
