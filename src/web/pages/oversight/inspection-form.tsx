import { zodResolver } from '@hookform/resolvers/zod';
import { App as AntApp, Button, Checkbox, Drawer, Form, Grid, Input, Select, Space, Switch, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { useUnits } from '../../api/org.queries.ts';
import { RULE_CATEGORIES, useCreateInspection, usePlans, useRules, type TInspection, type TRule } from '../../api/oversight.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DateField } from '../../components/date-field.tsx';
import { FormField } from '../../components/form-field.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT, type TFunction } from '../../i18n/i18n.tsx';
import { foldDiacritics } from '../../lib/fold.ts';
import { vnIso, vnWallClock } from '../../lib/format.ts';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';
import { categoryKey } from './labels.tsx';
import { OfficialSelect } from './official-select.tsx';

export interface InspectionPreset {
  surprise?: boolean;
  targetUnitIds?: string[];
  title?: string;
}

const makeSchema = (t: TFunction) =>
  z.object({
    title: z.string().trim().min(1).max(300),
    surprise: z.boolean(),
    planId: z.string().nullable(),
    date: z.string({ error: t('common.required') }).min(1, t('common.required')),
    time: z.string().regex(/^\d{2}:\d{2}$/, t('common.required')),
    targetUnitIds: z.array(z.string()).min(1, t('common.requiredChoose')),
    leadId: z.string({ error: t('common.requiredChoose') }).min(1, t('common.requiredChoose')),
    teamIds: z.array(z.string()),
    ruleIds: z.array(z.string()).min(1, t('oversight.form.rulesRequired')),
  });
type Values = z.infer<ReturnType<typeof makeSchema>>;
const FIELDS = ['title', 'surprise', 'planId', 'scheduledAt', 'targetUnitIds', 'leadId', 'teamIds', 'ruleIds'];

interface UnitOption {
  value: string;
  label: string;
  sub: string;
  search: string;
}

/** The checklist is built by ticking rules, grouped as in the rules library. */
function RulePicker({ rules, value, onChange, invalid }: { rules: TRule[]; value: string[]; onChange: (v: string[]) => void; invalid: boolean }) {
  const t = useT();
  const chosen = new Set(value);
  return (
    <div className={`cv-ov-rule-picker${invalid ? ' is-invalid' : ''}`} data-testid="insp-rules">
      {RULE_CATEGORIES.map((cat) => {
        const list = rules.filter((r) => r.category === cat);
        if (!list.length) return null;
        return (
          <fieldset key={cat} className="cv-ov-rule-group">
            <legend>{t(categoryKey(cat))}</legend>
            {list.map((r) => (
              // The rule is the checkbox's own label (a checkbox inside another label had no name).
              <Checkbox
                key={r.id}
                className="cv-ov-rule-option"
                checked={chosen.has(r.id)}
                onChange={(e) => onChange(e.target.checked ? [...value, r.id] : value.filter((x) => x !== r.id))}
                data-testid={`insp-rule-${r.code}`}
              >
                <span className="cv-mono cv-ov-rule-code">{r.code}</span> {r.title}
              </Checkbox>
            ))}
          </fieldset>
        );
      })}
    </div>
  );
}

export function InspectionFormDrawer({ preset, onClose, onCreated }: { preset: InspectionPreset; onClose: () => void; onCreated: (i: TInspection) => void }) {
  const t = useT();
  const me = useCurrentUser();
  const screens = Grid.useBreakpoint();
  const { message } = AntApp.useApp();
  const create = useCreateInspection();
  const units = useUnits();
  const rules = useRules(false);
  const now = vnWallClock(new Date());
  const year = Number(now?.date.slice(0, 4) ?? new Date().getFullYear());
  const plans = usePlans(year);
  const [leftover, setLeftover] = useState<string[]>([]);
  const resolver = useMemo(() => zodResolver(makeSchema(t), { error: formErrorMap(t) }), [t]);
  const { control, handleSubmit, setError } = useForm<Values>({
    resolver,
    defaultValues: {
      title: preset.title ?? '',
      surprise: preset.surprise ?? false,
      planId: null,
      date: now?.date ?? '',
      time: '08:00',
      targetUnitIds: preset.targetUnitIds ?? [],
      leadId: me.officialId ?? '',
      teamIds: [],
      ruleIds: [],
    },
  });
  const surprise = useWatch({ control, name: 'surprise' });
  const picked = useWatch({ control, name: 'ruleIds' });

  const unitOptions = useMemo<UnitOption[]>(() => {
    const all = units.data ?? [];
    const byId = new Map(all.map((u) => [u.id, u]));
    return all
      .filter((u) => u.active && u.depth >= 1)
      .map((u) => {
        const parent = u.parentId ? byId.get(u.parentId) : undefined;
        const sub = u.depth > 1 && parent ? parent.name : '';
        return { value: u.id, label: sub ? `${u.name} — ${sub}` : u.name, sub, search: foldDiacritics(`${u.name} ${u.shortName ?? ''} ${sub}`) };
      })
      .sort((a, b) => Number(Boolean(a.sub)) - Number(Boolean(b.sub)) || a.label.localeCompare(b.label, 'vi'));
  }, [units.data]);

  const onSubmit = handleSubmit((v) => {
    setLeftover([]);
    create.mutate(
      {
        title: v.title,
        surprise: v.surprise,
        planId: v.surprise ? null : v.planId,
        leadId: v.leadId,
        teamIds: v.teamIds.filter((x) => x !== v.leadId),
        targetUnitIds: v.targetUnitIds,
        targetOfficialIds: [],
        ruleIds: v.ruleIds,
        scheduledAt: vnIso(v.date, v.time),
      },
      {
        onSuccess: (i) => {
          void message.success(t('oversight.form.created'));
          onCreated(i);
        },
        onError: (error) => setLeftover(applyServerErrors(error, setError, FIELDS)),
      },
    );
  });

  return (
    <Drawer
      open
      onClose={onClose}
      title={t('oversight.form.title')}
      size={screens.md ? 680 : '100%'}
      destroyOnHidden
      footer={
        <Space className="cv-drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" form="inspection-form" loading={create.isPending} data-testid="insp-submit">
            {t('oversight.form.submit')}
          </Button>
        </Space>
      }
    >
      <ProblemAlert error={create.error} extra={leftover} />
      <Form component={false} layout="vertical">
        <form id="inspection-form" data-testid="inspection-form" onSubmit={onSubmit} noValidate aria-label={t('oversight.form.title')}>
          <Typography.Title level={2} className="cv-form-section">
            {t('oversight.form.section.general')}
          </Typography.Title>
          <Controller
            control={control}
            name="surprise"
            render={({ field }) => (
              <div className="cv-switch-row">
                <Switch id="insp-surprise" checked={field.value} onChange={field.onChange} data-testid="insp-surprise" />
                <label htmlFor="insp-surprise">{t('oversight.form.surprise')}</label>
              </div>
            )}
          />
          <Controller
            control={control}
            name="title"
            render={({ field, fieldState }) => (
              <FormField label={t('oversight.form.name')} htmlFor="insp-title" required error={fieldState.error?.message}>
                <Input {...field} id="insp-title" placeholder={t('oversight.form.namePlaceholder')} maxLength={300} status={fieldState.error ? 'error' : undefined} data-testid="insp-title" />
              </FormField>
            )}
          />
          {surprise ? null : (
            <Controller
              control={control}
              name="planId"
              render={({ field }) => (
                <FormField label={t('oversight.form.plan')} htmlFor="insp-plan">
                  <Select
                    id="insp-plan"
                    value={field.value ?? ''}
                    onChange={(v: string) => field.onChange(v || null)}
                    loading={plans.isPending}
                    options={[{ value: '', label: t('oversight.form.planNone') }, ...(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))]}
                    style={{ width: '100%' }}
                  />
                </FormField>
              )}
            />
          )}
          <div className="cv-ov-two">
            <Controller
              control={control}
              name="date"
              render={({ field, fieldState }) => (
                <FormField label={t('oversight.form.date')} htmlFor="insp-date" required error={fieldState.error?.message}>
                  <DateField id="insp-date" value={field.value} onChange={(v) => field.onChange(v ?? '')} status={fieldState.error ? 'error' : undefined} />
                </FormField>
              )}
            />
            <Controller
              control={control}
              name="time"
              render={({ field, fieldState }) => (
                <FormField label={t('oversight.form.time')} htmlFor="insp-time" required error={fieldState.error?.message}>
                  <TimePicker
                    id="insp-time"
                    format="HH:mm"
                    minuteStep={5}
                    needConfirm={false}
                    value={field.value ? dayjs(field.value, 'HH:mm') : null}
                    onChange={(d) => field.onChange(d ? d.format('HH:mm') : '')}
                    status={fieldState.error ? 'error' : undefined}
                    style={{ width: '100%' }}
                  />
                </FormField>
              )}
            />
          </div>
          <Controller
            control={control}
            name="targetUnitIds"
            render={({ field, fieldState }) => (
              <FormField label={t('oversight.form.targets')} htmlFor="insp-targets" required error={fieldState.error?.message}>
                <Select<string[], UnitOption>
                  id="insp-targets"
                  mode="multiple"
                  value={field.value}
                  onChange={(v) => field.onChange(v)}
                  options={unitOptions}
                  loading={units.isPending}
                  placeholder={t('oversight.form.targetsPlaceholder')}
                  showSearch={{ filterOption: (input, option) => foldDiacritics(input).split(' ').every((w) => (option?.search ?? '').includes(w)) }}
                  status={fieldState.error ? 'error' : undefined}
                  style={{ width: '100%' }}
                  data-testid="insp-targets"
                />
              </FormField>
            )}
          />

          <Typography.Title level={2} className="cv-form-section">
            {t('oversight.form.section.team')}
          </Typography.Title>
          <Controller
            control={control}
            name="leadId"
            render={({ field, fieldState }) => (
              <FormField label={t('oversight.form.lead')} htmlFor="insp-lead" required error={fieldState.error?.message}>
                <OfficialSelect
                  id="insp-lead"
                  value={field.value || null}
                  onChange={(v) => field.onChange(v ?? '')}
                  known={me.officialId ? [{ id: me.officialId, fullName: me.displayName }] : []}
                  placeholder={t('oversight.form.officialPlaceholder')}
                  status={fieldState.error ? 'error' : undefined}
                />
              </FormField>
            )}
          />
          <Controller
            control={control}
            name="teamIds"
            render={({ field }) => (
              <FormField label={`${t('oversight.form.team')} ${t('oversight.optional')}`} htmlFor="insp-team">
                <OfficialSelect id="insp-team" mode="multiple" value={field.value} onChange={field.onChange} placeholder={t('oversight.form.officialPlaceholder')} />
              </FormField>
            )}
          />

          <Typography.Title level={2} className="cv-form-section">
            {t('oversight.form.section.checklist')}
          </Typography.Title>
          <Controller
            control={control}
            name="ruleIds"
            render={({ field, fieldState }) => (
              <div className="cv-ov-field">
                <p className="cv-muted cv-ov-help" id="insp-rules-help">
                  {t('oversight.form.rulesHelp')} <strong aria-live="polite">{t('oversight.form.rulesPicked', { count: picked.length })}</strong>
                </p>
                <RulePicker rules={rules.data ?? []} value={field.value} onChange={field.onChange} invalid={Boolean(fieldState.error)} />
                {fieldState.error ? (
                  <div className="ant-form-item-explain-error" role="alert">
                    {fieldState.error.message}
                  </div>
                ) : null}
              </div>
            )}
          />
        </form>
      </Form>
    </Drawer>
  );
}
