import { zodResolver } from '@hookform/resolvers/zod';
import { App as AntApp, Button, Form, Input, Modal, Radio, Space } from 'antd';
import { useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { isApiError } from '../../api/client.ts';
import { useDecideClassification, useDecideUnitClassification, type ClassLevel } from '../../api/evaluation.queries.ts';
import { FormField } from '../../components/form-field.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';
import { LevelTag } from './common.tsx';
import { formatScore, levelKey, LEVELS } from './evaluation-labels.ts';

interface DecisionValues {
  level: ClassLevel;
  reason: string;
}

/** What the council decides on: an official's or a unit's proposal for the year. */
export interface DecisionSubject {
  kind: 'official' | 'unit';
  id: string;
  name: string;
  /** The official's mean of the year, or the unit's score. */
  score: number | null;
  proposedLevel: ClassLevel;
  reasons: string[];
  decidedLevel: ClassLevel | null;
  decisionReason: string | null;
}

/** The council's decision on a proposal: keeping it needs nothing more, departing from it needs a reason. */
export function DecisionModal({ item, onClose }: { item: DecisionSubject; onClose: () => void }) {
  const t = useT();
  const [lang] = useLanguage();
  const { message } = AntApp.useApp();
  const decideOfficial = useDecideClassification();
  const decideUnit = useDecideUnitClassification();
  const decide = item.kind === 'unit' ? decideUnit : decideOfficial;
  const [leftover, setLeftover] = useState<string[]>([]);
  const schema = useMemo(
    () =>
      z.object({ level: z.enum(['excellent', 'good', 'complete', 'incomplete', 'not_classified']), reason: z.string().max(3000) }).superRefine((v, ctx) => {
        if (v.level !== item.proposedLevel && !v.reason.trim()) ctx.addIssue({ code: 'custom', path: ['reason'], message: t('evaluation.class.reasonRequired') });
      }),
    [item.proposedLevel, t],
  );
  const resolver = useMemo(() => zodResolver(schema, { error: formErrorMap(t) }), [schema, t]);
  const { control, handleSubmit, setError } = useForm<DecisionValues>({ resolver, defaultValues: { level: item.decidedLevel ?? item.proposedLevel, reason: item.decisionReason ?? '' } });
  const level = useWatch({ control, name: 'level' });
  const departs = level !== item.proposedLevel;
  const submit = handleSubmit((v) => {
    setLeftover([]);
    decide.mutate(
      { id: item.id, level: v.level, reason: v.reason.trim() || null },
      {
        onSuccess: () => {
          void message.success(t('evaluation.class.decided', { name: item.name }));
          onClose();
        },
        onError: (e) => setLeftover(applyServerErrors(e, setError, ['level', 'reason'])),
      },
    );
  });
  return (
    <Modal
      open
      title={t('evaluation.class.decideTitle', { name: item.name })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" form="class-decision-form" loading={decide.isPending} data-testid="decision-submit">
            {t('evaluation.class.decide')}
          </Button>
        </Space>
      }
    >
      <dl className="ev-score-list">
        <div>
          <dt>{t(item.kind === 'unit' ? 'evaluation.unitClass.score' : 'evaluation.class.average')}</dt>
          <dd>{formatScore(item.score, lang)}</dd>
        </div>
        <div>
          <dt>{t('evaluation.class.proposal')}</dt>
          <dd>
            <LevelTag level={item.proposedLevel} />
          </dd>
        </div>
      </dl>
      <ul className="ev-reasons">
        {item.reasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
      <ProblemAlert error={decide.error && !leftover.length && !isFieldError(decide.error) ? decide.error : null} extra={leftover} />
      <Form component={false} layout="vertical">
        <form id="class-decision-form" onSubmit={submit} noValidate aria-label={t('evaluation.class.decideTitle', { name: item.name })} data-testid="decision-form">
          <Controller
            control={control}
            name="level"
            render={({ field }) => (
              <FormField label={t('evaluation.class.level')} labelId="class-level-label" required>
                <Radio.Group
                  aria-labelledby="class-level-label"
                  value={field.value}
                  onChange={(e) => field.onChange(e.target.value)}
                  className="cv-radio-column"
                  options={LEVELS.map((l) => ({ value: l, label: l === item.proposedLevel ? `${t(levelKey(l))} ${t('evaluation.class.proposedMark')}` : t(levelKey(l)) }))}
                  data-testid="decision-level"
                />
              </FormField>
            )}
          />
          <Controller
            control={control}
            name="reason"
            render={({ field, fieldState }) => (
              <FormField
                label={t('evaluation.class.reason')}
                htmlFor="class-reason"
                required={departs}
                error={fieldState.error?.message}
                help={t(departs ? 'evaluation.class.reasonHelpRequired' : 'evaluation.class.reasonHelp')}
              >
                <Input.TextArea {...field} id="class-reason" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={3000} status={fieldState.error ? 'error' : undefined} data-testid="decision-reason" />
              </FormField>
            )}
          />
        </form>
      </Form>
    </Modal>
  );
}


const isFieldError = (e: unknown) => isApiError(e) && e.fieldErrors.length > 0;
