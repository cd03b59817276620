import { CheckCircleFilled, ExclamationCircleFilled, LeftOutlined, SmileOutlined } from '@ant-design/icons';
import { Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { normalizeDossierCode } from '../../../domain/dossiers/dossier-code.ts';
import type { TPublicDossier } from '../../../shared/schemas/dossiers.ts';
import { isApiError } from '../../api/client.ts';
import { usePublicDossier } from '../../api/public.queries.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT, type TKey } from '../../i18n/i18n.tsx';
import { eventLabel, isOpen, statusKey } from '../../lib/dossier-labels.ts';
import { formatDate, formatDateTime, vnWeekday } from '../../lib/format.ts';
import { Face, type Level } from './faces.tsx';
import { LookupForm } from './lookup-form.tsx';
import { RatingForm } from './rating-form.tsx';

const TONE: Record<TPublicDossier['status'], 'info' | 'wait' | 'done' | 'stop'> = {
  submitted: 'info',
  received: 'info',
  processing: 'info',
  awaiting_supplement: 'wait',
  awaiting_payment: 'wait',
  result_ready: 'done',
  returned: 'done',
  refused: 'stop',
  withdrawn: 'stop',
  stopped: 'stop',
};

const LEVELS = new Set(['very_satisfied', 'satisfied', 'dissatisfied']);

function TimelinessBadge({ d }: { d: TPublicDossier }) {
  const t = useT();
  if (d.timeliness === 'late') {
    return (
      <span className="cv-badge cv-badge-late" data-testid="public-timeliness">
        <ExclamationCircleFilled aria-hidden /> {t('timeliness.late')}
      </span>
    );
  }
  if (d.timeliness === 'early' || d.timeliness === 'on_time') {
    return (
      <span className="cv-badge cv-badge-ok" data-testid="public-timeliness">
        <CheckCircleFilled aria-hidden /> {t(`timeliness.${d.timeliness}`)}
      </span>
    );
  }
  if (isOpen(d.status)) {
    return (
      <span className="cv-badge cv-badge-info" data-testid="public-timeliness">
        {t('timeliness.inTime')}
      </span>
    );
  }
  return null;
}

function Received({ level, at }: { level: string; at: string | null }) {
  const t = useT();
  const label = LEVELS.has(level) ? t(`rating.${level}` as TKey) : level;
  return (
    <section className="cv-public-card cv-rated" data-testid="rating-received" aria-labelledby="rated-title">
      {LEVELS.has(level) ? <Face level={level as Level} size={44} /> : null}
      <div>
        <h2 id="rated-title" className="cv-public-h2">
          {t('public.rated')}
        </h2>
        <p className="cv-public-lead">{at ? t('public.ratedText', { level: label, date: formatDate(at) }) : label}</p>
      </div>
    </section>
  );
}

export default function PublicDossierPage() {
  const t = useT();
  const params = useParams();
  const raw = params.code ?? '';
  const code = normalizeDossierCode(raw);
  const dossier = usePublicDossier(code);
  const [thanked, setThanked] = useState<Level | null>(null);
  useEffect(() => setThanked(null), [code]);

  if (raw !== code) return <Navigate to={`/tra-cuu/${encodeURIComponent(code)}`} replace />;

  if (dossier.isPending) {
    return (
      <section className="cv-public-card">
        <Skeleton active paragraph={{ rows: 8 }} />
      </section>
    );
  }
  if (!dossier.data) {
    const notFound = isApiError(dossier.error) && dossier.error.status === 404;
    return (
      <div data-testid="public-not-found">
        <section className="cv-public-card">
          <ProblemAlert error={dossier.error} onRetry={notFound ? undefined : () => void dossier.refetch()} />
          <LookupForm initial={code} />
        </section>
      </div>
    );
  }

  const d = dossier.data;
  const tone = TONE[d.status];
  const due = d.dueAt ? `${t(`weekday.${vnWeekday(d.dueAt)}` as TKey)}, ${formatDateTime(d.dueAt)}` : t('common.none');
  return (
    <div className="cv-public-dossier" data-testid="public-dossier">
      <Link to="/tra-cuu" className="cv-public-back">
        <LeftOutlined aria-hidden /> {t('public.another')}
      </Link>
      <section className={`cv-public-card cv-status-hero cv-tone-${tone}`} aria-labelledby="public-status">
        <div className="cv-status-label">{t('public.status')}</div>
        <h1 id="public-status" className="cv-status-text" data-testid="public-status">
          {t(statusKey(d.status))}
        </h1>
        <div className="cv-status-code cv-mono" data-testid="public-code">
          {d.code}
        </div>
        <TimelinessBadge d={d} />
      </section>

      {d.supplementItems ? (
        <section className="cv-public-card cv-supplement-box" aria-labelledby="supplement-title" data-testid="public-supplement">
          <h2 id="supplement-title" className="cv-public-h2">
            <ExclamationCircleFilled aria-hidden /> {t('public.supplementTitle')}
          </h2>
          <ol className="cv-supplement-items">
            {d.supplementItems.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ol>
          <p className="cv-public-help">{t('public.supplementHint')}</p>
        </section>
      ) : null}

      <section className="cv-public-card">
        <dl className="cv-public-facts">
          <div>
            <dt>{t('public.procedure')}</dt>
            <dd>{d.procedure.name}</dd>
          </div>
          <div>
            <dt>{t('public.unit')}</dt>
            <dd>{d.unit.name}</dd>
          </div>
          <div>
            <dt>{t('public.applicant')}</dt>
            <dd data-testid="public-applicant">{d.applicantName}</dd>
          </div>
          <div>
            <dt>{t('public.receivedAt')}</dt>
            <dd>{d.receivedAt ? formatDateTime(d.receivedAt) : t('common.none')}</dd>
          </div>
          <div>
            <dt>{t('public.dueAt')}</dt>
            <dd>
              <strong data-testid="public-due">{due}</strong>
            </dd>
          </div>
        </dl>
        {d.timeliness === 'late' ? <p className="cv-public-error">{t('public.lateNote')}</p> : null}
      </section>

      <section className="cv-public-card" aria-labelledby="public-timeline-title">
        <h2 id="public-timeline-title" className="cv-public-h2">
          {t('public.timeline')}
        </h2>
        <ol className="cv-public-timeline" data-testid="public-timeline">
          {d.timeline.map((e, i) => (
            <li key={i} className={i === d.timeline.length - 1 ? 'is-last' : undefined}>
              <span className="cv-public-timeline-dot" aria-hidden />
              <div className="cv-public-timeline-label">{eventLabel(t, e.type, e.label)}</div>
              <div className="cv-public-timeline-time">{formatDateTime(e.at)}</div>
            </li>
          ))}
        </ol>
      </section>

      {thanked ? (
        <section className="cv-public-card cv-thanks" role="status" data-testid="rating-thanks">
          <SmileOutlined aria-hidden className="cv-thanks-icon" />
          <h2 className="cv-public-h2">{t('public.thanksTitle')}</h2>
          <p className="cv-public-lead">{t('public.thanksText', { level: t(`rating.${thanked}`) })}</p>
        </section>
      ) : d.canRate ? (
        <RatingForm code={d.code} onRated={setThanked} />
      ) : d.rating ? (
        <Received level={d.rating.level} at={d.rating.at} />
      ) : null}
    </div>
  );
}
