import { ArrowLeftOutlined, CheckCircleFilled, ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Grid, Row, Skeleton, Timeline, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { TTask } from '../../../shared/schemas/tasks.ts';
import { useTask } from '../../api/tasks.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT, type TFunction } from '../../i18n/i18n.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { FiveClearChecklist, type ClearItem } from './five-clear.tsx';
import { TaskActionDialog, TaskActions, type TaskActionType } from './task-actions.tsx';
import { TaskFiles } from './task-files.tsx';
import { dueWithWeekday, isBounceReason, TASKS_PATH, taskEventLabel } from './task-labels.ts';
import { BounceTags, HardTag, PriorityTag, TaskDueMarker, TaskProgress, TaskStatusTag, TaskTimelinessTag } from './task-tags.tsx';
import './tasks.css';

const RED = new Set(['cancel', 'send_back']);
const ORANGE = new Set(['request_extension', 'transfer']);
const GREEN = new Set(['accept', 'submit']);

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** What a reader of the history needs from an event's data, in words. */
function eventDetails(t: TFunction, type: string, data: Record<string, unknown>): ReactNode[] {
  const out: ReactNode[] = [];
  if (type === 'create' && str(data.dueAt)) out.push(<div key="due">{t('tasks.event.due', { date: formatDateTime(str(data.dueAt)) })}</div>);
  if (typeof data.percent === 'number') out.push(<div key="percent">{t('tasks.event.percent', { percent: data.percent })}</div>);
  const milestone = str(data.milestone);
  if (milestone) out.push(<div key="milestone">{t('tasks.event.milestone', { title: milestone })}</div>);
  if (type === 'request_extension' && str(data.newDueAt)) out.push(<div key="newDue">{t('tasks.event.newDue', { date: formatDateTime(str(data.newDueAt)) })}</div>);
  if (type === 'decide_extension') {
    out.push(
      <div key="decision">{data.approve === true ? t('tasks.event.approved', { date: formatDateTime(str(data.newDueAt)) }) : t('tasks.event.rejected')}</div>,
    );
  }
  if (type === 'file_attached' && str(data.name)) out.push(<div key="file">{t('tasks.event.file', { name: str(data.name) ?? '' })}</div>);
  for (const k of ['note', 'reason'] as const) {
    const v = str(data[k]);
    if (v) out.push(<div key={k} className="cv-event-quote">“{v}”</div>);
  }
  return out;
}

function TaskTimeline({ task }: { task: TTask }) {
  const t = useT();
  return (
    <Timeline
      className="cv-timeline"
      data-testid="task-timeline"
      items={task.timeline.map((e) => ({
        key: e.seq,
        color: RED.has(e.type) ? '#b71c1c' : ORANGE.has(e.type) ? '#d46b08' : GREEN.has(e.type) ? '#2e7d32' : '#1d5fa8',
        content: (
          <div className="cv-timeline-item" data-testid="timeline-item" data-type={e.type}>
            <div className="cv-timeline-time">{formatDateTime(e.at)}</div>
            <strong>{taskEventLabel(t, e.type, e.label)}</strong>
            {e.actor ? <span className="cv-cell-sub"> — {t('tasks.task.by', { actor: e.actor })}</span> : null}
            <div className="cv-timeline-details">{eventDetails(t, e.type, e.data)}</div>
          </div>
        ),
      }))}
    />
  );
}

function Header({ task }: { task: TTask }) {
  const t = useT();
  const extended = task.dueAt !== task.originalDueAt;
  return (
    <Card className="cv-card cv-task-head" data-testid="task-head">
      <Link to={TASKS_PATH} className="cv-back-link-inline">
        <ArrowLeftOutlined aria-hidden /> {t('tasks.task.back')}
      </Link>
      <div className="cv-task-head-no">{t('tasks.no', { no: task.no })}</div>
      <Typography.Title level={1} className="cv-task-title" data-testid="task-title">
        {task.title}
      </Typography.Title>
      <div className="cv-dossier-tags">
        <TaskStatusTag status={task.status} />
        <TaskTimelinessTag value={task.timeliness} />
        <TaskDueMarker task={task} />
        <PriorityTag priority={task.priority} />
        <HardTag hard={task.hard} />
        <BounceTags reasons={task.bounceReasons} />
      </div>
      <dl className="cv-facts">
        <div>
          <dt>{extended ? t('tasks.task.extendedDueAt') : t('tasks.task.dueAt')}</dt>
          <dd>
            <strong data-testid="task-due">{dueWithWeekday(t, task.dueAt)}</strong>
          </dd>
        </div>
        {extended ? (
          <div>
            <dt>{t('tasks.task.originalDueAt')}</dt>
            <dd>{dueWithWeekday(t, task.originalDueAt)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('tasks.assign.owner')}</dt>
          <dd data-testid="task-owner">{task.ownerName}</dd>
        </div>
        <div>
          <dt>{t('tasks.task.unit')}</dt>
          <dd>{task.unitName}</dd>
        </div>
        {task.submittedAt && !(task.status === 'done' && task.completedAt === task.submittedAt) ? (
          <div>
            <dt>{t('tasks.task.submittedAt')}</dt>
            <dd>{formatDateTime(task.submittedAt)}</dd>
          </div>
        ) : null}
        {task.completedAt && task.status === 'done' ? (
          <div>
            <dt>{t('tasks.task.completedAt')}</dt>
            <dd data-testid="task-completed">{formatDateTime(task.completedAt)}</dd>
          </div>
        ) : null}
      </dl>
      <div className="cv-task-head-progress">
        <span className="cv-muted">{t('tasks.progress')}</span>
        <TaskProgress task={task} size="medium" />
      </div>
    </Card>
  );
}

function clearItems(t: TFunction, task: TTask): ClearItem[] {
  const ms = task.milestones.length;
  return [
    {
      field: 'ownerId',
      ok: true,
      value: (
        <>
          <strong>{task.ownerName}</strong> <span className="cv-muted">· {task.unitName}</span>
        </>
      ),
    },
    { field: 'description', ok: Boolean(task.description), value: <span className="cv-pre-wrap">{task.description}</span> },
    {
      field: 'dueAt',
      ok: true,
      value: (
        <>
          {dueWithWeekday(t, task.dueAt)}
          {ms ? <span className="cv-muted"> · {t('tasks.task.milestonesCount', { count: ms })}</span> : null}
        </>
      ),
    },
    { field: 'expectedResult', ok: Boolean(task.expectedResult), value: <span className="cv-pre-wrap">{task.expectedResult}</span> },
    { field: 'accountableId', ok: true, value: <strong>{task.accountableName}</strong> },
    { field: 'authority', ok: Boolean(task.authority), optional: !task.authority, value: task.authority ?? undefined },
  ];
}

function Milestones({ task }: { task: TTask }) {
  const t = useT();
  const now = Date.now();
  return (
    <ol className="cv-milestones" data-testid="task-milestones">
      {task.milestones.map((m, i) => {
        const late = !m.doneAt && Date.parse(m.dueAt) < now;
        return (
          <li key={i} className={m.doneAt ? 'cv-ms-done' : late ? 'cv-ms-late' : 'cv-ms-open'}>
            <span className="cv-ms-icon" aria-hidden>
              {m.doneAt ? <CheckCircleFilled /> : late ? <ExclamationCircleOutlined /> : <ClockCircleOutlined />}
            </span>
            <div>
              <div className="cv-ms-title">{m.title}</div>
              <div className="cv-cell-sub">
                {t('tasks.task.milestoneDueLine', { date: formatDate(m.dueAt) })} ·{' '}
                {m.doneAt ? t('tasks.task.milestoneDone', { date: formatDate(m.doneAt) }) : late ? t('tasks.task.milestoneLate') : t('tasks.task.milestoneOpen')}
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

export default function TaskPage() {
  const t = useT();
  const me = useCurrentUser();
  const screens = Grid.useBreakpoint();
  const { id } = useParams();
  const query = useTask(id);
  const task = query.data;
  const wide = Boolean(screens.lg);
  const [dialog, setDialog] = useState<TaskActionType | null>(null);

  if (query.isPending) {
    return (
      <Card className="cv-card">
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (!task) {
    return (
      <div data-testid="task-page">
        <Link to={TASKS_PATH} className="cv-back-link-inline">
          <ArrowLeftOutlined aria-hidden /> {t('tasks.task.back')}
        </Link>
        <ProblemAlert error={query.error ?? new Error(t('tasks.task.notFound'))} onRetry={() => void query.refetch()} />
      </div>
    );
  }

  const canUpload = Boolean(me.officialId && (me.officialId === task.ownerId || task.collaborators.some((c) => c.id === me.officialId)));
  const open = task.status !== 'done' && task.status !== 'cancelled';
  // A finished task the user can no longer act on needs no empty "Thao tác" card.
  const actionsCard =
    open || task.allowedActions.length ? (
      <Card title={t('tasks.task.sectionActions')} className="cv-card cv-actions-card">
        <TaskActions task={task} onOpen={setDialog} />
      </Card>
    ) : null;

  return (
    <div data-testid="task-page" className="cv-task cv-compact-cards">
      <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      <Header task={task} />
      {task.pendingExtension ? (
        <Alert
          type="warning"
          showIcon
          className="cv-task-alert"
          role="status"
          title={t('tasks.task.pendingExtension')}
          description={t('tasks.task.pendingExtensionText', { date: dueWithWeekday(t, task.pendingExtension.newDueAt), reason: task.pendingExtension.reason })}
          data-testid="task-pending-extension"
        />
      ) : null}
      {task.bounceReasons.length ? (
        <Alert
          type="error"
          showIcon
          className="cv-task-alert"
          title={t('tasks.task.bouncedTitle')}
          description={
            <>
              {task.bounceReasons.map((r) => (isBounceReason(r) ? t(`tasks.bounce.${r}`) : r)).join('; ')}. {t('tasks.transfers', { count: task.transferCount })}.
            </>
          }
        />
      ) : null}
      {open && task.timeliness === 'late' ? <Alert type="error" showIcon className="cv-task-alert" title={t('tasks.task.lateOpen')} /> : null}
      {dialog ? <TaskActionDialog task={task} type={dialog} onClose={() => setDialog(null)} /> : null}
      {wide ? null : actionsCard}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card title={t('tasks.task.sectionClear')} className="cv-card" data-testid="task-clear">
            <FiveClearChecklist items={clearItems(t, task)} testId="task-clear-list" />
            {task.sourceDocument || task.collaborators.length ? (
              <dl className="cv-facts cv-task-extra">
                {task.sourceDocument ? (
                  <div>
                    <dt>{t('tasks.task.sourceDocument')}</dt>
                    <dd>{task.sourceDocument}</dd>
                  </div>
                ) : null}
                {task.collaborators.length ? (
                  <div>
                    <dt>{t('tasks.task.collaborators')}</dt>
                    <dd>{task.collaborators.map((c) => c.fullName).join(', ')}</dd>
                  </div>
                ) : null}
              </dl>
            ) : null}
          </Card>
          {task.milestones.length ? (
            <Card title={t('tasks.task.sectionMilestones')} className="cv-card" data-testid="task-milestones-card">
              <Milestones task={task} />
            </Card>
          ) : null}
          <Card title={t('tasks.task.sectionTimeline')} className="cv-card">
            <TaskTimeline task={task} />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          {wide ? actionsCard : null}
          <Card title={t('tasks.task.sectionFiles')} className="cv-card">
            <TaskFiles task={task} canUpload={canUpload} />
            {!canUpload && open ? (
              <Typography.Paragraph type="secondary" className="cv-card-hint cv-top-gap">
                {t('tasks.file.onlyOwner')}
              </Typography.Paragraph>
            ) : null}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
