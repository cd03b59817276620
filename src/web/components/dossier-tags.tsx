import { ClockCircleOutlined, ExclamationCircleOutlined, FlagOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { TDossierSummary } from '../../shared/schemas/dossiers.ts';
import { useT, type TKey } from '../i18n/i18n.tsx';
import { dueState, STATUS_COLOR, statusKey, type DossierStatus } from '../lib/dossier-labels.ts';
import { formatDateTime } from '../lib/format.ts';

export function StatusTag({ status, className }: { status: DossierStatus; className?: string }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOR[status]} className={className} data-testid="status-tag" data-status={status}>
      {t(statusKey(status))}
    </Tag>
  );
}

export function TimelinessTag({ value }: { value: TDossierSummary['timeliness'] }) {
  const t = useT();
  if (!value) return null;
  return (
    <Tag color={value === 'late' ? 'red' : 'green'} data-testid="timeliness-tag">
      {t(`timeliness.${value}`)}
    </Tag>
  );
}

/** The marker beside a due date: red "Quá hạn" or orange "Sắp đến hạn". */
export function DueMarker({ dossier }: { dossier: Pick<TDossierSummary, 'status' | 'legalDueAt' | 'dueAt'> }) {
  const t = useT();
  const state = dueState(dossier);
  if (state === 'overdue') {
    return (
      <Tag color="red" icon={<ExclamationCircleOutlined aria-hidden />} data-testid="due-overdue">
        {t('due.overdue')}
      </Tag>
    );
  }
  if (state === 'soon') {
    return (
      <Tag color="orange" icon={<ClockCircleOutlined aria-hidden />} data-testid="due-soon">
        {t('due.soon')}
      </Tag>
    );
  }
  return null;
}

export function DueCell({ dossier }: { dossier: Pick<TDossierSummary, 'status' | 'legalDueAt' | 'dueAt'> }) {
  const t = useT();
  if (!dossier.dueAt) return <span className="cv-muted">{t('common.none')}</span>;
  return (
    <span className="cv-due-cell">
      <span className="cv-nowrap">{formatDateTime(dossier.dueAt)}</span>
      <DueMarker dossier={dossier} />
    </span>
  );
}

export function FlagTags({ flags }: { flags: readonly string[] }) {
  const t = useT();
  if (!flags.length) return null;
  return (
    <>
      {flags.map((f) => (
        <Tag key={f} color="purple" icon={<FlagOutlined aria-hidden />}>
          {f === 'resubmitted_after_withdrawal' ? t(`flag.${f}` as TKey) : f}
        </Tag>
      ))}
    </>
  );
}
