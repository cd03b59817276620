import { ExclamationCircleOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ComplaintKind, ComplaintStatus, InspectionStatus, RuleCategory, Severity, TViolation } from '../../api/oversight.queries.ts';
import { useLanguage, useT, type TFunction, type TKey } from '../../i18n/i18n.tsx';

export const INSPECTION_STATUS_COLOR: Record<InspectionStatus, string> = {
  planned: 'blue',
  in_progress: 'orange',
  signed_off: 'purple',
  concluded: 'green',
  cancelled: 'default',
};
export const SEVERITY_COLOR: Record<Severity, string> = { minor: 'gold', moderate: 'orange', serious: 'red' };
export const COMPLAINT_STATUS_COLOR: Record<ComplaintStatus, string> = { received: 'blue', assigned: 'geekblue', answered: 'green', closed: 'default' };
export const VIOLATION_STATUS_COLOR: Record<TViolation['status'], string> = { open: 'red', remediating: 'orange', closed: 'green' };

const INSPECTION_STATUSES = new Set<string>(['planned', 'in_progress', 'signed_off', 'concluded', 'cancelled']);
const COMPLAINT_STATUSES = new Set<string>(['received', 'assigned', 'answered', 'closed']);
const KINDS = new Set<string>(['harassment', 'delay', 'attitude', 'praise', 'other']);

export const categoryKey = (c: RuleCategory): TKey => `oversight.cat.${c}`;
export const severityKey = (s: Severity): TKey => `oversight.severity.${s}`;

/** A label of ours for a known code, else the server's (Vietnamese) label. */
export function inspectionStatusLabel(t: TFunction, status: string, serverLabel?: string): string {
  return INSPECTION_STATUSES.has(status) ? t(`oversight.status.${status}` as TKey) : (serverLabel ?? status);
}
export function complaintStatusLabel(t: TFunction, status: string, serverLabel?: string): string {
  return COMPLAINT_STATUSES.has(status) ? t(`complaint.status.${status}` as TKey) : (serverLabel ?? status);
}
export function kindLabel(t: TFunction, kind: string, serverLabel?: string): string {
  return KINDS.has(kind) ? t(`complaint.kind.${kind}` as TKey) : (serverLabel ?? kind);
}

export function InspectionStatusTag({ status, label }: { status: InspectionStatus; label?: string }) {
  const t = useT();
  return (
    <Tag color={INSPECTION_STATUS_COLOR[status] ?? 'default'} data-testid="inspection-status" data-status={status}>
      {inspectionStatusLabel(t, status, label)}
    </Tag>
  );
}

export function SurpriseTag({ surprise }: { surprise: boolean }) {
  const t = useT();
  return surprise ? (
    <Tag color="red" icon={<ThunderboltOutlined aria-hidden />}>
      {t('oversight.surprise')}
    </Tag>
  ) : (
    <Tag>{t('oversight.scheduled')}</Tag>
  );
}

export function SeverityTag({ severity }: { severity: Severity }) {
  const t = useT();
  return (
    <Tag color={SEVERITY_COLOR[severity]} data-testid="severity-tag">
      {t(severityKey(severity))}
    </Tag>
  );
}

export function ComplaintStatusTag({ status, label }: { status: string; label?: string }) {
  const t = useT();
  return (
    <Tag color={COMPLAINT_STATUS_COLOR[status as ComplaintStatus] ?? 'default'} data-testid="complaint-status-tag" data-status={status}>
      {complaintStatusLabel(t, status, label)}
    </Tag>
  );
}

export function KindTag({ kind, label }: { kind: string; label?: string }) {
  const t = useT();
  return <Tag color={(kind as ComplaintKind) === 'praise' ? 'green' : 'default'}>{kindLabel(t, kind, label)}</Tag>;
}

export function OverdueTag({ label }: { label: string }) {
  return (
    <Tag color="red" icon={<ExclamationCircleOutlined aria-hidden />} data-testid="overdue-tag">
      {label}
    </Tag>
  );
}

/**
 * One reason of a surprise-target score. The server writes it in Vietnamese; in English the
 * signal's name is ours and the figure is taken from the server's text.
 */
export function useReasonText() {
  const t = useT();
  const [lang] = useLanguage();
  return (r: { signal: string; text: string }) => {
    if (lang === 'vi') return r.text;
    const known = ['lateRate', 'dissatisfiedRate', 'complaints', 'upheldComplaints', 'violations', 'daysSinceInspection', 'random'];
    if (!known.includes(r.signal)) return r.text;
    const label = t(`oversight.signal.${r.signal}` as TKey);
    if (r.signal === 'daysSinceInspection' && /Chưa/.test(r.text)) return `${label}: never`;
    // The server writes Vietnamese figures (21,4%); English reads a decimal point.
    const figure = /\d+(?:[.,]\d+)?%?/.exec(r.text)?.[0]?.replace(',', '.');
    if (!figure || r.signal === 'random') return label;
    return r.signal === 'daysSinceInspection' ? `${label}: ${figure} days` : `${label}: ${figure}`;
  };
}
