import { UnitDashboard } from './unit-dashboard.tsx';

/** /dashboard: the province as a whole for leaders, inspectors and admins (a head sees their unit). */
export default function LeaderDashboardPage() {
  return <UnitDashboard testId="leader-dashboard" />;
}
