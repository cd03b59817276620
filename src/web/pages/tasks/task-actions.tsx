import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App as AntApp, Button, Form, Input, InputNumber, Modal, Radio, Select, Slider, Space, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { Controller, useForm, type Path } from 'react-hook-form';
import { z } from 'zod';
import type { TTask, TTaskActionRequest } from '../../../shared/schemas/tasks.ts';
import { isApiError } from '../../api/client.ts';
import { useTaskAction } from '../../api/tasks.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { FormField } from '../../components/form-field.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT, type TFunction, type TKey } from '../../i18n/i18n.tsx';
import { formatDate, formatDateTime, vnIso, vnWallClock } from '../../lib/format.ts';
import { formErrorMap, normalizeFieldPath } from '../../lib/forms.ts';
import { DateTimeField } from './date-time-field.tsx';
import { OfficialPicker } from './official-picker.tsx';
import { assignableUnitId, dueWithWeekday } from './task-labels.ts';

export type TaskActionType = TTaskActionRequest['type'];

const ORDER: TaskActionType[] = ['report_progress', 'submit', 'accept', 'send_back', 'decide_extension', 'request_extension', 'transfer', 'cancel'];
const PRIMARY = new Set<TaskActionType>(['submit', 'accept', 'decide_extension']);
const DANGER = new Set<TaskActionType>(['cancel']);

const actionKey = (a: TaskActionType): TKey => `tasks.action.${a}`;
const isKnownAction = (a: string): a is TaskActionType => (ORDER as string[]).includes(a);

interface Values {
  percent: number | null;
  note: string;
  /** -1: no milestone. */
  milestoneIndex: number;
  reason: string;
  newDate: string | null;
  newTime: string;
  approve: 'yes' | 'no';
  toOwnerId: string;
}

const FIELDS = ['percent', 'note', 'milestoneIndex', 'reason', 'newDate', 'approve', 'toOwnerId'];

function makeSchema(type: TaskActionType, t: TFunction) {
  return z
    .object({
      percent: z.number().int().min(0).max(100).nullable(),
      note: z.string().max(5000),
      milestoneIndex: z.number().int(),
      reason: z.string().max(5000),
      newDate: z.string().nullable(),
      newTime: z.string(),
      approve: z.enum(['yes', 'no']),
      toOwnerId: z.string(),
    })
    .superRefine((v, ctx) => {
      const need = (path: keyof Values, message = t('common.required')) => ctx.addIssue({ code: 'custom', path: [path], message });
      switch (type) {
        case 'report_progress':
          if (v.percent === null) need('percent');
          if (!v.note.trim()) need('note');
          break;
        case 'submit':
          if (!v.note.trim()) need('note');
          break;
        case 'send_back':
        case 'decide_extension':
        case 'cancel':
          if (!v.reason.trim()) need('reason');
          break;
        case 'request_extension':
          if (!v.newDate) need('newDate', t('tasks.action.newDueRequired'));
          if (!v.reason.trim()) need('reason');
          break;
        case 'transfer':
          if (!v.toOwnerId) need('toOwnerId', t('common.requiredChoose'));
          if (!v.reason.trim()) need('reason');
          break;
        default:
          break;
      }
    });
}

function toRequest(type: TaskActionType, v: Values): TTaskActionRequest {
  switch (type) {
    case 'report_progress':
      return { type, percent: v.percent ?? 0, note: v.note.trim(), ...(v.milestoneIndex >= 0 ? { milestoneIndex: v.milestoneIndex } : {}) };
    case 'submit':
      return { type, note: v.note.trim() };
    case 'accept':
      return { type, note: v.note.trim() || null };
    case 'send_back':
    case 'cancel':
      return { type, reason: v.reason.trim() };
    case 'request_extension':
      return { type, newDueAt: vnIso(v.newDate ?? '', v.newTime), reason: v.reason.trim() };
    case 'decide_extension':
      return { type, approve: v.approve === 'yes', reason: v.reason.trim() };
    case 'transfer':
      return { type, toOwnerId: v.toOwnerId, reason: v.reason.trim() };
  }
}

function defaultsFor(task: TTask): Values {
  const due = vnWallClock(task.dueAt);
  return {
    percent: task.progress,
    note: '',
    milestoneIndex: -1,
    reason: '',
    newDate: null,
    newTime: due?.time && /^\d{2}:[03]0$/.test(due.time) ? due.time : '17:00',
    approve: 'yes',
    toOwnerId: '',
  };
}

/**
 * One action's dialog. The task page keeps it where its layout never moves it: the actions card
 * moves between the columns when the window crosses the wide breakpoint, and a dialog inside it
 * was unmounted (closed, what was typed lost) each time.
 */
export function TaskActionDialog({ task, type, onClose }: { task: TTask; type: TaskActionType; onClose: () => void }) {
  const t = useT();
  const me = useCurrentUser();
  const { message } = AntApp.useApp();
  const act = useTaskAction(task.id);
  const [leftover, setLeftover] = useState<string[]>([]);
  const resolver = useMemo(() => zodResolver(makeSchema(type, t), { error: formErrorMap(t) }), [type, t]);
  const { control, handleSubmit, setError } = useForm<Values>({ resolver, defaultValues: defaultsFor(task) });
  const title = t(actionKey(type));

  const onSubmit = handleSubmit((values) => {
    setLeftover([]);
    act.mutate(toRequest(type, values), {
      onSuccess: () => {
        void message.success(t('tasks.action.done'));
        onClose();
      },
      onError: (error) => {
        if (!isApiError(error)) return;
        const rest: string[] = [];
        let focused = false;
        for (const { field, message: text } of error.fieldErrors) {
          const path = normalizeFieldPath(field).replace(/^newDueAt$/, 'newDate');
          if (FIELDS.includes(path)) {
            setError(path as Path<Values>, { type: 'server', message: text }, { shouldFocus: !focused });
            focused = true;
          } else rest.push(text);
        }
        setLeftover(rest);
      },
    });
  });

  const textArea = (name: 'note' | 'reason', label: string, required: boolean, hint?: string) => (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <FormField label={label} htmlFor={`tact-${name}`} required={required} error={fieldState.error?.message} help={hint}>
          <Input.TextArea
            {...field}
            id={`tact-${name}`}
            autoSize={{ minRows: 3, maxRows: 8 }}
            status={fieldState.error ? 'error' : undefined}
            data-testid={`tact-${name}`}
          />
        </FormField>
      )}
    />
  );

  const openMilestones = task.milestones.map((m, i) => ({ m, i })).filter(({ m }) => !m.doneAt);
  let body: ReactNode = null;
  switch (type) {
    case 'report_progress':
      body = (
        <>
          <Controller
            control={control}
            name="percent"
            render={({ field, fieldState }) => (
              <FormField label={t('tasks.action.percent')} htmlFor="tact-percent" required error={fieldState.error?.message}>
                <div className="cv-percent-row">
                  <Slider
                    className="cv-percent-slider"
                    min={0}
                    max={100}
                    step={5}
                    value={field.value ?? 0}
                    onChange={(v: number) => field.onChange(v)}
                    aria-label={t('tasks.action.percent')}
                  />
                  <InputNumber
                    id="tact-percent"
                    min={0}
                    max={100}
                    precision={0}
                    value={field.value}
                    onChange={(v) => field.onChange(typeof v === 'number' ? v : null)}
                    onBlur={field.onBlur}
                    suffix="%"
                    status={fieldState.error ? 'error' : undefined}
                    className="cv-percent-input"
                    data-testid="tact-percent"
                  />
                </div>
              </FormField>
            )}
          />
          {openMilestones.length ? (
            <Controller
              control={control}
              name="milestoneIndex"
              render={({ field }) => (
                <FormField label={t('tasks.action.milestone')} htmlFor="tact-milestone">
                  <Select<number>
                    id="tact-milestone"
                    value={field.value}
                    onChange={(v) => field.onChange(v)}
                    options={[
                      { value: -1, label: t('tasks.action.milestoneNone') },
                      ...openMilestones.map(({ m, i }) => ({ value: i, label: `${m.title} (${t('tasks.task.milestoneDue', { date: formatDate(m.dueAt) })})` })),
                    ]}
                    style={{ width: '100%' }}
                  />
                </FormField>
              )}
            />
          ) : null}
          {textArea('note', t('tasks.action.note'), true, t('tasks.action.noteProgress'))}
        </>
      );
      break;
    case 'submit':
      body = (
        <>
          <Alert type="info" showIcon title={t('tasks.action.submitHint')} className="cv-modal-hint" role="note" />
          {textArea('note', t('tasks.action.noteSubmit'), true)}
        </>
      );
      break;
    case 'accept':
      body = (
        <>
          {task.submittedAt ? (
            <Alert type="info" showIcon title={t('tasks.action.acceptHint', { date: formatDateTime(task.submittedAt) })} className="cv-modal-hint" role="note" />
          ) : null}
          {textArea('note', t('tasks.action.acceptNote'), false)}
        </>
      );
      break;
    case 'send_back':
      body = textArea('reason', t('tasks.action.sendBackReason'), true);
      break;
    case 'cancel':
      body = (
        <>
          <Alert type="warning" showIcon title={t('tasks.action.cancelHint')} className="cv-modal-hint" role="note" />
          {textArea('reason', t('tasks.action.reason'), true)}
        </>
      );
      break;
    case 'request_extension':
      body = (
        <>
          <Alert type="info" showIcon title={t('tasks.action.extensionHint')} className="cv-modal-hint" role="note" />
          <Typography.Paragraph>
            {t('tasks.task.dueAt')}: <strong>{dueWithWeekday(t, task.dueAt)}</strong>
          </Typography.Paragraph>
          <Controller
            control={control}
            name="newDate"
            render={({ field, fieldState }) => (
              <FormField label={t('tasks.action.newDueAt')} htmlFor="tact-newdate" required error={fieldState.error?.message}>
                <Controller
                  control={control}
                  name="newTime"
                  render={({ field: time }) => (
                    <DateTimeField
                      id="tact-newdate"
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      time={time.value}
                      onTime={time.onChange}
                      timeLabel={t('tasks.time')}
                      minDate={vnWallClock(task.dueAt)?.date}
                      status={fieldState.error ? 'error' : undefined}
                    />
                  )}
                />
              </FormField>
            )}
          />
          {textArea('reason', t('tasks.action.reason'), true)}
        </>
      );
      break;
    case 'decide_extension':
      body = (
        <>
          {task.pendingExtension ? (
            <Alert
              type="warning"
              showIcon
              title={t('tasks.action.requested', { date: dueWithWeekday(t, task.pendingExtension.newDueAt), reason: task.pendingExtension.reason })}
              className="cv-modal-hint" role="note"
            />
          ) : null}
          <Controller
            control={control}
            name="approve"
            render={({ field }) => (
              <FormField label={t('tasks.action.decision')} labelId="tact-approve-label">
                <Radio.Group
                  aria-labelledby="tact-approve-label"
                  value={field.value}
                  onChange={(e) => field.onChange(e.target.value)}
                  options={[
                    { value: 'yes', label: t('tasks.action.approve') },
                    { value: 'no', label: t('tasks.action.reject') },
                  ]}
                />
              </FormField>
            )}
          />
          {textArea('reason', t('tasks.action.reason'), true)}
        </>
      );
      break;
    case 'transfer':
      body = (
        <>
          <Alert type="warning" showIcon title={t('tasks.action.transferHint')} className="cv-modal-hint" role="note" />
          <Controller
            control={control}
            name="toOwnerId"
            render={({ field, fieldState }) => (
              <FormField label={t('tasks.action.toOwner')} htmlFor="tact-owner" required error={fieldState.error?.message}>
                <OfficialPicker
                  id="tact-owner"
                  value={field.value}
                  onChange={(id) => field.onChange(id)}
                  onBlur={field.onBlur}
                  excludeIds={[task.ownerId]}
                  unitId={assignableUnitId(me)}
                  status={fieldState.error ? 'error' : undefined}
                  testId="tact-owner"
                />
              </FormField>
            )}
          />
          {textArea('reason', t('tasks.action.reason'), true)}
        </>
      );
      break;
  }

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" danger={DANGER.has(type)} htmlType="submit" form={`task-action-${type}`} loading={act.isPending} data-testid="task-action-confirm">
            {title}
          </Button>
        </Space>
      }
    >
      <ProblemAlert error={act.error} extra={leftover} />
      <Form component={false} layout="vertical">
        <form id={`task-action-${type}`} data-testid={`action-form-${type}`} onSubmit={onSubmit} noValidate aria-label={title}>
          {body}
        </form>
      </Form>
    </Modal>
  );
}

/** The buttons of the actions the server allows this user now, each opening its dialog. */
export function TaskActions({ task, onOpen }: { task: TTask; onOpen: (action: TaskActionType) => void }) {
  const t = useT();
  const allowed = new Set(task.allowedActions.filter(isKnownAction));
  const actions = ORDER.filter((a) => allowed.has(a));
  return (
    <div data-testid="task-actions">
      {actions.length ? (
        <div className="cv-action-buttons">
          {actions.map((a) => (
            <Button key={a} type={PRIMARY.has(a) ? 'primary' : 'default'} danger={DANGER.has(a)} onClick={() => onOpen(a)} data-testid={`action-${a}`} block>
              {t(actionKey(a))}
            </Button>
          ))}
        </div>
      ) : (
        <Typography.Paragraph type="secondary">{t('tasks.task.noActions')}</Typography.Paragraph>
      )}
    </div>
  );
}
