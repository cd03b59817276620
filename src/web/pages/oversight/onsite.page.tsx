import { Card, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { useInspections, type TInspectionSummary } from '../../api/oversight.queries.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT, type TKey } from '../../i18n/i18n.tsx';
import { vnWallClock } from '../../lib/format.ts';
import { InspectionCard } from './shared.tsx';
import './oversight.css';

const DAY = 86_400_000;

function Section({ title, items, testId, loading }: { title: TKey; items: TInspectionSummary[]; testId: string; loading: boolean }) {
  const t = useT();
  return (
    <Card title={`${t(title)} (${items.length})`} className="cv-card" data-testid={testId}>
      {loading ? <Skeleton active paragraph={{ rows: 2 }} /> : null}
      {!loading && !items.length ? <Typography.Paragraph type="secondary">{t('oversight.onsite.empty')}</Typography.Paragraph> : null}
      <ul className="cv-ov-cards">
        {items.map((i) => (
          <li key={i.id}>
            <InspectionCard i={i} />
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The inspector's phone: what is under way now, what is coming, what waits for the conclusion. */
export default function OnsitePage() {
  const t = useT();
  const now = Date.now();
  const from = vnWallClock(new Date(now - 7 * DAY))?.date;
  const to = vnWallClock(new Date(now + 30 * DAY))?.date;
  const inProgress = useInspections({ status: 'in_progress' });
  const signed = useInspections({ status: 'signed_off' });
  const planned = useInspections({ status: 'planned', from, to });
  const upcoming = useMemo(() => [...(planned.data ?? [])].sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt)), [planned.data]);
  return (
    <div data-testid="onsite-page" className="cv-compact-cards cv-ov-narrow">
      <PageHeader title={t('oversight.onsite.title')} subtitle={t('oversight.onsite.subtitle')} />
      <ProblemAlert error={inProgress.error ?? planned.error ?? signed.error} onRetry={() => void inProgress.refetch()} />
      <Section title="oversight.onsite.inProgress" items={inProgress.data ?? []} loading={inProgress.isPending} testId="onsite-in-progress" />
      <Section title="oversight.onsite.upcoming" items={upcoming} loading={planned.isPending} testId="onsite-upcoming" />
      <Section title="oversight.onsite.signedOff" items={signed.data ?? []} loading={signed.isPending} testId="onsite-signed-off" />
    </div>
  );
}
