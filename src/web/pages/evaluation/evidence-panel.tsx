import { Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useDossier } from '../../api/dossiers.queries.ts';
import { useTaskRef, type TCardTemplate, type TEvidence } from '../../api/evaluation.queries.ts';
import { DEFAULT_TEMPLATE } from '../../../domain/evaluation/template.ts';
import { SUB_PAGES } from '../../app/menu.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { formatScore, GENERAL_MAX, hasEvidence, TASK_MAX } from './evaluation-labels.ts';

const dossierPath = (id: string) => `/mot-cua/ho-so/${id}`;

/** The task page, when the tasks area has one ("/…/:id" under a tasks path); null until it exists. */
const TASK_PAGE = SUB_PAGES.find((p) => p.path.endsWith('/:id') && /nhiem-vu|task/i.test(p.path));
export const taskPath: ((id: string) => string) | null = TASK_PAGE ? (id) => TASK_PAGE.path.replace(':id', id) : null;

/** Shown at most, per list of records (the counts above always give the full figure). */
const MAX_LINKS = 60;

function DossierLink({ id, n }: { id: string; n: number }) {
  const t = useT();
  const dossier = useDossier(id);
  return (
    <Link to={dossierPath(id)} className="cv-mono" data-testid="evidence-dossier-link">
      {dossier.data?.code ?? t('evaluation.evidence.dossierN', { n })}
    </Link>
  );
}

function TaskLink({ id, n, to }: { id: string; n: number; to: string }) {
  const t = useT();
  const task = useTaskRef(id);
  return (
    <Link to={to} data-testid="evidence-task-link">
      {task.data ? t('evaluation.evidence.taskNamed', { no: task.data.no, title: task.data.title }) : t('evaluation.evidence.taskN', { n })}
    </Link>
  );
}

/** A list of records behind a figure, opened on demand (each dossier's code is then looked up). */
function RecordList({ label, count, children, testId }: { label: string; count: number; children: () => ReactNode; testId: string }) {
  const [open, setOpen] = useState(false);
  if (count === 0) return null;
  return (
    <details className="ev-records" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid={testId}>
      <summary>{label}</summary>
      {open ? <div className="ev-record-links">{children()}</div> : null}
    </details>
  );
}

interface EvidencePanelProps {
  evidence: TEvidence;
  /** The evidence score; left out where the reader is not given it (peer review). */
  evidenceScore?: number | null;
  /** Fewer words: no explanation of the computation (the peer inbox lists many cards). */
  compact?: boolean;
  /** The card's deductions per violation and upheld complaint (its template's); the default template's when unknown. */
  deductions?: TCardTemplate['deductions'] | null;
  testId?: string;
}

/** The month's record behind a scorecard, each figure with the records it came from. */
export function EvidencePanel({ evidence, evidenceScore, compact, deductions, testId = 'evidence-panel' }: EvidencePanelProps) {
  const t = useT();
  const [lang] = useLanguage();
  if (!hasEvidence(evidence)) {
    return (
      <Typography.Paragraph type="secondary" className="ev-no-evidence" data-testid={testId}>
        {t('evaluation.evidence.none')}
      </Typography.Paragraph>
    );
  }
  const { dossiers, tasks, violations, upheldComplaints } = evidence;
  return (
    <div data-testid={testId}>
      <dl className={compact ? 'cv-facts ev-evidence-facts ev-evidence-compact' : 'cv-facts ev-evidence-facts'}>
        <div>
          <dt>{t('evaluation.evidence.dossiers')}</dt>
          <dd data-testid="evidence-dossiers">{t('evaluation.evidence.dossiersValue', { handled: dossiers.handled, late: dossiers.late })}</dd>
        </div>
        <div>
          <dt>{t('evaluation.evidence.tasks')}</dt>
          <dd data-testid="evidence-tasks">{t('evaluation.evidence.tasksValue', { due: tasks.due, done: tasks.done, sentBack: tasks.sentBack })}</dd>
        </div>
        <div>
          <dt>{t('evaluation.evidence.violations')}</dt>
          <dd>{t('evaluation.evidence.violationsValue', { count: violations.count })}</dd>
        </div>
        <div>
          <dt>{t('evaluation.evidence.complaints')}</dt>
          <dd>
            {t('evaluation.evidence.complaintsValue', { count: upheldComplaints.count })}
            {upheldComplaints.codes.length ? <div className="cv-cell-sub cv-mono">{upheldComplaints.codes.join(', ')}</div> : null}
          </dd>
        </div>
        <div>
          <dt>{t('evaluation.evidence.general')}</dt>
          <dd>{t('evaluation.points', { value: formatScore(evidence.generalFromEvidence ?? null, lang), max: GENERAL_MAX })}</dd>
        </div>
        <div>
          <dt>{t('evaluation.evidence.task')}</dt>
          <dd>
            {evidence.taskScore === null || evidence.taskScore === undefined
              ? t('evaluation.evidence.noWork')
              : t('evaluation.points', { value: formatScore(evidence.taskScore, lang), max: TASK_MAX })}
          </dd>
        </div>
        {evidenceScore === undefined ? null : (
          <div className="ev-evidence-total">
            <dt>{t('evaluation.evidence.score')}</dt>
            <dd data-testid="evidence-score">
              <strong>{evidenceScore === null ? t('evaluation.evidence.noScore') : t('evaluation.points', { value: formatScore(evidenceScore, lang), max: 100 })}</strong>
            </dd>
          </div>
        )}
      </dl>
      {compact ? null : (
        <Typography.Paragraph type="secondary" className="ev-rule-note">
          {t('evaluation.evidence.rules', {
            violation: formatScore((deductions ?? DEFAULT_TEMPLATE.deductions).violation, lang),
            upheldComplaint: formatScore((deductions ?? DEFAULT_TEMPLATE.deductions).upheldComplaint, lang),
          })}
        </Typography.Paragraph>
      )}
      <RecordList label={t('evaluation.evidence.dossierList', { count: dossiers.ids.length })} count={dossiers.ids.length} testId="evidence-dossier-list">
        {() => (
          <>
            {dossiers.ids.slice(0, MAX_LINKS).map((id, i) => (
              <DossierLink key={id} id={id} n={i + 1} />
            ))}
            {dossiers.ids.length > MAX_LINKS ? <span className="cv-muted">{t('evaluation.evidence.more', { count: dossiers.ids.length - MAX_LINKS })}</span> : null}
          </>
        )}
      </RecordList>
      {taskPath ? (
        <RecordList label={t('evaluation.evidence.taskList', { count: tasks.ids.length })} count={tasks.ids.length} testId="evidence-task-list">
          {() =>
            tasks.ids.slice(0, MAX_LINKS).map((id, i) => <TaskLink key={id} id={id} n={i + 1} to={taskPath!(id)} />)
          }
        </RecordList>
      ) : null}
    </div>
  );
}

/** One line for a table cell: the evidence score and its figures. */
export function EvidenceSummary({ evidence, evidenceScore }: { evidence: TEvidence; evidenceScore: number | null }) {
  const t = useT();
  const [lang] = useLanguage();
  const figures = hasEvidence(evidence);
  if (evidenceScore === null && !figures) {
    return (
      <span className="cv-muted" data-testid="evidence-summary">
        {t('evaluation.evidence.noneShort')}
      </span>
    );
  }
  return (
    <div className="ev-evidence-summary" data-testid="evidence-summary">
      {evidenceScore === null ? <span className="cv-muted">{t('evaluation.evidence.noScoreShort')}</span> : <strong>{formatScore(evidenceScore, lang)}</strong>}
      {figures ? (
        <div className="cv-cell-sub">
          {[
            t(evidence.dossiers.late ? 'evaluation.evidence.shortDossiersLate' : 'evaluation.evidence.shortDossiers', { handled: evidence.dossiers.handled, late: evidence.dossiers.late }),
            t('evaluation.evidence.shortTasks', { done: evidence.tasks.done, due: evidence.tasks.due }),
            evidence.violations.count ? t('evaluation.evidence.shortViolations', { count: evidence.violations.count }) : null,
            evidence.upheldComplaints.count ? t('evaluation.evidence.shortComplaints', { count: evidence.upheldComplaints.count }) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </div>
      ) : null}
    </div>
  );
}
