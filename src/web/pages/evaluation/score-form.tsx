import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Form, Input, InputNumber } from 'antd';
import { useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { isApiError } from '../../api/client.ts';
import { FormField } from '../../components/form-field.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { formErrorMap, normalizeFieldPath } from '../../lib/forms.ts';
import { LevelTag } from './common.tsx';
import { formatScore, GENERAL_MAX, headNeedsReason, levelOf, signedDiff, TASK_MAX } from './evaluation-labels.ts';

export interface ScoreValues {
  general: number | null;
  task: number | null;
  /** The self-assessment's note, or the head's reason. */
  text: string;
}

interface ScoreFormProps {
  mode: 'self' | 'head';
  /** Prefix of the controls' ids and test ids. */
  idPrefix: string;
  defaults: ScoreValues;
  /** The score from the month's evidence (the head must explain a score further than `margin` points from it). */
  evidenceScore: number | null;
  /** The card template's reason margin (see marginOf). */
  margin: number;
  regime?: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: { general: number; task: number; text: string | null }) => Promise<unknown>;
}

/** The 30 + 70 points of a monthly scorecard, with the running total and its level. */
export function ScoreForm({ mode, idPrefix, defaults, evidenceScore, margin, regime, submitLabel, pending, error, onSubmit }: ScoreFormProps) {
  const t = useT();
  const [lang] = useLanguage();
  const [leftover, setLeftover] = useState<string[]>([]);
  const schema = useMemo(
    () =>
      z
        .object({
          general: z.number().min(0).max(GENERAL_MAX).nullable(),
          task: z.number().min(0).max(TASK_MAX).nullable(),
          text: z.string().max(3000),
        })
        .superRefine((v, ctx) => {
          if (v.general === null) ctx.addIssue({ code: 'custom', path: ['general'], message: t('evaluation.score.generalRequired', { max: GENERAL_MAX }) });
          if (v.task === null) ctx.addIssue({ code: 'custom', path: ['task'], message: t('evaluation.score.taskRequired', { max: TASK_MAX }) });
          if (mode === 'head' && v.general !== null && v.task !== null && headNeedsReason(v.general + v.task, evidenceScore, margin) && !v.text.trim()) {
            ctx.addIssue({ code: 'custom', path: ['text'], message: t('evaluation.head.reasonRequired', { margin, evidence: formatScore(evidenceScore, lang) }) });
          }
        }),
    [mode, evidenceScore, margin, t, lang],
  );
  const resolver = useMemo(() => zodResolver(schema, { error: formErrorMap(t) }), [schema, t]);
  const { control, handleSubmit, setError } = useForm<ScoreValues>({ resolver, defaultValues: defaults });
  const [general, task] = useWatch({ control, name: ['general', 'task'] });
  const total = general !== null && task !== null ? Math.round((general + task) * 10) / 10 : null;
  const level = levelOf(total, regime);
  const far = mode === 'head' && total !== null && headNeedsReason(total, evidenceScore, margin);
  const textField = mode === 'self' ? 'note' : 'reason';

  const submit = handleSubmit(async (values) => {
    setLeftover([]);
    try {
      await onSubmit({ general: values.general!, task: values.task!, text: values.text.trim() || null });
    } catch (e) {
      if (isApiError(e) && e.code === 'HEAD_REASON_REQUIRED') {
        // The server's refusal names the evidence score: show it where the reason goes.
        setError('text', { type: 'server', message: e.problem.detail }, { shouldFocus: true });
        return;
      }
      if (isApiError(e)) {
        // The server names the text field 'note' (self) or 'reason' (head); the form calls it 'text'.
        const rest: string[] = [];
        for (const f of e.fieldErrors) {
          const path = normalizeFieldPath(f.field);
          const name = path === 'note' || path === 'reason' ? 'text' : path;
          if (name === 'general' || name === 'task' || name === 'text') setError(name, { type: 'server', message: f.message }, { shouldFocus: true });
          else rest.push(f.message);
        }
        setLeftover(rest);
      }
    }
  });

  const decimal = lang === 'vi' ? ',' : '.';
  const number = (name: 'general' | 'task', max: number) => (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <FormField
          label={t(name === 'general' ? 'evaluation.score.general' : 'evaluation.score.task', { max })}
          htmlFor={`${idPrefix}-${name}`}
          required
          error={fieldState.error?.message}
          help={t(name === 'general' ? 'evaluation.score.generalHelp' : 'evaluation.score.taskHelp')}
        >
          <InputNumber
            id={`${idPrefix}-${name}`}
            min={0}
            max={max}
            step={1}
            decimalSeparator={decimal}
            value={field.value}
            onChange={(v) => field.onChange(typeof v === 'number' ? v : null)}
            onBlur={field.onBlur}
            status={fieldState.error ? 'error' : undefined}
            suffix={`/ ${max}`}
            style={{ width: '100%', maxWidth: 200 }}
            data-testid={`${idPrefix}-${name}`}
          />
        </FormField>
      )}
    />
  );

  // Failures that are not about a field (e.g. the month was closed meanwhile) show above the form.
  const fieldless = isApiError(error) && (error.code === 'HEAD_REASON_REQUIRED' || error.fieldErrors.length > 0) ? null : error;
  return (
    <Form component={false} layout="vertical">
      <ProblemAlert error={fieldless} extra={leftover} />
      <form id={`${idPrefix}-form`} onSubmit={submit} noValidate aria-label={submitLabel} data-testid={`${idPrefix}-form`}>
        <div className="ev-points-row">
          {number('general', GENERAL_MAX)}
          {number('task', TASK_MAX)}
        </div>
        <div className="ev-total" role="status" aria-live="polite" data-testid={`${idPrefix}-total`}>
          <span>{t('evaluation.score.total')}</span>
          <strong>{total === null ? '—' : t('evaluation.points', { value: formatScore(total, lang), max: 100 })}</strong>
          {level ? <LevelTag level={level} /> : null}
          {mode === 'head' && total !== null && evidenceScore !== null ? (
            <span className={far ? 'ev-diff ev-diff-far' : 'ev-diff'} data-testid={`${idPrefix}-diff`}>
              {t(far ? 'evaluation.head.diffFar' : 'evaluation.head.diff', { diff: signedDiff(total - evidenceScore, lang), evidence: formatScore(evidenceScore, lang), margin })}
            </span>
          ) : null}
        </div>
        <Controller
          control={control}
          name="text"
          render={({ field, fieldState }) => (
            <FormField
              label={t(mode === 'self' ? 'evaluation.self.note' : 'evaluation.head.reason')}
              htmlFor={`${idPrefix}-${textField}`}
              required={far}
              error={fieldState.error?.message}
              help={t(mode === 'self' ? 'evaluation.self.noteHelp' : 'evaluation.head.reasonHelp', { margin })}
            >
              <Input.TextArea
                {...field}
                id={`${idPrefix}-${textField}`}
                autoSize={{ minRows: 2, maxRows: 8 }}
                maxLength={3000}
                status={fieldState.error ? 'error' : undefined}
                data-testid={`${idPrefix}-${textField}`}
              />
            </FormField>
          )}
        />
        <Button type="primary" htmlType="submit" loading={pending} data-testid={`${idPrefix}-submit`}>
          {submitLabel}
        </Button>
      </form>
    </Form>
  );
}
