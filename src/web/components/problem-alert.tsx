import { Alert } from 'antd';
import { isApiError } from '../api/client.ts';
import { useT } from '../i18n/i18n.tsx';

interface ProblemAlertProps {
  error: unknown;
  /** Field messages that matched no form control. */
  extra?: string[];
  onRetry?: () => void;
  className?: string;
}

/** Shows the problem's `detail` (Vietnamese from the server) and any unplaced field messages. */
export function ProblemAlert({ error, extra, onRetry, className }: ProblemAlertProps) {
  const t = useT();
  if (!error && !extra?.length) return null;
  const detail = isApiError(error) ? error.problem.detail || error.problem.title : error ? t('common.error') : null;
  const title = isApiError(error) && error.status === 0 ? t('common.networkError') : (detail ?? t('common.error'));
  const lines = extra?.filter(Boolean) ?? [];
  return (
    <Alert
      className={className}
      type="error"
      showIcon
      role="alert"
      title={title}
      description={lines.length ? <ul className="cv-problem-list">{lines.map((l, i) => <li key={i}>{l}</li>)}</ul> : undefined}
      action={
        onRetry ? (
          <button type="button" className="cv-link-button" onClick={onRetry}>
            {t('common.retry')}
          </button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
