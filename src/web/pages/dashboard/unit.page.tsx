import { useSearchParams } from 'react-router';
import { UnitDashboard } from './unit-dashboard.tsx';

/** /dashboard/unit?unitId=…: one unit and the units below it; without unitId, the caller's own unit. */
export default function UnitDashboardPage() {
  const [params] = useSearchParams();
  const raw = params.get('unitId');
  const unitId = raw && /^[0-9a-f-]{36}$/i.test(raw) ? raw : undefined;
  // A new unit is a new page: remount so the filters and search start afresh.
  return <UnitDashboard key={unitId ?? 'own'} unitId={unitId} testId="unit-dashboard" />;
}
