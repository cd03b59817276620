import { ClockCircleOutlined, ExclamationCircleOutlined, FireOutlined, RetweetOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Progress, Tag } from 'antd';
import type { TTaskSummary } from '../../../shared/schemas/tasks.ts';
import type { TaskStatus } from '../../api/tasks.queries.ts';
import { useT } from '../../i18n/i18n.tsx';
import { isBounceReason, STATUS_COLOR, statusKey, taskDueState } from './task-labels.ts';

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="task-status" data-status={status}>
      {t(statusKey(status))}
    </Tag>
  );
}

export function TaskTimelinessTag({ value }: { value: TTaskSummary['timeliness'] }) {
  const t = useT();
  if (!value) return null;
  const color = value === 'on_time' ? 'green' : value === 'extended' ? 'orange' : 'red';
  return (
    <Tag color={color} data-testid="task-timeliness" data-value={value}>
      {t(`tasks.timeliness.${value}`)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: TTaskSummary['priority'] }) {
  const t = useT();
  if (priority === 'normal') return null;
  return (
    <Tag color={priority === 'urgent' ? 'red' : 'orange'} icon={<ThunderboltOutlined aria-hidden />}>
      {t(`tasks.priority.${priority}`)}
    </Tag>
  );
}

export function HardTag({ hard }: { hard: boolean }) {
  const t = useT();
  if (!hard) return null;
  return (
    <Tag color="purple" icon={<FireOutlined aria-hidden />} data-testid="task-hard">
      {t('tasks.hard')}
    </Tag>
  );
}

/** Red "Quá hạn" or orange "Sắp đến hạn" while the task is open. */
export function TaskDueMarker({ task }: { task: Pick<TTaskSummary, 'status' | 'dueAt'> }) {
  const t = useT();
  const state = taskDueState(task);
  if (state === 'overdue') {
    return (
      <Tag color="red" icon={<ExclamationCircleOutlined aria-hidden />} data-testid="task-overdue">
        {t('tasks.due.overdue')}
      </Tag>
    );
  }
  if (state === 'soon') {
    return (
      <Tag color="orange" icon={<ClockCircleOutlined aria-hidden />} data-testid="task-due-soon">
        {t('tasks.due.soon')}
      </Tag>
    );
  }
  return null;
}

/** The "đẩy việc" signs, in words. */
export function BounceTags({ reasons }: { reasons: readonly string[] }) {
  const t = useT();
  if (!reasons.length) return null;
  return (
    <>
      {reasons.map((r) => (
        <Tag key={r} color="gold" icon={<RetweetOutlined aria-hidden />} data-testid="task-bounce" data-reason={r}>
          {isBounceReason(r) ? t(`tasks.bounce.${r}`) : r}
        </Tag>
      ))}
    </>
  );
}

export function TaskProgress({ task, size = 'small' }: { task: Pick<TTaskSummary, 'progress' | 'status' | 'dueAt'>; size?: 'small' | 'medium' }) {
  const t = useT();
  const late = taskDueState(task) === 'overdue';
  return (
    <Progress
      percent={task.progress}
      size={size}
      status={task.status === 'done' ? 'success' : 'normal'}
      strokeColor={late ? '#c62828' : undefined}
      aria-label={t('tasks.progressPercent', { percent: task.progress })}
      data-testid="task-progress"
    />
  );
}
