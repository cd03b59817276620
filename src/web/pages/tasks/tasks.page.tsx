import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Grid, Input, Select, Tabs, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTasks, type TaskFilters, type TaskStatus, type TaskView } from '../../api/tasks.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { TaskCard } from './task-card.tsx';
import { TaskFiguresCard } from './task-figures.tsx';
import { ASSIGN_PATH, BOARD_STATUSES, canAssign, OPEN_STATUSES, STATUS_COLOR, statusKey, viewsFor } from './task-labels.ts';
import './tasks.css';
import { DrillBanner, TASK_DRILL_KEYS, useDrillFilters } from '../dashboard/drill-filter.tsx';

type Due = 'soon' | 'overdue' | '';
/** The phone list's status choice: one column of the board, all open ones, or everything. */
type PhoneStatus = TaskStatus | 'open_all' | 'any';

function ListFooter({ count, hasMore, loading, onMore, testId }: { count: number; hasMore: boolean; loading: boolean; onMore: () => void; testId: string }) {
  const t = useT();
  return (
    <div className="cv-list-footer">
      <Typography.Text type="secondary" aria-live="polite">
        {count ? t('common.shownOf', { count }) : null}
      </Typography.Text>
      {hasMore ? (
        <Button onClick={onMore} loading={loading} data-testid={`${testId}-more`}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </div>
  );
}

/** One column of the board: its own cursor-paginated list, so a long "Hoàn thành" never hides "Mới giao". */
function BoardColumn({ status, filters }: { status: (typeof BOARD_STATUSES)[number]; filters: TaskFilters }) {
  const t = useT();
  // Finished work piles up: its column loads a few at a time.
  const list = useTasks({ ...filters, status, limit: status === 'done' ? 8 : 20 });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const headingId = `task-col-${status}`;
  const count = list.hasNextPage ? `${items.length}+` : String(items.length);
  return (
    <section className={`cv-board-col cv-board-col-${STATUS_COLOR[status]}`} aria-labelledby={headingId} data-testid={`board-col-${status}`}>
      <header className="cv-board-col-head">
        <h2 id={headingId} className="cv-board-col-title">
          {t(statusKey(status))}
        </h2>
        <span className="cv-board-col-count" aria-label={list.hasNextPage ? t('tasks.board.countMore', { count: items.length }) : t('tasks.board.count', { count: items.length })}>
          {list.isPending ? '…' : count}
        </span>
      </header>
      <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.isPending ? (
        <p className="cv-muted cv-board-empty">{t('app.loading')}</p>
      ) : items.length ? (
        <ul className="cv-board-cards">
          {items.map((task) => (
            <li key={task.id}>
              <TaskCard task={task} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="cv-muted cv-board-empty">{t('tasks.board.columnEmpty')}</p>
      )}
      {list.hasNextPage ? (
        <Button block onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid={`board-col-${status}-more`}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </section>
  );
}

function PhoneList({ filters, status }: { filters: TaskFilters; status: PhoneStatus }) {
  const t = useT();
  const statusParam = status === 'any' ? undefined : status === 'open_all' ? OPEN_STATUSES.join(',') : status;
  const list = useTasks({ ...filters, status: statusParam, limit: 20 });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div data-testid="task-list">
      <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.isPending ? <Typography.Paragraph type="secondary">{t('app.loading')}</Typography.Paragraph> : null}
      {!list.isPending && !items.length ? (
        <Typography.Paragraph type="secondary" className="cv-empty-cards">
          {t('tasks.board.empty')}
        </Typography.Paragraph>
      ) : null}
      <ul className="cv-board-cards cv-task-phone-list">
        {items.map((task) => (
          <li key={task.id}>
            <TaskCard task={task} showStatus />
          </li>
        ))}
      </ul>
      <ListFooter count={items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} testId="task-list" />
    </div>
  );
}

const PHONE_STATUSES: PhoneStatus[] = ['open_all', ...BOARD_STATUSES, 'cancelled', 'any'];

export default function TasksPage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const board = Boolean(screens.lg);
  const [params, setParams] = useSearchParams();
  const views = useMemo(() => viewsFor(me), [me]);
  const requested = params.get('view') as TaskView | null;
  const view: TaskView = requested && views.includes(requested) ? requested : views[0]!;
  const dueParam = params.get('due');
  const due: Due = dueParam === 'soon' || dueParam === 'overdue' ? dueParam : '';
  const hard = params.get('hard') === '1';
  const statusParam = params.get('status') as PhoneStatus | null;
  const phoneStatus: PhoneStatus = statusParam && PHONE_STATUSES.includes(statusParam) ? statusParam : 'open_all';
  const [q, setQ] = useState(params.get('q') ?? '');
  const debouncedQ = useDebounced(q, 300);

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
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

  // A dashboard figure's tasks (?unitId&from&to&timeliness).
  const [drill, clearDrill] = useDrillFilters(TASK_DRILL_KEYS);
  const filters: TaskFilters = { view, due: due || undefined, hard: hard ? true : undefined, q: debouncedQ, drill };
  const viewOptions = views.map((v) => ({ value: v, label: t(`tasks.view.${v}`) }));

  return (
    <div data-testid="tasks-page" className="cv-tasks cv-compact-cards">
      <PageHeader
        title={t('tasks.board.title')}
        subtitle={t('tasks.board.subtitle')}
        extra={
          canAssign(me) ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate(ASSIGN_PATH)} data-testid="tasks-assign">
              {t('tasks.board.assign')}
            </Button>
          ) : null
        }
      />
      <TaskFiguresCard />
      <DrillBanner filters={drill} onClear={clearDrill} basis="due" />
      {screens.md ? (
        <Tabs
          aria-label={t('tasks.view.label')}
          activeKey={view}
          onChange={(key) => setParam('view', key)}
          items={views.map((v) => ({ key: v, label: <span data-testid={`tasks-view-${v}`}>{t(`tasks.view.${v}`)}</span> }))}
          className="cv-queue-tabs"
        />
      ) : null}
      <Form component={false} layout="vertical">
        <div className="cv-task-filters">
          {screens.md ? null : (
            <Form.Item label={t('tasks.view.label')} htmlFor="tasks-view" className="cv-task-filter-search">
              <Select id="tasks-view" value={view} onChange={(v: TaskView) => setParam('view', v)} options={viewOptions} data-testid="tasks-view-select" />
            </Form.Item>
          )}
          <Form.Item label={t('tasks.filter.search')} htmlFor="tasks-q" className="cv-task-filter-search">
            <Input
              id="tasks-q"
              type="search"
              allowClear
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder={t('tasks.filter.searchPlaceholder')}
              prefix={<SearchOutlined aria-hidden />}
              data-testid="tasks-search"
            />
          </Form.Item>
          <Form.Item label={t('tasks.filter.due')} htmlFor="tasks-due" className="cv-task-filter-due">
            <Select<Due>
              id="tasks-due"
              value={due}
              onChange={(v) => setParam('due', v || null)}
              options={[
                { value: '', label: t('tasks.filter.dueAny') },
                { value: 'soon', label: t('tasks.filter.dueSoon') },
                { value: 'overdue', label: t('tasks.filter.dueOverdue') },
              ]}
              data-testid="tasks-due"
            />
          </Form.Item>
          {board ? null : (
            <Form.Item label={t('tasks.filter.status')} htmlFor="tasks-status" className="cv-task-filter-due">
              <Select<PhoneStatus>
                id="tasks-status"
                value={phoneStatus}
                onChange={(v) => setParam('status', v === 'open_all' ? null : v)}
                options={PHONE_STATUSES.map((s) => ({
                  value: s,
                  label: s === 'open_all' ? t('tasks.filter.statusOpen') : s === 'any' ? t('tasks.filter.statusAll') : t(statusKey(s)),
                }))}
                data-testid="tasks-status"
              />
            </Form.Item>
          )}
          <div className="cv-task-filter-hard">
            <Checkbox id="tasks-hard" checked={hard} onChange={(e) => setParam('hard', e.target.checked ? '1' : null)} data-testid="tasks-hard">
              {t('tasks.filter.hard')}
            </Checkbox>
          </div>
        </div>
      </Form>
      {board ? (
        <div className="cv-board" role="group" aria-label={t('tasks.board.columnsLabel')} data-testid="task-board">
          {BOARD_STATUSES.map((s) => (
            <BoardColumn key={s} status={s} filters={filters} />
          ))}
        </div>
      ) : (
        <PhoneList filters={filters} status={phoneStatus} />
      )}
    </div>
  );
}
