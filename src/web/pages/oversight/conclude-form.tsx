import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { App as AntApp, Button, Card, Form, Input, Radio, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { SEVERITIES, useRules, useInspectionTransition, type TInspection } from '../../api/oversight.queries.ts';
import { FormField } from '../../components/form-field.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT, type TFunction } from '../../i18n/i18n.tsx';
import { foldDiacritics } from '../../lib/fold.ts';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';
import { severityKey } from './labels.tsx';
import { OfficialSelect } from './official-select.tsx';

const makeSchema = (t: TFunction) =>
  z.object({
    conclusion: z.string().trim().min(1, t('common.required')).max(20000),
    violations: z.array(
      z.object({
        unitId: z.string().min(1, t('common.requiredChoose')),
        ruleId: z.string().min(1, t('common.requiredChoose')),
        severity: z.enum(['minor', 'moderate', 'serious']),
        description: z.string().trim().min(1, t('common.required')).max(5000),
        officialId: z.string().nullable(),
      }),
    ),
  });
type Values = z.infer<ReturnType<typeof makeSchema>>;

/** Each failed item proposes a violation of its rule; the lead keeps, edits or removes them. */
function proposals(inspection: TInspection): Values['violations'] {
  return inspection.answers
    .filter((a) => a.result === 'fail')
    .sort((a, b) => a.itemIndex - b.itemIndex)
    .map((a) => {
      const item = inspection.checklist[a.itemIndex];
      return {
        unitId: a.targetUnitId,
        ruleId: item?.ruleId ?? '',
        severity: 'minor' as const,
        description: [item?.text, a.note].filter(Boolean).join(': '),
        officialId: null,
      };
    });
}

export function ConcludeForm({ inspection }: { inspection: TInspection }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const transition = useInspectionTransition(inspection.id);
  const rules = useRules(false);
  const [leftover, setLeftover] = useState<string[]>([]);
  const resolver = useMemo(() => zodResolver(makeSchema(t), { error: formErrorMap(t) }), [t]);
  const { control, handleSubmit, setError } = useForm<Values>({ resolver, defaultValues: { conclusion: '', violations: proposals(inspection) } });
  const rows = useFieldArray({ control, name: 'violations' });
  const values = useWatch({ control, name: 'violations' });

  const ruleOptions = useMemo(() => {
    const fromChecklist = inspection.checklist.map((c) => ({ value: c.ruleId, label: `${c.ruleCode} — ${c.text}`, search: foldDiacritics(`${c.ruleCode} ${c.text}`) }));
    const others = (rules.data ?? [])
      .filter((r) => !inspection.checklist.some((c) => c.ruleId === r.id))
      .map((r) => ({ value: r.id, label: `${r.code} — ${r.title}`, search: foldDiacritics(`${r.code} ${r.title}`) }));
    return [...fromChecklist, ...others];
  }, [inspection.checklist, rules.data]);
  const unitOptions = inspection.targets.map((u) => ({ value: u.id, label: u.name }));

  const onSubmit = handleSubmit((v) => {
    setLeftover([]);
    transition.mutate(
      {
        action: 'conclude',
        conclusion: v.conclusion,
        violations: v.violations.map((x) => ({ unitId: x.unitId, ruleId: x.ruleId, severity: x.severity, description: x.description, officialId: x.officialId })),
      },
      {
        onSuccess: () => void message.success(t('oversight.insp.concludedMsg')),
        onError: (error) => setLeftover(applyServerErrors(error, setError, ['conclusion'])),
      },
    );
  });

  return (
    <Card title={t('oversight.insp.conclude')} className="cv-card cv-ov-conclude" data-testid="conclude-card">
      <ProblemAlert error={transition.error} extra={leftover} />
      <Form component={false} layout="vertical">
        <form onSubmit={onSubmit} noValidate aria-label={t('oversight.insp.conclude')} data-testid="conclude-form">
          <Controller
            control={control}
            name="conclusion"
            render={({ field, fieldState }) => (
              <FormField label={t('oversight.insp.conclusion')} htmlFor="concl-text" required error={fieldState.error?.message}>
                <Input.TextArea
                  {...field}
                  id="concl-text"
                  autoSize={{ minRows: 4, maxRows: 14 }}
                  placeholder={t('oversight.insp.conclusionPlaceholder')}
                  status={fieldState.error ? 'error' : undefined}
                  data-testid="concl-text"
                />
              </FormField>
            )}
          />
          <fieldset className="cv-fieldset">
            <legend className="cv-field-label">{t('oversight.insp.violations')}</legend>
            <Typography.Paragraph type="secondary" className="cv-card-hint">
              {rows.fields.length ? t('oversight.insp.violationsHint') : t('oversight.insp.noViolations')}
            </Typography.Paragraph>
            <ol className="cv-ov-violation-rows">
              {rows.fields.map((row, i) => (
                <li key={row.id} className="cv-ov-violation-row" data-testid="concl-violation">
                  <div className="cv-ov-violation-row-head">
                    <strong>{t('oversight.insp.violationN', { n: i + 1 })}</strong>
                    <Button type="text" danger icon={<DeleteOutlined aria-hidden />} onClick={() => rows.remove(i)} aria-label={t('oversight.insp.removeViolation', { n: i + 1 })} />
                  </div>
                  {unitOptions.length > 1 ? (
                    <Controller
                      control={control}
                      name={`violations.${i}.unitId`}
                      render={({ field, fieldState }) => (
                        <FormField label={t('oversight.v.unit')} htmlFor={`concl-v${i}-unit`} required error={fieldState.error?.message}>
                          <Select id={`concl-v${i}-unit`} value={field.value || undefined} onChange={field.onChange} options={unitOptions} style={{ width: '100%' }} />
                        </FormField>
                      )}
                    />
                  ) : null}
                  <Controller
                    control={control}
                    name={`violations.${i}.ruleId`}
                    render={({ field, fieldState }) => (
                      <FormField label={t('oversight.v.rule')} htmlFor={`concl-v${i}-rule`} required error={fieldState.error?.message}>
                        <Select
                          id={`concl-v${i}-rule`}
                          value={field.value || undefined}
                          onChange={field.onChange}
                          options={ruleOptions}
                          showSearch={{ filterOption: (input, o) => foldDiacritics(input).split(' ').every((w) => (o?.search ?? '').includes(w)) }}
                          status={fieldState.error ? 'error' : undefined}
                          popupMatchSelectWidth={false}
                          style={{ width: '100%' }}
                        />
                      </FormField>
                    )}
                  />
                  <Controller
                    control={control}
                    name={`violations.${i}.severity`}
                    render={({ field }) => (
                      <FormField label={t('oversight.v.severity')} labelId={`concl-v${i}-sev`}>
                        <Radio.Group
                          aria-labelledby={`concl-v${i}-sev`}
                          optionType="button"
                          buttonStyle="solid"
                          value={field.value}
                          onChange={(e) => field.onChange(e.target.value)}
                          options={SEVERITIES.map((s) => ({ value: s, label: t(severityKey(s)) }))}
                        />
                      </FormField>
                    )}
                  />
                  <Controller
                    control={control}
                    name={`violations.${i}.description`}
                    render={({ field, fieldState }) => (
                      <FormField label={t('oversight.v.description')} htmlFor={`concl-v${i}-desc`} required error={fieldState.error?.message}>
                        <Input.TextArea {...field} id={`concl-v${i}-desc`} autoSize={{ minRows: 2, maxRows: 8 }} status={fieldState.error ? 'error' : undefined} />
                      </FormField>
                    )}
                  />
                  <Controller
                    control={control}
                    name={`violations.${i}.officialId`}
                    render={({ field }) => (
                      <FormField label={t('oversight.v.official')} htmlFor={`concl-v${i}-official`}>
                        <OfficialSelect
                          id={`concl-v${i}-official`}
                          unitId={values?.[i]?.unitId || inspection.targets[0]?.id}
                          value={field.value}
                          onChange={field.onChange}
                          placeholder={t('oversight.v.officialPlaceholder')}
                        />
                      </FormField>
                    )}
                  />
                </li>
              ))}
            </ol>
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() => rows.append({ unitId: inspection.targets[0]?.id ?? '', ruleId: '', severity: 'minor', description: '', officialId: null })}
            >
              {t('oversight.insp.addViolation')}
            </Button>
          </fieldset>
          <Button type="primary" size="large" htmlType="submit" block loading={transition.isPending} className="cv-ov-big-button" data-testid="concl-submit">
            {t('oversight.insp.concludeSubmit')}
          </Button>
        </form>
      </Form>
    </Card>
  );
}
