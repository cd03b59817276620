import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App as AntApp, Button, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import type { TCommitment } from '../../../shared/schemas/tasks.ts';
import { useOfficial } from '../../api/officials.queries.ts';
import { useUnits } from '../../api/org.queries.ts';
import { useCreateCommitment, useEvaluateCommitment, useTasks } from '../../api/tasks.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { FormField } from '../../components/form-field.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { useT, type TFunction } from '../../i18n/i18n.tsx';
import { formatDate } from '../../lib/format.ts';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';
import { OfficialPicker } from './official-picker.tsx';
import { canManageCommitments } from './task-labels.ts';

const KINDS = ['follow_uncle_ho', 'hard_task'] as const;
type Owner = 'self' | 'other' | 'unit';

interface RegisterValues {
  kind: (typeof KINDS)[number];
  owner: Owner;
  officialId: string;
  unitId: string;
  title: string;
  description: string;
  taskId: string;
}

function registerSchema(t: TFunction) {
  return z
    .object({
      kind: z.enum(KINDS),
      owner: z.enum(['self', 'other', 'unit']),
      officialId: z.string(),
      unitId: z.string(),
      title: z.string().max(500),
      description: z.string().max(5000),
      taskId: z.string(),
    })
    .superRefine((v, ctx) => {
      if (!v.title.trim()) ctx.addIssue({ code: 'custom', path: ['title'], message: t('common.required') });
      if (v.owner === 'other' && !v.officialId) ctx.addIssue({ code: 'custom', path: ['officialId'], message: t('common.requiredChoose') });
      if (v.owner === 'unit' && !v.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: t('common.requiredChoose') });
    });
}

/** Registers a commitment of the year: one's own, or (for heads) an official's or the unit's. */
export function RegisterModal({ year, onClose }: { year: number; onClose: () => void }) {
  const t = useT();
  const me = useCurrentUser();
  const { message } = AntApp.useApp();
  const manager = canManageCommitments(me);
  const create = useCreateCommitment();
  const mine = useOfficial(me.officialId);
  const units = useUnits();
  const [otherUnitId, setOtherUnitId] = useState<string | undefined>();
  const [leftover, setLeftover] = useState<string[]>([]);
  const owners: Owner[] = [...(me.officialId ? (['self'] as const) : []), ...(manager ? (['other', 'unit'] as const) : [])];
  const resolver = useMemo(() => zodResolver(registerSchema(t), { error: formErrorMap(t) }), [t]);
  const { control, handleSubmit, setError } = useForm<RegisterValues>({
    resolver,
    defaultValues: { kind: 'follow_uncle_ho', owner: owners[0] ?? 'self', officialId: '', unitId: me.unit.id, title: '', description: '', taskId: '' },
  });
  const kind = useWatch({ control, name: 'kind' });
  const owner = useWatch({ control, name: 'owner' });
  const officialId = useWatch({ control, name: 'officialId' });
  const target = owner === 'self' ? me.officialId : owner === 'other' ? officialId : null;
  const linkable = kind === 'hard_task' && Boolean(target);
  const tasks = useTasks({ view: owner === 'self' ? 'mine' : 'all', limit: 200 }, linkable);
  const taskOptions = (tasks.data?.pages.flatMap((p) => p.items) ?? [])
    .filter((task) => task.ownerId === target && task.status !== 'cancelled')
    .sort((a, b) => Number(b.hard) - Number(a.hard))
    .map((task) => ({ value: task.id, label: `${t('tasks.no', { no: task.no })} · ${task.title} (${formatDate(task.dueAt)})` }));

  const onSubmit = handleSubmit((v) => {
    setLeftover([]);
    const unitId = v.owner === 'self' ? mine.data?.unitId : v.owner === 'other' ? otherUnitId : v.unitId;
    create.mutate(
      {
        year,
        kind: v.kind,
        officialId: v.owner === 'unit' ? null : v.owner === 'self' ? me.officialId : v.officialId,
        unitId: unitId ?? me.unit.id,
        title: v.title.trim(),
        description: v.description.trim(),
        taskId: linkable && v.taskId ? v.taskId : null,
      },
      {
        onSuccess: () => {
          void message.success(t('tasks.cm.registered'));
          onClose();
        },
        onError: (error) => setLeftover(applyServerErrors(error, setError, ['officialId', 'unitId', 'title', 'description', 'taskId', 'kind'])),
      },
    );
  });

  const title = `${t('tasks.cm.register')} — ${year}`;
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      footer={
        <Space wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" form="cm-register-form" loading={create.isPending} disabled={!owners.length} data-testid="cm-register-submit">
            {t('tasks.cm.register')}
          </Button>
        </Space>
      }
    >
      {!owners.length ? <Alert type="info" showIcon role="note" title={t('tasks.cm.noOfficialRecord')} style={{ marginBottom: 16 }} /> : null}
      <ProblemAlert error={create.error} extra={leftover} />
      <Form component={false} layout="vertical">
        <form id="cm-register-form" data-testid="cm-register-form" onSubmit={onSubmit} noValidate aria-label={title}>
          <Controller
            control={control}
            name="kind"
            render={({ field }) => (
              <FormField label={t('tasks.cm.kind')} labelId="cm-kind-label">
                <Radio.Group
                  aria-labelledby="cm-kind-label"
                  value={field.value}
                  onChange={(e) => field.onChange(e.target.value)}
                  options={KINDS.map((k) => ({ value: k, label: t(`tasks.cm.kind.${k}`) }))}
                />
              </FormField>
            )}
          />
          {owners.length > 1 ? (
            <Controller
              control={control}
              name="owner"
              render={({ field }) => (
                <FormField label={t('tasks.cm.owner')} labelId="cm-owner-label">
                  <Radio.Group
                    aria-labelledby="cm-owner-label"
                    value={field.value}
                    onChange={(e) => field.onChange(e.target.value)}
                    options={owners.map((o) => ({ value: o, label: t(o === 'self' ? 'tasks.cm.ownerSelf' : o === 'other' ? 'tasks.cm.ownerOther' : 'tasks.cm.ownerUnit') }))}
                    className="cv-radio-column"
                  />
                </FormField>
              )}
            />
          ) : null}
          {owner === 'other' ? (
            <Controller
              control={control}
              name="officialId"
              render={({ field, fieldState }) => (
                <FormField label={t('tasks.cm.official')} htmlFor="cm-official" required error={fieldState.error?.message}>
                  <OfficialPicker
                    id="cm-official"
                    value={field.value}
                    onChange={(id, o) => {
                      field.onChange(id);
                      setOtherUnitId(o?.unitId);
                    }}
                    onBlur={field.onBlur}
                    status={fieldState.error ? 'error' : undefined}
                  />
                </FormField>
              )}
            />
          ) : null}
          {owner === 'unit' ? (
            <Controller
              control={control}
              name="unitId"
              render={({ field, fieldState }) => (
                <FormField label={t('tasks.cm.unit')} htmlFor="cm-reg-unit" required error={fieldState.error?.message}>
                  <UnitTreeSelect id="cm-reg-unit" units={units.data ?? []} value={field.value} onChange={(v) => field.onChange(v ?? '')} loading={units.isPending} status={fieldState.error ? 'error' : undefined} />
                </FormField>
              )}
            />
          ) : null}
          <Controller
            control={control}
            name="title"
            render={({ field, fieldState }) => (
              <FormField label={t('tasks.cm.titleField')} htmlFor="cm-title" required error={fieldState.error?.message}>
                <Input.TextArea {...field} id="cm-title" autoSize={{ minRows: 2, maxRows: 5 }} status={fieldState.error ? 'error' : undefined} data-testid="cm-title" />
              </FormField>
            )}
          />
          <Controller
            control={control}
            name="description"
            render={({ field, fieldState }) => (
              <FormField label={t('tasks.cm.description')} htmlFor="cm-description" error={fieldState.error?.message}>
                <Input.TextArea {...field} id="cm-description" autoSize={{ minRows: 2, maxRows: 6 }} />
              </FormField>
            )}
          />
          {linkable ? (
            <Controller
              control={control}
              name="taskId"
              render={({ field, fieldState }) => (
                <FormField label={t('tasks.cm.linkTask')} htmlFor="cm-task" error={fieldState.error?.message} help={t('tasks.cm.linkTaskHelp')}>
                  <Select<string>
                    id="cm-task"
                    value={field.value}
                    onChange={(v) => field.onChange(v ?? '')}
                    loading={tasks.isPending}
                    options={[{ value: '', label: t('tasks.cm.linkTaskNone') }, ...taskOptions]}
                    style={{ width: '100%' }}
                  />
                </FormField>
              )}
            />
          ) : null}
        </form>
      </Form>
    </Modal>
  );
}

const ZEvaluate = z.object({ evaluation: z.enum(['done', 'partly', 'not_done']).nullable(), note: z.string().max(5000) });
type EvaluateValues = z.infer<typeof ZEvaluate>;

/** The year-end evaluation of a commitment by a head or leader: done, partly or not done, with a note. */
export function EvaluateModal({ commitment, onClose }: { commitment: TCommitment; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const evaluate = useEvaluateCommitment();
  const [leftover, setLeftover] = useState<string[]>([]);
  const schema = useMemo(
    () =>
      ZEvaluate.superRefine((v, ctx) => {
        if (!v.evaluation) ctx.addIssue({ code: 'custom', path: ['evaluation'], message: t('common.requiredChoose') });
        if (!v.note.trim()) ctx.addIssue({ code: 'custom', path: ['note'], message: t('common.required') });
      }),
    [t],
  );
  const resolver = useMemo(() => zodResolver(schema, { error: formErrorMap(t) }), [schema, t]);
  const { control, handleSubmit, setError } = useForm<EvaluateValues>({
    resolver,
    defaultValues: { evaluation: commitment.evaluation, note: commitment.evaluationNote ?? '' },
  });

  const onSubmit = handleSubmit((v) => {
    setLeftover([]);
    if (!v.evaluation) return;
    evaluate.mutate(
      { id: commitment.id, body: { evaluation: v.evaluation, note: v.note.trim() } },
      {
        onSuccess: () => {
          void message.success(t('tasks.cm.evaluated'));
          onClose();
        },
        onError: (error) => setLeftover(applyServerErrors(error, setError, ['evaluation', 'note'])),
      },
    );
  });

  return (
    <Modal
      open
      title={t('tasks.cm.evaluateTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" form="cm-evaluate-form" loading={evaluate.isPending} data-testid="cm-evaluate-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <div className="cv-cm-eval-head">
        <strong>{commitment.officialName ?? commitment.unitName}</strong>
        {commitment.officialName ? <span className="cv-muted"> · {commitment.unitName}</span> : null}
        <Typography.Paragraph className="cv-cm-eval-title">{commitment.title}</Typography.Paragraph>
      </div>
      <ProblemAlert error={evaluate.error} extra={leftover} />
      <Form component={false} layout="vertical">
        <form id="cm-evaluate-form" data-testid="cm-evaluate-form" onSubmit={onSubmit} noValidate aria-label={t('tasks.cm.evaluateTitle')}>
          <Controller
            control={control}
            name="evaluation"
            render={({ field, fieldState }) => (
              <FormField label={t('tasks.cm.evaluation')} labelId="cm-eval-label" required error={fieldState.error?.message}>
                <Radio.Group
                  aria-labelledby="cm-eval-label"
                  value={field.value}
                  onChange={(e) => field.onChange(e.target.value)}
                  options={(['done', 'partly', 'not_done'] as const).map((e) => ({ value: e, label: t(`tasks.cm.evaluation.${e}`) }))}
                  className="cv-radio-column"
                />
              </FormField>
            )}
          />
          <Controller
            control={control}
            name="note"
            render={({ field, fieldState }) => (
              <FormField label={t('tasks.cm.evaluationNote')} htmlFor="cm-eval-note" required error={fieldState.error?.message}>
                <Input.TextArea {...field} id="cm-eval-note" autoSize={{ minRows: 3, maxRows: 8 }} status={fieldState.error ? 'error' : undefined} data-testid="cm-eval-note" />
              </FormField>
            )}
          />
        </form>
      </Form>
    </Modal>
  );
}
