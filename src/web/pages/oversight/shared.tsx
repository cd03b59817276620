import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { TRole } from '../../../shared/schemas/access.ts';
import type { TInspectionSummary } from '../../api/oversight.queries.ts';
import { useT, type TKey } from '../../i18n/i18n.tsx';
import { formatDateTime, vnWeekday } from '../../lib/format.ts';
import { InspectionStatusTag, SurpriseTag } from './labels.tsx';

export const inspectionPath = (id: string) => `/kiem-tra/tai-cho/${id}`;
export const complaintPath = (id: string) => `/kiem-tra/phan-anh/${id}`;
/** Who plans and runs inspections (the server's inspections.manage). */
export const MANAGE_ROLES: readonly TRole[] = ['inspector', 'admin'];

/** "Thứ Năm, 26/11/2026 12:59" */
export function useWhen() {
  const t = useT();
  return (iso: string) => `${t(`weekday.${vnWeekday(iso)}` as TKey)}, ${formatDateTime(iso)}`;
}

/** One inspection as a tappable card (lists on phones, the on-site list). */
export function InspectionCard({ i }: { i: TInspectionSummary }) {
  const when = useWhen();
  return (
    <Link to={inspectionPath(i.id)} className={`cv-ov-card-link cv-ov-status-${i.status}`} data-testid="inspection-link">
      <span className="cv-ov-card-top">
        <span className="cv-ov-when">{when(i.scheduledAt)}</span>
        <RightOutlined aria-hidden className="cv-shortcut-arrow" />
      </span>
      <span className="cv-ov-card-title">{i.title}</span>
      <span className="cv-ov-card-sub">{i.targets.map((x) => x.name).join(', ')}</span>
      <span className="cv-ov-card-tags">
        <InspectionStatusTag status={i.status} label={i.statusLabel} />
        <SurpriseTag surprise={i.surprise} />
      </span>
    </Link>
  );
}
