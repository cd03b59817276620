import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App as AntApp, Button, Checkbox, Form, Input, Modal, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { useRecentViolations, useRecordDiscipline, type DisciplineForm } from '../../api/evaluation.queries.ts';
import { useOfficials } from '../../api/officials.queries.ts';
import { DateField } from '../../components/date-field.tsx';
import { FormField } from '../../components/form-field.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { formatDate } from '../../lib/format.ts';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { DISCIPLINE_FORMS, disciplineFormKey } from './evaluation-labels.ts';

interface DisciplineValues {
  officialId: string;
  form: string;
  violationId: string;
  dutyRelated: boolean;
  decisionNo: string;
  decidedAt: string | null;
  reason: string;
}

const FIELDS = ['officialId', 'form', 'violationId', 'dutyRelated', 'decisionNo', 'decidedAt', 'reason'];

/** Picks an official by name (the server folds diacritics). */
function OfficialPicker({ id, value, onChange, status }: { id: string; value: string; onChange: (id: string) => void; status?: 'error' }) {
  const t = useT();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q, 300);
  const officials = useOfficials({ q: debounced, limit: 30 });
  const options = (officials.data?.pages.flatMap((p) => p.items) ?? []).map((o) => ({ value: o.id, label: `${o.fullName} — ${o.unitName}` }));
  return (
    <Select
      id={id}
      value={value || undefined}
      onChange={(v: string) => onChange(v)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={options}
      loading={officials.isFetching}
      placeholder={t('evaluation.discipline.officialPlaceholder')}
      notFoundContent={t('official.none')}
      status={status}
      style={{ width: '100%' }}
      data-testid="discipline-official"
    />
  );
}

export function DisciplineFormModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const record = useRecordDiscipline();
  const [leftover, setLeftover] = useState<string[]>([]);
  const schema = useMemo(
    () =>
      z
        .object({
          officialId: z.string(),
          form: z.string(),
          violationId: z.string(),
          dutyRelated: z.boolean(),
          decisionNo: z.string().trim().min(1).max(60),
          decidedAt: z.string().nullable(),
          reason: z.string().trim().min(1).max(3000),
        })
        .superRefine((v, ctx) => {
          if (!v.officialId) ctx.addIssue({ code: 'custom', path: ['officialId'], message: t('common.requiredChoose') });
          if (!v.form) ctx.addIssue({ code: 'custom', path: ['form'], message: t('common.requiredChoose') });
          if (!v.decidedAt) ctx.addIssue({ code: 'custom', path: ['decidedAt'], message: t('common.required') });
        }),
    [t],
  );
  const resolver = useMemo(() => zodResolver(schema, { error: formErrorMap(t) }), [schema, t]);
  const { control, handleSubmit, setError, setValue } = useForm<DisciplineValues>({
    resolver,
    defaultValues: { officialId: '', form: '', violationId: '', dutyRelated: true, decisionNo: '', decidedAt: null, reason: '' },
  });
  const officialId = useWatch({ control, name: 'officialId' });
  const violations = useRecentViolations(Boolean(officialId));
  const theirs = (violations.data ?? []).filter((v) => v.officialId === officialId);

  const submit = handleSubmit((v) => {
    setLeftover([]);
    record.mutate(
      { officialId: v.officialId, form: v.form as DisciplineForm, violationId: v.violationId || null, dutyRelated: v.dutyRelated, decisionNo: v.decisionNo.trim(), decidedAt: v.decidedAt!, reason: v.reason.trim() },
      {
        onSuccess: (r) => {
          void message.success(t('evaluation.discipline.recorded', { form: r.formLabel, regime: r.regime }));
          onClose();
        },
        onError: (e) => setLeftover(applyServerErrors(e, setError, FIELDS)),
      },
    );
  });

  return (
    <Modal
      open
      width={640}
      title={t('evaluation.discipline.add')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" form="discipline-form" loading={record.isPending} data-testid="discipline-submit">
            {t('evaluation.discipline.save')}
          </Button>
        </Space>
      }
    >
      <ProblemAlert error={record.error && !leftover.length ? record.error : null} extra={leftover} />
      <Form component={false} layout="vertical">
        <form id="discipline-form" onSubmit={submit} noValidate aria-label={t('evaluation.discipline.add')} data-testid="discipline-form">
          <Controller
            control={control}
            name="officialId"
            render={({ field, fieldState }) => (
              <FormField label={t('evaluation.discipline.official')} htmlFor="disc-official" required error={fieldState.error?.message}>
                <OfficialPicker
                  id="disc-official"
                  value={field.value}
                  onChange={(v) => {
                    field.onChange(v);
                    setValue('violationId', '');
                  }}
                  status={fieldState.error ? 'error' : undefined}
                />
              </FormField>
            )}
          />
          <Controller
            control={control}
            name="form"
            render={({ field, fieldState }) => (
              <FormField label={t('evaluation.discipline.formLabel')} htmlFor="disc-form" required error={fieldState.error?.message}>
                <Select<DisciplineForm>
                  id="disc-form"
                  value={(field.value || undefined) as DisciplineForm | undefined}
                  onChange={(v: DisciplineForm) => field.onChange(v)}
                  options={DISCIPLINE_FORMS.map((f) => ({ value: f, label: t(disciplineFormKey(f)) }))}
                  placeholder={t('evaluation.discipline.formPlaceholder')}
                  status={fieldState.error ? 'error' : undefined}
                  data-testid="discipline-form-select"
                />
              </FormField>
            )}
          />
          {officialId && !violations.isError ? (
            <Controller
              control={control}
              name="violationId"
              render={({ field, fieldState }) => (
                <FormField label={t('evaluation.discipline.violation')} htmlFor="disc-violation" error={fieldState.error?.message} help={theirs.length ? undefined : t('evaluation.discipline.noViolation')}>
                  <Select
                    id="disc-violation"
                    value={field.value || undefined}
                    onChange={(v: string | undefined) => field.onChange(v ?? '')}
                    allowClear
                    loading={violations.isPending}
                    disabled={!theirs.length}
                    options={theirs.map((v) => ({ value: v.id, label: `${formatDate(v.foundAt)} · ${v.rule.code} ${v.rule.title} — ${v.description}` }))}
                    placeholder={t('evaluation.discipline.violationPlaceholder')}
                    popupMatchSelectWidth={false}
                  />
                </FormField>
              )}
            />
          ) : null}
          <Controller
            control={control}
            name="dutyRelated"
            render={({ field }) => (
              <Form.Item help={t('evaluation.discipline.dutyHelp')}>
                <Checkbox id="disc-duty" checked={field.value} onChange={(e) => field.onChange(e.target.checked)} data-testid="discipline-duty">
                  {t('evaluation.discipline.duty')}
                </Checkbox>
              </Form.Item>
            )}
          />
          <div className="ev-points-row">
            <Controller
              control={control}
              name="decisionNo"
              render={({ field, fieldState }) => (
                <FormField label={t('evaluation.discipline.decisionNo')} htmlFor="disc-no" required error={fieldState.error?.message}>
                  <Input {...field} id="disc-no" maxLength={60} placeholder={t('evaluation.discipline.decisionNoPlaceholder')} status={fieldState.error ? 'error' : undefined} data-testid="discipline-no" />
                </FormField>
              )}
            />
            <Controller
              control={control}
              name="decidedAt"
              render={({ field, fieldState }) => (
                <FormField label={t('evaluation.discipline.decidedAt')} htmlFor="disc-date" required error={fieldState.error?.message}>
                  <DateField id="disc-date" value={field.value} onChange={field.onChange} onBlur={field.onBlur} disabledFuture status={fieldState.error ? 'error' : undefined} />
                </FormField>
              )}
            />
          </div>
          <Controller
            control={control}
            name="reason"
            render={({ field, fieldState }) => (
              <FormField label={t('evaluation.discipline.reason')} htmlFor="disc-reason" required error={fieldState.error?.message}>
                <Input.TextArea {...field} id="disc-reason" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={3000} status={fieldState.error ? 'error' : undefined} data-testid="discipline-reason" />
              </FormField>
            )}
          />
          <Alert type="info" showIcon title={t('evaluation.discipline.effect')} />
        </form>
      </Form>
    </Modal>
  );
}
