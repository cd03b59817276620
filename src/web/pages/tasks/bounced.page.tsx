import { SearchOutlined } from '@ant-design/icons';
import { Button, Form, Grid, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TTaskSummary } from '../../../shared/schemas/tasks.ts';
import { useTasks } from '../../api/tasks.queries.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { TaskCard } from './task-card.tsx';
import { BOUNCE_REASONS, OPEN_STATUSES, taskPath, type BounceReason } from './task-labels.ts';
import { BounceTags, TaskDueMarker, TaskStatusTag, TaskTimelinessTag } from './task-tags.tsx';
import './tasks.css';

/** "Đẩy việc": tasks moved sideways, back or up instead of being done, with the signs in words. */
export default function BouncedPage() {
  const t = useT();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [q, setQ] = useState('');
  const [reason, setReason] = useState<BounceReason | ''>('');
  const [openOnly, setOpenOnly] = useState<'open' | 'any'>('any');
  const debouncedQ = useDebounced(q, 300);
  const list = useTasks({ view: 'bounced', q: debouncedQ, status: openOnly === 'open' ? OPEN_STATUSES.join(',') : undefined, limit: 50 });
  const all = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const items = reason ? all.filter((i) => i.bounceReasons.includes(reason)) : all;
  const loading = list.isPending || (list.isFetching && !list.isFetchingNextPage);

  const columns: TableColumnsType<TTaskSummary> = [
    {
      key: 'task',
      title: t('tasks.col.task'),
      render: (_, task) => (
        <>
          <Link to={taskPath(task.id)} className="cv-name-link" data-testid="bounced-link">
            <span className="cv-muted">{t('tasks.no', { no: task.no })}</span> · {task.title}
          </Link>
          <div>
            <TaskTimelinessTag value={task.timeliness} />
          </div>
        </>
      ),
    },
    {
      key: 'reasons',
      title: t('tasks.bounced.reasons'),
      render: (_, task) => (
        <span className="cv-tags">
          <BounceTags reasons={task.bounceReasons} />
        </span>
      ),
    },
    { key: 'transfers', title: t('tasks.bounced.count'), align: 'right', render: (_, task) => formatNumber(task.transferCount) },
    {
      key: 'owner',
      title: t('tasks.col.owner'),
      responsive: ['lg'],
      render: (_, task) => (
        <>
          <div>{task.ownerName}</div>
          <div className="cv-cell-sub">{task.unitName}</div>
        </>
      ),
    },
    { key: 'status', title: t('tasks.col.status'), render: (_, task) => <TaskStatusTag status={task.status} /> },
    {
      key: 'due',
      title: t('tasks.col.due'),
      render: (_, task) => (
        <span className="cv-due-cell">
          <span className="cv-nowrap">{formatDateTime(task.dueAt)}</span>
          <TaskDueMarker task={task} />
        </span>
      ),
    },
  ];

  const footer = (
    <div className="cv-list-footer">
      <Typography.Text type="secondary" aria-live="polite">
        {items.length ? t('common.shownOf', { count: items.length }) : null}
      </Typography.Text>
      {list.hasNextPage ? (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="bounced-more">
          {t('common.loadMore')}
        </Button>
      ) : null}
    </div>
  );

  return (
    <div data-testid="bounced-page" className="cv-tasks">
      <PageHeader title={t('tasks.bounced.title')} subtitle={t('tasks.bounced.subtitle')} />
      <Form component={false} layout="vertical">
        <div className="cv-task-filters">
          <Form.Item label={t('tasks.filter.search')} htmlFor="bounced-q" className="cv-task-filter-search">
            <Input
              id="bounced-q"
              type="search"
              allowClear
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder={t('tasks.filter.searchPlaceholder')}
              prefix={<SearchOutlined aria-hidden />}
            />
          </Form.Item>
          <Form.Item label={t('tasks.bounced.reasonFilter')} htmlFor="bounced-reason" className="cv-task-filter-due">
            <Select<BounceReason | ''>
              id="bounced-reason"
              value={reason}
              onChange={setReason}
              options={[{ value: '', label: t('tasks.bounced.reasonAll') }, ...BOUNCE_REASONS.map((r) => ({ value: r, label: t(`tasks.bounce.${r}`) }))]}
              data-testid="bounced-reason"
            />
          </Form.Item>
          <Form.Item label={t('tasks.filter.status')} htmlFor="bounced-status" className="cv-task-filter-due">
            <Select<'open' | 'any'>
              id="bounced-status"
              value={openOnly}
              onChange={setOpenOnly}
              options={[
                { value: 'any', label: t('tasks.filter.statusAll') },
                { value: 'open', label: t('tasks.filter.statusOpen') },
              ]}
              data-testid="bounced-status"
            />
          </Form.Item>
        </div>
      </Form>
      <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      {screens.md ? (
        <>
          <Table<TTaskSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={loading}
            pagination={false}
            locale={{ emptyText: loading ? ' ' : t('tasks.bounced.empty') }}
            onRow={(task) => ({
              onClick: (e) => {
                if ((e.target as HTMLElement).closest('a,button') === null) void navigate(taskPath(task.id));
              },
              className: 'cv-clickable-row',
            })}
            data-testid="bounced-table"
          />
          {footer}
        </>
      ) : (
        <div data-testid="bounced-list">
          {!loading && !items.length ? <Typography.Paragraph type="secondary">{t('tasks.bounced.empty')}</Typography.Paragraph> : null}
          <ul className="cv-board-cards cv-task-phone-list">
            {items.map((task) => (
              <li key={task.id}>
                <TaskCard task={task} showStatus />
              </li>
            ))}
          </ul>
          {footer}
        </div>
      )}
    </div>
  );
}
