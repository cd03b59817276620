import { SearchOutlined } from '@ant-design/icons';
import { Form, Grid, Input, Select, Tabs } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDossierQueue, type DossierQueue } from '../../api/dossiers.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { DrillBanner, useDrillFilters } from '../dashboard/drill-filter.tsx';
import { DossierList } from './dossier-list.tsx';

const BASE_QUEUES: DossierQueue[] = ['mine', 'due_soon', 'overdue', 'awaiting_supplement', 'to_return', 'flagged', 'all'];

export default function QueuePage() {
  const t = useT();
  const me = useCurrentUser();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const queues = useMemo<DossierQueue[]>(() => {
    const list = [...BASE_QUEUES];
    // Online dossiers wait for the counter to receive them.
    if (hasAnyRole(me, ['counter_officer', 'unit_head', 'admin'])) list.splice(4, 0, 'to_receive');
    // Only officials with a personnel record can be handlers.
    return me.officialId ? list : list.filter((q) => q !== 'mine');
  }, [me]);
  // A dashboard figure's records (?unitId&from&to&timeliness…) are listed from the whole scope.
  const [drill, clearDrill] = useDrillFilters();
  const drilled = Object.keys(drill).length > 0;
  const fallback: DossierQueue = me.roles.includes('officer') && me.officialId && !drilled ? 'mine' : 'all';
  const requested = params.get('queue') as DossierQueue | null;
  const queue: DossierQueue = requested && queues.includes(requested) ? requested : fallback;
  const [q, setQ] = useState(params.get('q') ?? '');
  const debouncedQ = useDebounced(q, 300);
  const list = useDossierQueue(queue, debouncedQ, 30, drill);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  const setQueue = (key: DossierQueue) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('queue', key);
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (debouncedQ.trim()) next.set('q', debouncedQ);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debouncedQ, setParams]);

  return (
    <div data-testid="queue-page">
      <PageHeader title={t('queue.title')} subtitle={t('queue.subtitle')} />
      <Form component={false} layout="vertical">
        {screens.md ? null : (
          <Form.Item label={t('queue.tabsLabel')} htmlFor="queue-select">
            <Select
              id="queue-select"
              value={queue}
              onChange={(v: DossierQueue) => setQueue(v)}
              options={queues.map((k) => ({ value: k, label: t(`queue.tab.${k}`) }))}
              data-testid="queue-select"
            />
          </Form.Item>
        )}
        <Form.Item label={t('queue.searchLabel')} htmlFor="queue-q" className="cv-filter-narrow">
          <Input
            id="queue-q"
            type="search"
            allowClear
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('queue.searchPlaceholder')}
            prefix={<SearchOutlined aria-hidden />}
            data-testid="queue-search"
          />
        </Form.Item>
      </Form>
      {screens.md ? (
        <Tabs
          aria-label={t('queue.tabsLabel')}
          activeKey={queue}
          onChange={(key) => setQueue(key as DossierQueue)}
          items={queues.map((k) => ({ key: k, label: <span data-testid={`queue-tab-${k}`}>{t(`queue.tab.${k}`)}</span> }))}
          className="cv-queue-tabs"
        />
      ) : null}
      <DrillBanner filters={drill} onClear={clearDrill} />
      <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      <DossierList
        items={items}
        loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
        emptyText={t('queue.empty')}
        testId="queue-list"
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </div>
  );
}
