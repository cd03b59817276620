import { SearchOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { normalizeDossierCode, parseDossierCode } from '../../../domain/dossiers/dossier-code.ts';
import { useT } from '../../i18n/i18n.tsx';

/** The code box: accepts lower case and spaces ("000.00.04.h47 - 261123 - 0001"). */
export function LookupForm({ initial = '', autoFocus = false }: { initial?: string; autoFocus?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const code = normalizeDossierCode(value);
    if (!code) return setError(t('public.codeRequired'));
    if (!parseDossierCode(code)) return setError(t('public.codeInvalid'));
    setError(null);
    void navigate(`/tra-cuu/${encodeURIComponent(code)}`);
  };
  return (
    <form
      className="cv-lookup-form"
      role="search"
      aria-label={t('public.title')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor="lookup-code" className="cv-public-label">
        {t('public.codeLabel')}
      </label>
      <Input
        id="lookup-code"
        size="large"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        autoFocus={autoFocus}
        aria-describedby="lookup-code-help"
        aria-invalid={error ? true : undefined}
        status={error ? 'error' : undefined}
        className="cv-lookup-input cv-mono"
        data-testid="lookup-code"
      />
      <div id="lookup-code-help" className={error ? 'cv-public-error' : 'cv-public-help'} role={error ? 'alert' : undefined}>
        {error ?? t('public.codeHelp')}
      </div>
      <Button type="primary" size="large" htmlType="submit" block icon={<SearchOutlined aria-hidden />} className="cv-public-button" data-testid="lookup-submit">
        {t('public.search')}
      </Button>
    </form>
  );
}
