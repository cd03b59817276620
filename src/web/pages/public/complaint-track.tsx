import { SearchOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/i18n.tsx';

/** "pa 261123 abcde", "PA-261123-ABCDE " → "PA-261123-ABCDE". */
export function normalizeTrackingCode(raw: string): string {
  const compact = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const m = /^PA(\d{6})([A-Z0-9]{5})$/.exec(compact);
  return m ? `PA-${m[1]}-${m[2]}` : raw.trim().toUpperCase();
}

export const isTrackingCode = (code: string) => /^PA-\d{6}-[A-Z2-9]{5}$/.test(code);

/** The tracking-code box: the citizen reads the code off a screenshot or a note. */
export function ComplaintTrackForm({ initial = '' }: { initial?: string }) {
  const t = useT();
  const navigate = useNavigate();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (!value.trim()) return setError(t('complaint.trackRequired'));
    const code = normalizeTrackingCode(value);
    if (!isTrackingCode(code)) return setError(t('complaint.trackInvalid'));
    setError(null);
    void navigate(`/phan-anh/${encodeURIComponent(code)}`);
  };
  return (
    <form
      role="search"
      aria-label={t('complaint.trackTitle')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor="track-code" className="cv-public-label">
        {t('complaint.trackLabel')}
      </label>
      <Input
        id="track-code"
        size="large"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        aria-describedby="track-code-help"
        aria-invalid={error ? true : undefined}
        status={error ? 'error' : undefined}
        className="cv-lookup-input cv-mono"
        data-testid="track-code"
      />
      <div id="track-code-help" className={error ? 'cv-public-error' : 'cv-public-help'} role={error ? 'alert' : undefined}>
        {error ?? t('complaint.trackHelp')}
      </div>
      <Button size="large" htmlType="submit" block icon={<SearchOutlined aria-hidden />} className="cv-public-button" data-testid="track-submit">
        {t('complaint.track')}
      </Button>
    </form>
  );
}
