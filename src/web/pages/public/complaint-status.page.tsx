import { CheckCircleFilled, ClockCircleOutlined, ExclamationCircleFilled, LeftOutlined } from '@ant-design/icons';
import { Skeleton } from 'antd';
import { Link, Navigate, useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { usePublicComplaint, type TPublicComplaint } from '../../api/oversight.queries.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT, type TKey } from '../../i18n/i18n.tsx';
import { formatDate, formatDateTime, vnWeekday } from '../../lib/format.ts';
import { ComplaintTrackForm, normalizeTrackingCode } from './complaint-track.tsx';
import '../oversight/oversight.css';

const KINDS = new Set(['harassment', 'delay', 'attitude', 'praise', 'other']);
const STATUSES = new Set(['received', 'assigned', 'answered', 'closed']);

function tone(c: TPublicComplaint, late: boolean): 'info' | 'wait' | 'done' | 'stop' {
  if (c.status === 'answered' || c.status === 'closed') return 'done';
  return late ? 'stop' : 'info';
}

/** What the citizen sees with the tracking code: status, agency, dates and the agency's answer. */
export default function ComplaintStatusPage() {
  const t = useT();
  const raw = useParams().code ?? '';
  const code = normalizeTrackingCode(raw);
  const complaint = usePublicComplaint(code);

  if (raw !== code) return <Navigate to={`/phan-anh/${encodeURIComponent(code)}`} replace />;

  if (complaint.isPending) {
    return (
      <section className="cv-public-card">
        <Skeleton active paragraph={{ rows: 6 }} />
      </section>
    );
  }
  if (!complaint.data) {
    const notFound = isApiError(complaint.error) && complaint.error.status === 404;
    return (
      <div data-testid="complaint-not-found">
        <section className="cv-public-card">
          <ProblemAlert error={complaint.error} onRetry={notFound ? undefined : () => void complaint.refetch()} />
          <ComplaintTrackForm initial={code} />
        </section>
      </div>
    );
  }

  const c = complaint.data;
  const answered = Boolean(c.answer);
  const late = !answered && Date.parse(c.responseDueAt) < Date.now();
  const due = `${t(`weekday.${vnWeekday(c.responseDueAt)}` as TKey)}, ${formatDateTime(c.responseDueAt)}`;
  const statusText = STATUSES.has(c.status) ? t(`complaint.status.${c.status}` as TKey) : c.statusLabel;
  return (
    <div className="cv-public-dossier" data-testid="complaint-status-page">
      <Link to="/phan-anh" className="cv-public-back">
        <LeftOutlined aria-hidden /> {t('complaint.newOne')}
      </Link>
      <section className={`cv-public-card cv-status-hero cv-tone-${tone(c, late)}`} aria-labelledby="complaint-status">
        <div className="cv-status-label">{t('complaint.statusLabel')}</div>
        <h1 id="complaint-status" className="cv-status-text" data-testid="complaint-status">
          {statusText}
        </h1>
        <div className="cv-status-code cv-mono" data-testid="complaint-status-code">
          {c.trackingCode}
        </div>
        {answered ? (
          <span className="cv-badge cv-badge-ok">
            <CheckCircleFilled aria-hidden /> {c.answeredAt ? t('complaint.answeredAt', { date: formatDate(c.answeredAt) }) : statusText}
          </span>
        ) : late ? (
          <span className="cv-badge cv-badge-late">
            <ExclamationCircleFilled aria-hidden /> {t('complaint.late')}
          </span>
        ) : (
          <span className="cv-badge cv-badge-info">
            <ClockCircleOutlined aria-hidden /> {t('complaint.waiting', { date: formatDate(c.responseDueAt) })}
          </span>
        )}
      </section>

      {answered ? (
        <section className="cv-public-card cv-ov-answer" aria-labelledby="complaint-answer-title" data-testid="complaint-answer">
          <h2 id="complaint-answer-title" className="cv-public-h2">
            {t('complaint.answerTitle')}
          </h2>
          {c.outcome === 'upheld' || c.outcome === 'not_upheld' ? (
            <p className={`cv-ov-outcome-line cv-ov-outcome-${c.outcome}`} data-testid="complaint-outcome">
              {t(`complaint.outcome.${c.outcome}`)}
            </p>
          ) : null}
          <p className="cv-ov-prewrap cv-ov-answer-text" data-testid="complaint-answer-text">
            {c.answer}
          </p>
          {c.answeredAt ? <p className="cv-public-help">{t('complaint.answeredAt', { date: formatDateTime(c.answeredAt) })}</p> : null}
        </section>
      ) : null}

      <section className="cv-public-card">
        <dl className="cv-public-facts">
          <div>
            <dt>{t('complaint.kindField')}</dt>
            <dd>{KINDS.has(c.kind) ? t(`complaint.kind.${c.kind}` as TKey) : c.kindLabel}</dd>
          </div>
          <div>
            <dt>{t('complaint.unitName')}</dt>
            <dd data-testid="complaint-unit-name">{c.unitName ?? t('oversight.unknown')}</dd>
          </div>
          <div>
            <dt>{t('complaint.createdAt')}</dt>
            <dd>{formatDateTime(c.createdAt)}</dd>
          </div>
          {c.kind !== 'praise' ? (
            <div>
              <dt>{t('complaint.responseDueAt')}</dt>
              <dd>
                <strong>{due}</strong>
              </dd>
            </div>
          ) : null}
        </dl>
      </section>
    </div>
  );
}
