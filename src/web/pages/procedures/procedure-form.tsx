import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { App as AntApp, AutoComplete, Button, Col, Drawer, Form, Grid, Input, InputNumber, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { ZCreateProcedureRequest, type TCreateProcedureRequest, type TProcedure } from '../../../shared/schemas/dossiers.ts';
import { useUnits } from '../../api/org.queries.ts';
import { useCreateProcedure, useUpdateProcedure } from '../../api/procedures.queries.ts';
import { FormField } from '../../components/form-field.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { useT, type TFunction } from '../../i18n/i18n.tsx';
import { asCutoff } from '../../lib/dossier-labels.ts';
import { foldDiacritics } from '../../lib/fold.ts';
import { formatNumber } from '../../lib/format.ts';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';

const UNITS = ['working_days', 'working_hours', 'calendar_days'] as const;

function makeSchema(t: TFunction) {
  return ZCreateProcedureRequest.omit({ cutoff: true, supplementMode: true, onlineLevel: true })
    .extend({
      supplementMode: z.enum(['law', 'pause', 'restart']),
      onlineLevel: z.enum(['none', 'partial', 'full']),
      cutoffKind: z.enum(['none', 'time', 'last-working-hours']),
      cutoffAt: z.string(),
      cutoffHours: z.number().min(0).max(8).nullable(),
      active: z.boolean(),
    })
    .superRefine((v, ctx) => {
      if (v.cutoffKind === 'time' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(v.cutoffAt)) {
        ctx.addIssue({ code: 'custom', path: ['cutoffAt'], message: t('common.invalid') });
      }
      if (v.cutoffKind === 'last-working-hours' && (v.cutoffHours === null || v.cutoffHours <= 0)) {
        ctx.addIssue({ code: 'custom', path: ['cutoffHours'], message: t('common.required') });
      }
    });
}

type FormIn = z.input<ReturnType<typeof makeSchema>>;
type FormOut = z.output<ReturnType<typeof makeSchema>>;

const FIELDS = [
  'code',
  'name',
  'field',
  'unitId',
  'processingDays',
  'processingUnit',
  'feeVnd',
  'requiredDocuments',
  'supplementMode',
  'onlineLevel',
  'cutoffAt',
  'cutoffHours',
  'active',
];

function toDefaults(p: TProcedure | undefined, unitId: string | undefined): FormIn {
  const cutoff = asCutoff(p?.cutoff);
  return {
    code: p?.code ?? '',
    name: p?.name ?? '',
    field: p?.field ?? '',
    unitId: p?.unitId ?? unitId ?? '',
    processingDays: p?.processingDays ?? 10,
    processingUnit: p?.processingUnit ?? 'working_days',
    feeVnd: p?.feeVnd ?? 0,
    requiredDocuments: p?.requiredDocuments.map((d) => ({ ...d })) ?? [{ name: '', originals: 1, copies: 0 }],
    supplementMode: p?.supplementMode ?? 'law',
    onlineLevel: p?.onlineLevel ?? 'none',
    cutoffKind: cutoff.kind,
    cutoffAt: cutoff.kind === 'time' ? cutoff.at : '15:00',
    cutoffHours: cutoff.kind === 'last-working-hours' ? cutoff.hours : 1,
    active: p?.active ?? true,
  };
}

function toRequest(v: FormOut): TCreateProcedureRequest & { active: boolean } {
  const { cutoffKind, cutoffAt, cutoffHours, supplementMode, onlineLevel, ...rest } = v;
  return {
    ...rest,
    supplementMode: supplementMode === 'law' ? null : supplementMode,
    onlineLevel: onlineLevel === 'none' ? null : onlineLevel,
    cutoff: cutoffKind === 'time' ? { kind: 'time', at: cutoffAt } : cutoffKind === 'last-working-hours' ? { kind: 'last-working-hours', hours: cutoffHours ?? 1 } : { kind: 'none' },
  };
}

interface ProcedureFormProps {
  procedure?: TProcedure;
  fields: string[];
  defaultUnitId?: string;
  onClose: () => void;
}

export function ProcedureForm({ procedure, fields, defaultUnitId, onClose }: ProcedureFormProps) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const { message } = AntApp.useApp();
  const units = useUnits();
  const create = useCreateProcedure();
  const update = useUpdateProcedure();
  const mutation = procedure ? update : create;
  const [leftover, setLeftover] = useState<string[]>([]);
  const resolver = useMemo(() => zodResolver(makeSchema(t), { error: formErrorMap(t) }), [t]);
  const { control, handleSubmit, setError } = useForm<FormIn, unknown, FormOut>({ resolver, defaultValues: toDefaults(procedure, defaultUnitId) });
  const docs = useFieldArray({ control, name: 'requiredDocuments' });
  const cutoffKind = useWatch({ control, name: 'cutoffKind' });
  const title = procedure ? t('procedure.edit') : t('procedure.add');

  const onSubmit = handleSubmit((values) => {
    setLeftover([]);
    const body = toRequest(values);
    const onError = (error: unknown) => setLeftover(applyServerErrors(error, setError, FIELDS));
    const done = (text: string) => () => {
      void message.success(text);
      onClose();
    };
    if (procedure) {
      update.mutate({ id: procedure.id, patch: body }, { onSuccess: done(t('common.saved')), onError });
    } else {
      const { active: _active, ...createBody } = body;
      create.mutate(createBody, { onSuccess: done(t('procedure.created')), onError });
    }
  });

  return (
    <Drawer
      open
      onClose={onClose}
      title={title}
      size={screens.md ? 760 : '100%'}
      destroyOnHidden
      footer={
        <Space className="cv-drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" form="procedure-form" loading={mutation.isPending} data-testid="procedure-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <ProblemAlert error={mutation.error} extra={leftover} />
      <Form component={false} layout="vertical">
        <form id="procedure-form" data-testid="procedure-form" onSubmit={onSubmit} noValidate aria-label={title}>
          <Typography.Title level={2} className="cv-form-section">
            {t('procedure.sectionGeneral')}
          </Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Controller
                control={control}
                name="code"
                render={({ field, fieldState }) => (
                  <FormField label={t('procedure.code')} htmlFor="pf-code" required error={fieldState.error?.message}>
                    <Input {...field} id="pf-code" className="cv-mono" autoComplete="off" status={fieldState.error ? 'error' : undefined} />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} md={16}>
              <Controller
                control={control}
                name="field"
                render={({ field, fieldState }) => (
                  <FormField label={t('procedure.field')} htmlFor="pf-field" required error={fieldState.error?.message}>
                    <AutoComplete
                      id="pf-field"
                      value={field.value}
                      onChange={(v: string) => field.onChange(v)}
                      onBlur={field.onBlur}
                      options={fields.map((f) => ({ value: f }))}
                      showSearch={{ filterOption: (input, option) => foldDiacritics(option?.value ?? '').includes(foldDiacritics(input)) }}
                      status={fieldState.error ? 'error' : undefined}
                    />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24}>
              <Controller
                control={control}
                name="name"
                render={({ field, fieldState }) => (
                  <FormField label={t('procedure.name')} htmlFor="pf-name" required error={fieldState.error?.message}>
                    <Input.TextArea {...field} id="pf-name" autoSize={{ minRows: 1, maxRows: 4 }} status={fieldState.error ? 'error' : undefined} />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} md={12}>
              <Controller
                control={control}
                name="unitId"
                render={({ field, fieldState }) => (
                  <FormField label={t('procedure.unit')} htmlFor="pf-unit" required error={fieldState.error?.message}>
                    <UnitTreeSelect
                      id="pf-unit"
                      units={units.data ?? []}
                      loading={units.isPending}
                      value={field.value || undefined}
                      onChange={(v) => field.onChange(v ?? '')}
                      status={fieldState.error ? 'error' : undefined}
                    />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} md={12}>
              <Controller
                control={control}
                name="onlineLevel"
                render={({ field }) => (
                  <FormField label={t('procedure.online')} htmlFor="pf-online">
                    <Select
                      id="pf-online"
                      value={field.value}
                      onChange={field.onChange}
                      options={(['none', 'partial', 'full'] as const).map((o) => ({ value: o, label: t(`online.${o}`) }))}
                    />
                  </FormField>
                )}
              />
            </Col>
            {procedure ? (
              <Col xs={24}>
                <Controller
                  control={control}
                  name="active"
                  render={({ field }) => (
                    <div className="cv-switch-row">
                      <Switch id="pf-active" checked={field.value} onChange={field.onChange} />
                      <label htmlFor="pf-active">{t('procedure.activeLabel')}</label>
                    </div>
                  )}
                />
              </Col>
            ) : null}
          </Row>

          <Typography.Title level={2} className="cv-form-section">
            {t('procedure.sectionTime')}
          </Typography.Title>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Controller
                control={control}
                name="processingDays"
                render={({ field, fieldState }) => (
                  <FormField label={t('procedure.processingDays')} htmlFor="pf-days" required error={fieldState.error?.message}>
                    <InputNumber
                      id="pf-days"
                      min={0}
                      max={365}
                      value={field.value}
                      onChange={(v) => field.onChange(typeof v === 'number' ? v : 0)}
                      style={{ width: '100%' }}
                      status={fieldState.error ? 'error' : undefined}
                    />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={12} md={8}>
              <Controller
                control={control}
                name="processingUnit"
                render={({ field }) => (
                  <FormField label={t('procedure.processingUnit')} htmlFor="pf-unit-kind">
                    <Select id="pf-unit-kind" value={field.value} onChange={field.onChange} options={UNITS.map((u) => ({ value: u, label: t(`procUnitName.${u}`) }))} />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} md={10}>
              <Controller
                control={control}
                name="feeVnd"
                render={({ field, fieldState }) => (
                  <FormField label={t('procedure.feeVnd')} htmlFor="pf-fee" error={fieldState.error?.message}>
                    <InputNumber
                      id="pf-fee"
                      min={0}
                      precision={0}
                      step={1000}
                      value={field.value}
                      onChange={(v) => field.onChange(typeof v === 'number' ? v : 0)}
                      formatter={(v) => (v === undefined || v === null || String(v) === '' ? '' : formatNumber(Number(v)))}
                      parser={(v) => Number((v ?? '').replace(/\D/g, '')) || 0}
                      style={{ width: '100%' }}
                      status={fieldState.error ? 'error' : undefined}
                    />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24}>
              <Controller
                control={control}
                name="supplementMode"
                render={({ field }) => (
                  <FormField label={t('procedure.supplementMode')} labelId="pf-supplement-label">
                    <Radio.Group
                      aria-labelledby="pf-supplement-label"
                      value={field.value}
                      onChange={(e) => field.onChange(e.target.value)}
                      options={(['law', 'pause', 'restart'] as const).map((m) => ({ value: m, label: t(`supplementMode.${m}`) }))}
                    />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} md={12}>
              <Controller
                control={control}
                name="cutoffKind"
                render={({ field }) => (
                  <FormField label={t('procedure.cutoff')} labelId="pf-cutoff-label">
                    <Radio.Group
                      aria-labelledby="pf-cutoff-label"
                      value={field.value}
                      onChange={(e) => field.onChange(e.target.value)}
                      className="cv-radio-column"
                      options={(['none', 'time', 'last-working-hours'] as const).map((k) => ({ value: k, label: t(`cutoff.${k}`) }))}
                    />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} md={12}>
              {cutoffKind === 'time' ? (
                <Controller
                  control={control}
                  name="cutoffAt"
                  render={({ field, fieldState }) => (
                    <FormField label={t('cutoff.at')} htmlFor="pf-cutoff-at" required error={fieldState.error?.message}>
                      <Input {...field} id="pf-cutoff-at" inputMode="numeric" maxLength={5} placeholder="15:00" style={{ maxWidth: 140 }} />
                    </FormField>
                  )}
                />
              ) : null}
              {cutoffKind === 'last-working-hours' ? (
                <Controller
                  control={control}
                  name="cutoffHours"
                  render={({ field, fieldState }) => (
                    <FormField label={t('cutoff.hours')} htmlFor="pf-cutoff-hours" required error={fieldState.error?.message}>
                      <InputNumber id="pf-cutoff-hours" min={0.5} max={8} step={0.5} value={field.value} onChange={(v) => field.onChange(typeof v === 'number' ? v : null)} />
                    </FormField>
                  )}
                />
              ) : null}
            </Col>
          </Row>

          <Typography.Title level={2} className="cv-form-section">
            {t('procedure.sectionDocs')}
          </Typography.Title>
          <div className="cv-doc-grid cv-doc-grid-edit" data-testid="procedure-docs">
            <div className="cv-doc-head" aria-hidden>
              <span>{t('doc.name')}</span>
              <span>{t('doc.originals')}</span>
              <span>{t('doc.copies')}</span>
              <span />
            </div>
            {docs.fields.map((row, i) => (
              <div className="cv-doc-row" key={row.id}>
                <div className="cv-doc-name">
                  <Controller
                    control={control}
                    name={`requiredDocuments.${i}.name`}
                    render={({ field, fieldState }) => (
                      <Input.TextArea
                        {...field}
                        id={`pf-doc-${i}-name`}
                        aria-label={`${t('doc.name')} ${i + 1}`}
                        autoSize={{ minRows: 1, maxRows: 3 }}
                        status={fieldState.error ? 'error' : undefined}
                      />
                    )}
                  />
                </div>
                {(['originals', 'copies'] as const).map((k) => (
                  <div className="cv-doc-num" key={k}>
                    <label className="cv-doc-mlabel" htmlFor={`pf-doc-${i}-${k}`}>
                      {t(`doc.${k}`)}
                    </label>
                    <Controller
                      control={control}
                      name={`requiredDocuments.${i}.${k}`}
                      render={({ field }) => (
                        <InputNumber
                          id={`pf-doc-${i}-${k}`}
                          min={0}
                          max={20}
                          precision={0}
                          value={field.value ?? 0}
                          onChange={(v) => field.onChange(typeof v === 'number' ? v : 0)}
                          style={{ width: '100%' }}
                        />
                      )}
                    />
                  </div>
                ))}
                <div className="cv-doc-checks">
                  <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t('doc.remove')} ${i + 1}`} onClick={() => docs.remove(i)} />
                </div>
              </div>
            ))}
          </div>
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => docs.append({ name: '', originals: 1, copies: 0 })} className="cv-doc-add">
            {t('doc.add')}
          </Button>
        </form>
      </Form>
    </Drawer>
  );
}
