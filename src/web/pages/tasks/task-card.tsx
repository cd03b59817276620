import { UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { TTaskSummary } from '../../../shared/schemas/tasks.ts';
import { useT } from '../../i18n/i18n.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { taskPath } from './task-labels.ts';
import { BounceTags, HardTag, PriorityTag, TaskDueMarker, TaskProgress, TaskStatusTag, TaskTimelinessTag } from './task-tags.tsx';

/** One task as a card (board column, phone list): the whole card opens the task. */
export function TaskCard({ task, showStatus }: { task: TTaskSummary; showStatus?: boolean }) {
  const t = useT();
  const open = task.status !== 'done' && task.status !== 'cancelled';
  return (
    <Link to={taskPath(task.id)} className="cv-task-card" data-testid="task-card" data-task-id={task.id} data-status={task.status}>
      <span className="cv-task-card-top">
        <span className="cv-task-card-no">{t('tasks.no', { no: task.no })}</span>
        <span className="cv-task-card-tags">
          <PriorityTag priority={task.priority} />
          <HardTag hard={task.hard} />
        </span>
      </span>
      <span className="cv-task-card-title cv-clamp-2">{task.title}</span>
      <span className="cv-task-card-owner">
        <UserOutlined aria-hidden /> {task.ownerName}
        <span className="cv-muted"> · {task.unitName}</span>
      </span>
      <span className="cv-task-card-due">
        <span className="cv-nowrap">{t('tasks.dueLine', { date: formatDateTime(task.dueAt) })}</span> <TaskDueMarker task={task} />
      </span>
      {open ? <TaskProgress task={task} /> : null}
      <span className="cv-task-card-foot">
        {showStatus ? <TaskStatusTag status={task.status} /> : null}
        <TaskTimelinessTag value={task.timeliness} />
        <BounceTags reasons={task.bounceReasons} />
      </span>
    </Link>
  );
}
