import { RightOutlined } from '@ant-design/icons';
import { Button, Form, Grid, Select, Switch, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { COMPLAINT_KINDS, useComplaints, type TComplaint } from '../../api/oversight.queries.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { COMPLAINT_DRILL_KEYS, DrillBanner, useDrillFilters } from '../dashboard/drill-filter.tsx';
import { ComplaintStatusTag, KindTag, OverdueTag } from './labels.tsx';
import { complaintPath } from './shared.tsx';
import './oversight.css';

type Tab = 'open' | 'answered' | 'all';
const TAB_STATUS: Record<Tab, string | undefined> = { open: 'received,assigned', answered: 'answered,closed', all: undefined };
const TABS: Tab[] = ['open', 'answered', 'all'];

function Due({ c }: { c: TComplaint }) {
  const t = useT();
  return (
    <span className="cv-due-cell">
      <span className={c.overdue ? 'cv-nowrap cv-ov-red' : 'cv-nowrap'}>{formatDateTime(c.responseDueAt)}</span>
      {c.overdue ? <OverdueTag label={t('oversight.c.overdue')} /> : null}
    </span>
  );
}

export default function ComplaintsPage() {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // A dashboard figure's complaints (?unitId&from&to…) are listed whatever their status.
  const [drill, clearDrill] = useDrillFilters(COMPLAINT_DRILL_KEYS);
  const tab = (TABS.includes(params.get('nhom') as Tab) ? params.get('nhom') : Object.keys(drill).length ? 'all' : 'open') as Tab;
  const kind = params.get('loai') ?? '';
  const overdue = params.get('qua-han') === '1';
  const list = useComplaints({ status: TAB_STATUS[tab], kind: kind || undefined, overdue, limit: 30, drill });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const wide = Boolean(screens.md);

  const set = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const columns: TableColumnsType<TComplaint> = [
    {
      key: 'code',
      title: t('oversight.c.code'),
      render: (_, c) => (
        <Link to={complaintPath(c.id)} className="cv-name-link cv-mono cv-nowrap" data-testid="complaint-link">
          {c.trackingCode}
        </Link>
      ),
    },
    {
      key: 'kind',
      title: t('oversight.c.kind'),
      render: (_, c) => (
        <>
          <KindTag kind={c.kind} label={c.kindLabel} />
          <div className="cv-cell-sub cv-clamp-2">{c.description}</div>
        </>
      ),
    },
    { key: 'unit', title: t('oversight.c.unit'), render: (_, c) => c.unitName ?? <span className="cv-muted">{t('oversight.unknown')}</span> },
    { key: 'created', title: t('oversight.c.createdAt'), render: (_, c) => <span className="cv-nowrap">{formatDate(c.createdAt)}</span> },
    { key: 'due', title: t('oversight.c.dueAt'), render: (_, c) => <Due c={c} /> },
    { key: 'status', title: t('oversight.c.status'), render: (_, c) => <ComplaintStatusTag status={c.status} label={c.statusLabel} /> },
  ];

  const footer = (
    <div className="cv-list-footer">
      <Typography.Text type="secondary" aria-live="polite">
        {items.length ? t('common.shownOf', { count: items.length }) : null}
      </Typography.Text>
      {list.hasNextPage ? (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </div>
  );

  return (
    <div data-testid="complaints-page">
      <PageHeader title={t('oversight.c.title')} subtitle={t('oversight.c.subtitle')} />
      <DrillBanner filters={drill} onClear={clearDrill} />
      <Form component={false} layout="vertical">
        <div className="cv-ov-filters">
          {wide ? null : (
            <Form.Item label={t('oversight.c.tabsLabel')} htmlFor="c-tab">
              <Select id="c-tab" value={tab} onChange={(v: Tab) => set('nhom', v)} options={TABS.map((k) => ({ value: k, label: t(`oversight.c.tab.${k}`) }))} style={{ minWidth: 200 }} />
            </Form.Item>
          )}
          <Form.Item label={t('oversight.c.kindFilter')} htmlFor="c-kind">
            <Select
              id="c-kind"
              value={kind}
              onChange={(v: string) => set('loai', v || null)}
              options={[{ value: '', label: t('oversight.c.allKinds') }, ...COMPLAINT_KINDS.map((k) => ({ value: k, label: t(`complaint.kind.${k}`) }))]}
              style={{ minWidth: 220 }}
            />
          </Form.Item>
          <div className="cv-switch-row">
            <Switch id="c-overdue" checked={overdue} onChange={(v) => set('qua-han', v ? '1' : null)} />
            <label htmlFor="c-overdue">{t('oversight.c.overdueOnly')}</label>
          </div>
        </div>
      </Form>
      {wide ? (
        <Tabs
          aria-label={t('oversight.c.tabsLabel')}
          activeKey={tab}
          onChange={(k) => set('nhom', k)}
          items={TABS.map((k) => ({ key: k, label: <span data-testid={`c-tab-${k}`}>{t(`oversight.c.tab.${k}`)}</span> }))}
        />
      ) : null}
      <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      {wide ? (
        <>
          <Table<TComplaint>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
            pagination={false}
            locale={{ emptyText: list.isPending ? ' ' : t('oversight.c.empty') }}
            rowClassName={(c) => (c.overdue ? 'cv-clickable-row cv-ov-row-overdue' : 'cv-clickable-row')}
            onRow={(c) => ({
              onClick: (e) => {
                if ((e.target as HTMLElement).closest('a,button') === null) void navigate(complaintPath(c.id));
              },
            })}
            data-testid="complaint-list"
          />
          {footer}
        </>
      ) : (
        <div data-testid="complaint-list">
          {list.isPending ? <Typography.Paragraph type="secondary">{t('app.loading')}</Typography.Paragraph> : null}
          {!list.isPending && !items.length ? <Typography.Paragraph type="secondary">{t('oversight.c.empty')}</Typography.Paragraph> : null}
          <ul className="cv-ov-cards">
            {items.map((c) => (
              <li key={c.id}>
                <Link to={complaintPath(c.id)} className={`cv-ov-card-link${c.overdue ? ' is-overdue' : ''}`} data-testid="complaint-link">
                  <span className="cv-ov-card-top">
                    <span className="cv-mono cv-ov-code">{c.trackingCode}</span>
                    <RightOutlined aria-hidden className="cv-shortcut-arrow" />
                  </span>
                  <span className="cv-ov-card-title cv-clamp-2">{c.description}</span>
                  <span className="cv-ov-card-sub">{c.unitName ?? t('oversight.unknown')}</span>
                  <span className="cv-ov-card-tags">
                    <KindTag kind={c.kind} label={c.kindLabel} />
                    <ComplaintStatusTag status={c.status} label={c.statusLabel} />
                  </span>
                  <span className="cv-ov-card-sub">
                    {t('oversight.c.dueAt')}: <Due c={c} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          {footer}
        </div>
      )}
    </div>
  );
}
