import { DeleteOutlined, ExclamationCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App as AntApp, Button, Card, Checkbox, Col, Form, Grid, Input, Radio, Row, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { Controller, useFieldArray, useForm, useWatch, type Path } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { isApiError } from '../../api/client.ts';
import { useCreateTask, type TCreateTaskBody } from '../../api/tasks.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { FormField } from '../../components/form-field.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { vnIso } from '../../lib/format.ts';
import { formErrorMap, normalizeFieldPath } from '../../lib/forms.ts';
import { DateTimeField, TaskDate } from './date-time-field.tsx';
import { clearLabelKey, FiveClearChecklist, isClearField, type ClearField, type ClearItem } from './five-clear.tsx';
import { OfficialPicker, type PickedOfficial } from './official-picker.tsx';
import { assignableUnitId, taskPath, vnToday } from './task-labels.ts';
import './tasks.css';

const PRIORITIES = ['normal', 'high', 'urgent'] as const;

interface AssignValues {
  title: string;
  ownerId: string;
  description: string;
  dueDate: string | null;
  dueTime: string;
  expectedResult: string;
  accountableId: string;
  authority: string;
  sourceDocument: string;
  priority: (typeof PRIORITIES)[number];
  hard: boolean;
  collaboratorIds: string[];
  milestones: { title: string; dueDate: string | null }[];
}

const FIELDS = [
  'title',
  'ownerId',
  'description',
  'dueDate',
  'expectedResult',
  'accountableId',
  'authority',
  'sourceDocument',
  'priority',
  'hard',
  'collaboratorIds',
  'milestones',
];

/** The server names the deadline `dueAt`; the form keeps its date and time apart. */
const formFieldOf = (path: string) => path.replace(/^dueAt$/, 'dueDate').replace(/^(milestones\.\d+)\.dueAt$/, '$1.dueDate');
const formPathOf = (f: ClearField) => (f === 'dueAt' ? 'dueDate' : f);

/**
 * The five "rõ" are not checked here: the server's rule (which also knows whether the unit
 * requires "rõ thẩm quyền") refuses a task missing any of them, and the form shows each refusal on
 * its field. The form checks only what it alone can: lengths and complete milestone rows.
 */
function makeSchema(t: ReturnType<typeof useT>) {
  return z
    .object({
      title: z.string().max(300),
      ownerId: z.string(),
      description: z.string().max(10000),
      dueDate: z.string().nullable(),
      dueTime: z.string(),
      expectedResult: z.string().max(5000),
      accountableId: z.string(),
      authority: z.string().max(1000),
      sourceDocument: z.string().max(300),
      priority: z.enum(PRIORITIES),
      hard: z.boolean(),
      collaboratorIds: z.array(z.string()).max(50),
      milestones: z.array(z.object({ title: z.string().max(300), dueDate: z.string().nullable() })).max(30),
    })
    .superRefine((v, ctx) => {
      v.milestones.forEach((m, i) => {
        if (!m.title.trim()) ctx.addIssue({ code: 'custom', path: ['milestones', i, 'title'], message: t('common.required') });
        if (!m.dueDate) ctx.addIssue({ code: 'custom', path: ['milestones', i, 'dueDate'], message: t('common.requiredChoose') });
      });
    });
}

function toBody(v: AssignValues): TCreateTaskBody {
  return {
    title: v.title.trim() || undefined,
    description: v.description.trim() || null,
    ownerId: v.ownerId || null,
    accountableId: v.accountableId || null,
    dueAt: v.dueDate ? vnIso(v.dueDate, v.dueTime) : null,
    expectedResult: v.expectedResult.trim() || null,
    authority: v.authority.trim() || undefined,
    sourceDocument: v.sourceDocument.trim() || undefined,
    priority: v.priority,
    hard: v.hard,
    collaboratorIds: v.collaboratorIds,
    milestones: v.milestones.map((m) => ({ title: m.title.trim(), dueAt: vnIso(m.dueDate ?? '', '17:00') })),
  };
}

/** A field label that starts with its "rõ": "[Rõ người] Người thực hiện". */
function ClearLabel({ field, children }: { field: ClearField; children: ReactNode }) {
  const t = useT();
  return (
    <span className="cv-clear-label">
      <span className="cv-clear-badge">{t(clearLabelKey(field))}</span>
      <span>{children}</span>
    </span>
  );
}

export default function AssignPage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const { message } = AntApp.useApp();
  const create = useCreateTask();
  const [leftover, setLeftover] = useState<string[]>([]);
  const [missing, setMissing] = useState<ClearField[]>([]);
  const resolver = useMemo(() => zodResolver(makeSchema(t), { error: formErrorMap(t) }), [t]);
  const self: PickedOfficial[] = me.officialId ? [{ id: me.officialId, fullName: me.displayName }] : [];
  const scopeUnitId = assignableUnitId(me);
  const { control, handleSubmit, setError } = useForm<AssignValues>({
    resolver,
    defaultValues: {
      title: '',
      ownerId: '',
      description: '',
      dueDate: null,
      dueTime: '17:00',
      expectedResult: '',
      accountableId: me.officialId ?? '',
      authority: '',
      sourceDocument: '',
      priority: 'normal',
      hard: false,
      collaboratorIds: [],
      milestones: [],
    },
  });
  const milestones = useFieldArray({ control, name: 'milestones' });
  const watched = useWatch({ control });
  const today = vnToday();

  const filled: Record<ClearField, boolean> = {
    ownerId: Boolean(watched.ownerId),
    description: Boolean(watched.description?.trim()),
    dueAt: Boolean(watched.dueDate),
    expectedResult: Boolean(watched.expectedResult?.trim()),
    accountableId: Boolean(watched.accountableId),
    authority: Boolean(watched.authority?.trim()),
  };
  const authorityRequired = missing.includes('authority');
  const checklist: ClearItem[] = (['ownerId', 'description', 'dueAt', 'expectedResult', 'accountableId', 'authority'] as const).map((f) => ({
    field: f,
    ok: filled[f],
    missing: missing.includes(f) && !filled[f],
    optional: f === 'authority' && !authorityRequired,
  }));

  const placeErrors = (error: unknown) => {
    const rest: string[] = [];
    const clears: ClearField[] = [];
    if (!isApiError(error)) return;
    let focused = false;
    for (const { field, message: text } of error.fieldErrors) {
      const path = normalizeFieldPath(field);
      if (error.code === 'FIVE_CLEAR_MISSING' && isClearField(path)) {
        clears.push(path);
        setError(formPathOf(path) as Path<AssignValues>, { type: 'server', message: t(`tasks.clear.missing.${path}`) }, { shouldFocus: !focused });
        focused = true;
        continue;
      }
      const name = formFieldOf(path);
      const root = name.split('.')[0] ?? '';
      if (FIELDS.includes(name) || FIELDS.includes(root)) {
        setError(name as Path<AssignValues>, { type: 'server', message: text }, { shouldFocus: !focused });
        focused = true;
      } else {
        rest.push(text);
      }
    }
    setMissing(clears);
    setLeftover(rest);
  };

  const onSubmit = handleSubmit((values) => {
    setLeftover([]);
    create.mutate(toBody(values), {
      onSuccess: (task) => {
        void message.success(t('tasks.assign.created', { no: task.no }));
        void navigate(taskPath(task.id));
      },
      onError: placeErrors,
    });
  });

  const refusedClear = isApiError(create.error) && create.error.code === 'FIVE_CLEAR_MISSING';
  const missingNow = missing.filter((f) => !filled[f]);

  return (
    <div data-testid="assign-page" className="cv-task-assign cv-compact-cards">
      <PageHeader title={t('tasks.assign.title')} subtitle={t('tasks.assign.subtitle')} />
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card className="cv-card">
            {refusedClear ? (
              <Alert
                type="error"
                showIcon
                icon={<ExclamationCircleOutlined aria-hidden />}
                role="alert"
                className="cv-rule-alert"
                title={t('tasks.clear.refusedTitle')}
                description={
                  <>
                    <p className="cv-clear-intro">{t('tasks.clear.intro')}</p>
                    <p className="cv-clear-intro">
                      {t('tasks.clear.refusedText', { list: (missingNow.length ? missingNow : missing).map((f) => t(clearLabelKey(f)).toLowerCase()).join(', ') })}
                    </p>
                  </>
                }
                data-testid="five-clear-banner"
              />
            ) : (
              <Alert type="info" showIcon role="note" title={t('tasks.clear.title')} description={t('tasks.clear.intro')} className="cv-clear-info" />
            )}
            {refusedClear ? <ProblemAlert error={null} extra={leftover} /> : <ProblemAlert error={create.error} extra={leftover} />}
            <Form component={false} layout="vertical">
              <form id="assign-form" data-testid="assign-form" onSubmit={onSubmit} noValidate aria-label={t('tasks.assign.title')}>
                <Controller
                  control={control}
                  name="title"
                  render={({ field, fieldState }) => (
                    <FormField label={t('tasks.assign.titleField')} htmlFor="ta-title" error={fieldState.error?.message} help={t('tasks.assign.titleHelp')}>
                      <Input {...field} id="ta-title" maxLength={300} status={fieldState.error ? 'error' : undefined} data-testid="ta-title" />
                    </FormField>
                  )}
                />
                <Typography.Title level={2} className="cv-form-section cv-section-gap">
                  {t('tasks.assign.sectionClear')}
                </Typography.Title>
                <Controller
                  control={control}
                  name="ownerId"
                  render={({ field, fieldState }) => (
                    <FormField
                      label={<ClearLabel field="ownerId">{t('tasks.assign.owner')}</ClearLabel>}
                      htmlFor="ta-owner"
                      required
                      error={fieldState.error?.message}
                      help={t('tasks.assign.ownerHelp')}
                    >
                      <OfficialPicker
                        id="ta-owner"
                        unitId={scopeUnitId}
                        value={field.value}
                        onChange={(id) => field.onChange(id)}
                        onBlur={field.onBlur}
                        status={fieldState.error ? 'error' : undefined}
                        testId="ta-owner"
                      />
                    </FormField>
                  )}
                />
                <Controller
                  control={control}
                  name="description"
                  render={({ field, fieldState }) => (
                    <FormField
                      label={<ClearLabel field="description">{t('tasks.assign.description')}</ClearLabel>}
                      htmlFor="ta-description"
                      required
                      error={fieldState.error?.message}
                      help={t('tasks.assign.descriptionHelp')}
                    >
                      <Input.TextArea
                        {...field}
                        id="ta-description"
                        autoSize={{ minRows: 3, maxRows: 10 }}
                        status={fieldState.error ? 'error' : undefined}
                        data-testid="ta-description"
                      />
                    </FormField>
                  )}
                />
                <Controller
                  control={control}
                  name="dueDate"
                  render={({ field, fieldState }) => (
                    <FormField
                      label={<ClearLabel field="dueAt">{t('tasks.assign.dueAt')}</ClearLabel>}
                      htmlFor="ta-due"
                      required
                      error={fieldState.error?.message}
                      help={t('tasks.assign.dueAtHelp')}
                    >
                      <Controller
                        control={control}
                        name="dueTime"
                        render={({ field: time }) => (
                          <DateTimeField
                            id="ta-due"
                            value={field.value}
                            onChange={field.onChange}
                            onBlur={field.onBlur}
                            time={time.value}
                            onTime={time.onChange}
                            timeLabel={t('tasks.time')}
                            minDate={today}
                            status={fieldState.error ? 'error' : undefined}
                            testId="ta-due"
                          />
                        )}
                      />
                    </FormField>
                  )}
                />
                <Controller
                  control={control}
                  name="expectedResult"
                  render={({ field, fieldState }) => (
                    <FormField
                      label={<ClearLabel field="expectedResult">{t('tasks.assign.expectedResult')}</ClearLabel>}
                      htmlFor="ta-result"
                      required
                      error={fieldState.error?.message}
                      help={t('tasks.assign.expectedResultHelp')}
                    >
                      <Input.TextArea
                        {...field}
                        id="ta-result"
                        autoSize={{ minRows: 2, maxRows: 8 }}
                        status={fieldState.error ? 'error' : undefined}
                        data-testid="ta-result"
                      />
                    </FormField>
                  )}
                />
                <Controller
                  control={control}
                  name="accountableId"
                  render={({ field, fieldState }) => (
                    <FormField
                      label={<ClearLabel field="accountableId">{t('tasks.assign.accountable')}</ClearLabel>}
                      htmlFor="ta-accountable"
                      required
                      error={fieldState.error?.message}
                      help={t('tasks.assign.accountableHelp')}
                    >
                      <OfficialPicker
                        id="ta-accountable"
                        unitId={scopeUnitId}
                        value={field.value}
                        onChange={(id) => field.onChange(id)}
                        onBlur={field.onBlur}
                        known={self}
                        status={fieldState.error ? 'error' : undefined}
                        testId="ta-accountable"
                      />
                    </FormField>
                  )}
                />
                <Controller
                  control={control}
                  name="authority"
                  render={({ field, fieldState }) => (
                    <FormField
                      label={<ClearLabel field="authority">{t('tasks.assign.authority')}</ClearLabel>}
                      htmlFor="ta-authority"
                      required={authorityRequired}
                      error={fieldState.error?.message}
                      help={t('tasks.assign.authorityHelp')}
                    >
                      <Input.TextArea
                        {...field}
                        id="ta-authority"
                        autoSize={{ minRows: 1, maxRows: 4 }}
                        status={fieldState.error ? 'error' : undefined}
                        data-testid="ta-authority"
                      />
                    </FormField>
                  )}
                />

                <Typography.Title level={2} className="cv-form-section cv-section-gap">
                  {t('tasks.assign.sectionMilestones')}
                </Typography.Title>
                {milestones.fields.length ? (
                  <ol className="cv-milestone-rows">
                    {milestones.fields.map((row, i) => (
                      <li key={row.id} className="cv-milestone-row" data-testid="ta-milestone">
                        <Controller
                          control={control}
                          name={`milestones.${i}.title`}
                          render={({ field, fieldState }) => (
                            <FormField label={t('tasks.assign.milestoneTitle', { n: i + 1 })} htmlFor={`ta-ms-${i}-title`} error={fieldState.error?.message} className="cv-milestone-title">
                              <Input {...field} id={`ta-ms-${i}-title`} status={fieldState.error ? 'error' : undefined} />
                            </FormField>
                          )}
                        />
                        <Controller
                          control={control}
                          name={`milestones.${i}.dueDate`}
                          render={({ field, fieldState }) => (
                            <FormField label={t('tasks.assign.milestoneDue', { n: i + 1 })} htmlFor={`ta-ms-${i}-due`} error={fieldState.error?.message} className="cv-milestone-due">
                              <TaskDate id={`ta-ms-${i}-due`} value={field.value} onChange={field.onChange} onBlur={field.onBlur} minDate={today} status={fieldState.error ? 'error' : undefined} />
                            </FormField>
                          )}
                        />
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined aria-hidden />}
                          aria-label={t('tasks.assign.milestoneRemove', { n: i + 1 })}
                          onClick={() => milestones.remove(i)}
                          className="cv-milestone-remove"
                        />
                      </li>
                    ))}
                  </ol>
                ) : null}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => milestones.append({ title: '', dueDate: null })} className="cv-list-add" data-testid="ta-milestone-add">
                  {t('tasks.assign.milestoneAdd')}
                </Button>

                <Typography.Title level={2} className="cv-form-section cv-section-gap">
                  {t('tasks.assign.sectionMore')}
                </Typography.Title>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Controller
                      control={control}
                      name="sourceDocument"
                      render={({ field, fieldState }) => (
                        <FormField label={t('tasks.assign.sourceDocument')} htmlFor="ta-source" error={fieldState.error?.message} help={t('tasks.assign.sourceDocumentHelp')}>
                          <Input {...field} id="ta-source" maxLength={300} status={fieldState.error ? 'error' : undefined} />
                        </FormField>
                      )}
                    />
                  </Col>
                  <Col xs={24} md={12}>
                    <Controller
                      control={control}
                      name="priority"
                      render={({ field }) => (
                        <FormField label={t('tasks.assign.priority')} labelId="ta-priority-label">
                          <Radio.Group
                            aria-labelledby="ta-priority-label"
                            value={field.value}
                            onChange={(e) => field.onChange(e.target.value)}
                            options={PRIORITIES.map((p) => ({ value: p, label: t(`tasks.priority.${p}`) }))}
                          />
                        </FormField>
                      )}
                    />
                  </Col>
                  <Col xs={24}>
                    <Controller
                      control={control}
                      name="collaboratorIds"
                      render={({ field, fieldState }) => (
                        <FormField label={t('tasks.assign.collaborators')} htmlFor="ta-collaborators" error={fieldState.error?.message}>
                          <OfficialPicker id="ta-collaborators" multiple unitId={scopeUnitId} value={field.value} onChange={field.onChange} onBlur={field.onBlur} testId="ta-collaborators" />
                        </FormField>
                      )}
                    />
                  </Col>
                  <Col xs={24}>
                    <Controller
                      control={control}
                      name="hard"
                      render={({ field }) => (
                        <Checkbox id="ta-hard" checked={field.value} onChange={(e) => field.onChange(e.target.checked)} className="cv-task-hard-check" data-testid="ta-hard">
                          {t('tasks.assign.hardField')}
                        </Checkbox>
                      )}
                    />
                  </Col>
                </Row>
                <div className="cv-form-submit">
                  <Button type="primary" size="large" htmlType="submit" loading={create.isPending} data-testid="assign-submit">
                    {t('tasks.assign.submit')}
                  </Button>
                </div>
              </form>
            </Form>
          </Card>
        </Col>
        {screens.lg ? (
          <Col lg={8}>
            <Card title={t('tasks.clear.checklistLabel')} className="cv-card cv-clear-side" data-testid="assign-checklist">
              <FiveClearChecklist items={checklist} compact />
            </Card>
          </Col>
        ) : null}
      </Row>
    </div>
  );
}
