import { DeleteOutlined, ExclamationCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App as AntApp, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { Controller, useFieldArray, useForm, useWatch, type Control, type FieldErrors } from 'react-hook-form';
import { z } from 'zod';
import type { TDossier, TDossierActionRequest } from '../../../shared/schemas/dossiers.ts';
import { isApiError } from '../../api/client.ts';
import { useDossierAction, useSupplementRequest } from '../../api/dossiers.queries.ts';
import { useOfficials } from '../../api/officials.queries.ts';
import { FormField } from '../../components/form-field.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT, type TFunction, type TKey } from '../../i18n/i18n.tsx';
import { foldDiacritics } from '../../lib/fold.ts';
import { formatNumber, vnIso, vnWallClock } from '../../lib/format.ts';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';

/** Actions the screen knows how to offer (the server lists the allowed ones). */
export type ActionType = TDossierActionRequest['type'] | 'request_supplement';

const ORDER: ActionType[] = [
  'receive',
  'assign',
  'request_supplement',
  'complete_supplement',
  'propose',
  'decide',
  'request_payment',
  'record_payment',
  'return_result',
  'apologize',
  'record_visit',
  'refuse_reception',
  'withdraw',
  'stop',
  'close_incomplete',
];
const PRIMARY = new Set<ActionType>(['receive', 'assign', 'complete_supplement', 'propose', 'decide', 'return_result']);
const DANGER = new Set<ActionType>(['refuse_reception', 'withdraw', 'stop', 'close_incomplete']);
const CONFIRM_ONLY = new Set<ActionType>(['receive', 'complete_supplement', 'return_result', 'close_incomplete']);

const actionKey = (a: ActionType): TKey => `action.${a}`;

const STATUS_CODES_3KHONG = new Set(['SUPPLEMENT_ALREADY_REQUESTED', 'APOLOGY_ALREADY_SENT', 'APOLOGY_TOO_LATE']);

/** A refusal of the "3 không" rules, shown large: the official must not miss it. */
function RuleRefusal({ error, title }: { error: unknown; title: string }) {
  if (!isApiError(error) || !STATUS_CODES_3KHONG.has(error.code)) return null;
  return (
    <Alert
      type="error"
      showIcon
      icon={<ExclamationCircleOutlined aria-hidden />}
      role="alert"
      className="cv-rule-alert"
      title={title}
      description={error.problem.detail}
      data-testid="rule-refusal"
    />
  );
}

// ---------------------------------------------------------------- generic actions

interface ActionValues {
  handlerId: string;
  outcome: 'approved' | 'rejected';
  note: string;
  reasons: { value: string }[];
  reason: string;
  amountVnd: number | null;
  method: 'cash' | 'transfer' | 'online';
  /** Vietnam wall clock "YYYY-MM-DD HH:mm". */
  newDueAt: string | null;
  purpose: string;
}

const FIELDS = ['handlerId', 'outcome', 'note', 'reasons', 'reason', 'amountVnd', 'method', 'newDueAt', 'purpose'];

function makeSchema(type: ActionType, t: TFunction) {
  return z
    .object({
      handlerId: z.string(),
      outcome: z.enum(['approved', 'rejected']),
      note: z.string().max(1000),
      reasons: z.array(z.object({ value: z.string().max(500) })),
      reason: z.string().max(1000),
      amountVnd: z.number().nullable(),
      method: z.enum(['cash', 'transfer', 'online']),
      newDueAt: z.string().nullable(),
      purpose: z.string().max(300),
    })
    .superRefine((v, ctx) => {
      const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      const filled = v.reasons.filter((r) => r.value.trim()).length;
      switch (type) {
        case 'assign':
          if (!v.handlerId) need('handlerId', t('common.requiredChoose'));
          break;
        case 'decide':
          if (v.outcome === 'rejected' && filled === 0) need('reasons', t('action.reasonsRequired'));
          break;
        case 'refuse_reception':
          if (filled === 0) need('reasons', t('action.reasonsRequired'));
          break;
        case 'withdraw':
        case 'stop':
          if (!v.reason.trim()) need('reason', t('common.required'));
          break;
        case 'apologize':
          if (!v.reason.trim()) need('reason', t('common.required'));
          if (!v.newDueAt) need('newDueAt', t('action.newDueRequired'));
          break;
        case 'request_payment':
        case 'record_payment':
          if (!v.amountVnd || v.amountVnd <= 0) need('amountVnd', t('common.required'));
          break;
        case 'record_visit':
          if (!v.purpose.trim()) need('purpose', t('common.required'));
          break;
        default:
          break;
      }
    });
}

function toRequest(type: Exclude<ActionType, 'request_supplement'>, v: ActionValues): TDossierActionRequest {
  const reasons = v.reasons.map((r) => r.value.trim()).filter(Boolean);
  switch (type) {
    case 'assign':
      return { type, handlerId: v.handlerId };
    case 'propose':
      return { type, outcome: v.outcome, note: v.note.trim() || null };
    case 'decide':
      return v.outcome === 'rejected' ? { type, outcome: v.outcome, reasons } : { type, outcome: v.outcome };
    case 'refuse_reception':
      return { type, reasons };
    case 'withdraw':
    case 'stop':
      return { type, reason: v.reason };
    case 'apologize': {
      const [date = '', time = '17:00'] = (v.newDueAt ?? '').split(' ');
      return { type, newDueAt: vnIso(date, time), reason: v.reason };
    }
    case 'request_payment':
      return { type, amountVnd: v.amountVnd ?? 0 };
    case 'record_payment':
      return { type, amountVnd: v.amountVnd ?? 0, method: v.method };
    case 'record_visit':
      return { type, purpose: v.purpose };
    default:
      return { type } as TDossierActionRequest;
  }
}

function defaultsFor(dossier: TDossier): ActionValues {
  const due = dossier.dueAt ? vnWallClock(new Date(Date.parse(dossier.dueAt) + 5 * 86_400_000)) : null;
  const owed = Math.max(0, dossier.feeVnd - dossier.paidVnd);
  return {
    handlerId: dossier.handlerId ?? '',
    outcome: 'approved',
    note: '',
    reasons: [{ value: '' }],
    reason: '',
    amountVnd: owed > 0 ? owed : null,
    method: 'cash',
    newDueAt: due ? `${due.date} ${due.time}` : null,
    purpose: '',
  };
}

function ReasonsField({ control, errors, label }: { control: Control<ActionValues>; errors: FieldErrors<ActionValues>; label: string }) {
  const t = useT();
  const rows = useFieldArray({ control, name: 'reasons' });
  const rootError = errors.reasons?.message ?? errors.reasons?.root?.message;
  return (
    <fieldset className="cv-fieldset">
      <legend className="cv-field-label">{label}</legend>
      {rows.fields.map((row, i) => (
        <div className="cv-list-row" key={row.id}>
          <Controller
            control={control}
            name={`reasons.${i}.value`}
            render={({ field }) => (
              <Input.TextArea
                {...field}
                id={`act-reason-${i}`}
                aria-label={t('action.reasonN', { n: i + 1 })}
                autoSize={{ minRows: 1, maxRows: 4 }}
                status={rootError ? 'error' : undefined}
              />
            )}
          />
          {rows.fields.length > 1 ? (
            <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('action.removeReason', { n: i + 1 })} onClick={() => rows.remove(i)} />
          ) : null}
        </div>
      ))}
      {rootError ? (
        <div className="ant-form-item-explain-error" role="alert">
          {rootError}
        </div>
      ) : null}
      <Button icon={<PlusOutlined aria-hidden />} size="small" onClick={() => rows.append({ value: '' })} className="cv-list-add">
        {t('action.addReason')}
      </Button>
    </fieldset>
  );
}

function OfficialField({ control, unitId }: { control: Control<ActionValues>; unitId: string }) {
  const t = useT();
  const officials = useOfficials({ unitId, limit: 200 });
  const options = (officials.data?.pages.flatMap((p) => p.items) ?? [])
    .filter((o) => o.active)
    .map((o) => ({
      value: o.id,
      label: o.positionTitle ? `${o.fullName} — ${o.positionTitle}` : o.fullName,
      search: foldDiacritics(`${o.fullName} ${o.positionTitle ?? ''} ${o.unitName}`),
    }));
  return (
    <Controller
      control={control}
      name="handlerId"
      render={({ field, fieldState }) => (
        <FormField label={t('action.official')} htmlFor="act-handler" required error={fieldState.error?.message}>
          <Select
            id="act-handler"
            value={field.value || undefined}
            onChange={(v: string) => field.onChange(v)}
            placeholder={t('action.officialPlaceholder')}
            loading={officials.isPending}
            options={options}
            showSearch={{ filterOption: (input, option) => foldDiacritics(input).split(' ').every((w) => (option?.search ?? '').includes(w)) }}
            status={fieldState.error ? 'error' : undefined}
            popupMatchSelectWidth={false}
            style={{ width: '100%' }}
            data-testid="act-handler"
          />
        </FormField>
      )}
    />
  );
}

function ActionModal({ dossier, type, onClose }: { dossier: TDossier; type: Exclude<ActionType, 'request_supplement'>; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const act = useDossierAction(dossier.id);
  const [leftover, setLeftover] = useState<string[]>([]);
  const resolver = useMemo(() => zodResolver(makeSchema(type, t), { error: formErrorMap(t) }), [type, t]);
  const { control, handleSubmit, setError, formState } = useForm<ActionValues>({ resolver, defaultValues: defaultsFor(dossier) });
  const outcome = useWatch({ control, name: 'outcome' });
  const title = t(actionKey(type));

  const onSubmit = handleSubmit((values) => {
    setLeftover([]);
    act.mutate(toRequest(type, values), {
      onSuccess: () => {
        void message.success(t('action.done'));
        onClose();
      },
      onError: (error) => setLeftover(applyServerErrors(error, setError, FIELDS)),
    });
  });

  const outcomeField = (
    <Controller
      control={control}
      name="outcome"
      render={({ field }) => (
        <FormField label={t('action.outcome')} labelId="act-outcome-label">
          <Radio.Group
            aria-labelledby="act-outcome-label"
            value={field.value}
            onChange={(e) => field.onChange(e.target.value)}
            options={[
              { value: 'approved', label: t('outcome.approved') },
              { value: 'rejected', label: t('outcome.rejected') },
            ]}
          />
        </FormField>
      )}
    />
  );
  const reasonField = (label: string) => (
    <Controller
      control={control}
      name="reason"
      render={({ field, fieldState }) => (
        <FormField label={label} htmlFor="act-reason" required error={fieldState.error?.message}>
          <Input.TextArea {...field} id="act-reason" autoSize={{ minRows: 2, maxRows: 6 }} status={fieldState.error ? 'error' : undefined} />
        </FormField>
      )}
    />
  );
  const amountField = (
    <Controller
      control={control}
      name="amountVnd"
      render={({ field, fieldState }) => (
        <FormField label={t('action.amount')} htmlFor="act-amount" required error={fieldState.error?.message}>
          <InputNumber
            id="act-amount"
            min={1}
            precision={0}
            step={1000}
            value={field.value}
            onChange={(v) => field.onChange(typeof v === 'number' ? v : null)}
            formatter={(v) => (v === undefined || v === null || String(v) === '' ? '' : formatNumber(Number(v)))}
            parser={(v) => Number((v ?? '').replace(/\D/g, '')) || 0}
            style={{ width: '100%' }}
            status={fieldState.error ? 'error' : undefined}
          />
        </FormField>
      )}
    />
  );

  let body: ReactNode = null;
  if (CONFIRM_ONLY.has(type)) {
    body = <Typography.Paragraph>{t(`action.confirmText.${type}` as TKey)}</Typography.Paragraph>;
  } else if (type === 'assign') {
    body = <OfficialField control={control} unitId={dossier.unitId} />;
  } else if (type === 'propose') {
    body = (
      <>
        {outcomeField}
        <Controller
          control={control}
          name="note"
          render={({ field, fieldState }) => (
            <FormField label={t('action.note')} htmlFor="act-note" error={fieldState.error?.message}>
              <Input.TextArea {...field} id="act-note" autoSize={{ minRows: 2, maxRows: 6 }} />
            </FormField>
          )}
        />
      </>
    );
  } else if (type === 'decide') {
    body = (
      <>
        {outcomeField}
        {outcome === 'rejected' ? <ReasonsField control={control} errors={formState.errors} label={t('action.reasons')} /> : null}
      </>
    );
  } else if (type === 'refuse_reception') {
    body = <ReasonsField control={control} errors={formState.errors} label={t('action.reasons')} />;
  } else if (type === 'withdraw' || type === 'stop') {
    body = reasonField(t('action.reason'));
  } else if (type === 'request_payment') {
    body = amountField;
  } else if (type === 'record_payment') {
    body = (
      <>
        {amountField}
        <Controller
          control={control}
          name="method"
          render={({ field }) => (
            <FormField label={t('action.method')} labelId="act-method-label">
              <Radio.Group
                aria-labelledby="act-method-label"
                value={field.value}
                onChange={(e) => field.onChange(e.target.value)}
                options={(['cash', 'transfer', 'online'] as const).map((m) => ({ value: m, label: t(`payment.${m}`) }))}
              />
            </FormField>
          )}
        />
      </>
    );
  } else if (type === 'apologize') {
    body = (
      <>
        <Alert type="info" showIcon title={t('action.apologyHint')} style={{ marginBottom: 16 }} />
        <Controller
          control={control}
          name="newDueAt"
          render={({ field, fieldState }) => (
            <FormField label={t('action.newDueAt')} htmlFor="act-newDueAt" required error={fieldState.error?.message}>
              <DatePicker
                id="act-newDueAt"
                showTime={{ format: 'HH:mm', minuteStep: 15 }}
                format="DD/MM/YYYY HH:mm"
                placeholder={t('action.newDueAtPlaceholder')}
                value={field.value ? dayjs(field.value, 'YYYY-MM-DD HH:mm') : null}
                onChange={(d) => field.onChange(d ? d.format('YYYY-MM-DD HH:mm') : null)}
                disabledDate={(d) => {
                  const due = dossier.dueAt ? vnWallClock(dossier.dueAt)?.date : undefined;
                  return Boolean(due && d.format('YYYY-MM-DD') < due);
                }}
                status={fieldState.error ? 'error' : undefined}
                style={{ width: '100%' }}
              />
            </FormField>
          )}
        />
        {reasonField(t('action.reason'))}
      </>
    );
  } else if (type === 'record_visit') {
    body = (
      <Controller
        control={control}
        name="purpose"
        render={({ field, fieldState }) => (
          <FormField label={t('action.purpose')} htmlFor="act-purpose" required error={fieldState.error?.message}>
            <Input {...field} id="act-purpose" status={fieldState.error ? 'error' : undefined} />
          </FormField>
        )}
      />
    );
  }

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            danger={DANGER.has(type)}
            htmlType="submit"
            form={`action-form-${type}`}
            loading={act.isPending}
            data-testid="action-submit"
          >
            {title}
          </Button>
        </Space>
      }
    >
      <RuleRefusal error={act.error} title={isApiError(act.error) && act.error.code.startsWith('APOLOGY_') ? t('apology.rule') : t('supplement.rule')} />
      {isApiError(act.error) && STATUS_CODES_3KHONG.has(act.error.code) ? null : <ProblemAlert error={act.error} extra={leftover} />}
      <Form component={false} layout="vertical">
        <form id={`action-form-${type}`} data-testid={`action-form-${type}`} onSubmit={onSubmit} noValidate aria-label={title}>
          {body}
        </form>
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------- supplement request (once)

const ZSupplementForm = z.object({
  items: z.array(z.object({ value: z.string().max(500) })),
  note: z.string().max(2000),
});
type SupplementValues = z.infer<typeof ZSupplementForm>;

function SupplementModal({ dossier, onClose }: { dossier: TDossier; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const request = useSupplementRequest(dossier.id);
  const [leftover, setLeftover] = useState<string[]>([]);
  const schema = useMemo(
    () =>
      ZSupplementForm.superRefine((v, ctx) => {
        if (!v.items.some((i) => i.value.trim())) ctx.addIssue({ code: 'custom', path: ['items'], message: t('common.required') });
      }),
    [t],
  );
  const resolver = useMemo(() => zodResolver(schema, { error: formErrorMap(t) }), [schema, t]);
  const { control, handleSubmit, setError, formState } = useForm<SupplementValues>({
    resolver,
    defaultValues: { items: [{ value: '' }, { value: '' }], note: '' },
  });
  const rows = useFieldArray({ control, name: 'items' });
  const itemsError = formState.errors.items?.message ?? formState.errors.items?.root?.message;

  const onSubmit = handleSubmit((values) => {
    setLeftover([]);
    const items = values.items.map((i) => i.value.trim()).filter(Boolean);
    request.mutate(
      { items, note: values.note.trim() || null },
      {
        onSuccess: () => {
          void message.success(t('supplement.sent'));
          onClose();
        },
        onError: (error) => setLeftover(applyServerErrors(error, setError, ['items', 'note'])),
      },
    );
  });

  const refused = isApiError(request.error) && STATUS_CODES_3KHONG.has(request.error.code);
  return (
    <Modal
      open
      title={t('supplement.title')}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      footer={
        <Space>
          <Button onClick={onClose}>{refused ? t('common.close') : t('common.cancel')}</Button>
          {refused ? null : (
            <Button type="primary" htmlType="submit" form="supplement-form" loading={request.isPending} data-testid="supplement-submit">
              {t('supplement.submit')}
            </Button>
          )}
        </Space>
      }
    >
      <RuleRefusal error={request.error} title={t('supplement.refusedTitle')} />
      {refused ? null : (
        <>
          <Alert type="warning" showIcon className="cv-once-warning" title={t('supplement.rule')} description={t('supplement.warning')} data-testid="supplement-warning" />
          <ProblemAlert error={request.error} extra={leftover} />
          <Form component={false} layout="vertical">
            <form id="supplement-form" data-testid="supplement-form" onSubmit={onSubmit} noValidate aria-label={t('supplement.title')}>
              <fieldset className="cv-fieldset">
                <legend className="cv-field-label">{t('supplement.items')}</legend>
                <ol className="cv-numbered-rows">
                  {rows.fields.map((row, i) => (
                    <li className="cv-list-row" key={row.id}>
                      <span className="cv-row-num" aria-hidden>
                        {i + 1}.
                      </span>
                      <Controller
                        control={control}
                        name={`items.${i}.value`}
                        render={({ field }) => (
                          <Input
                            {...field}
                            id={`sup-item-${i}`}
                            aria-label={t('supplement.item', { n: i + 1 })}
                            status={itemsError ? 'error' : undefined}
                            data-testid="supplement-item"
                          />
                        )}
                      />
                      {rows.fields.length > 1 ? (
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined aria-hidden />}
                          aria-label={t('supplement.removeItem', { n: i + 1 })}
                          onClick={() => rows.remove(i)}
                        />
                      ) : null}
                    </li>
                  ))}
                </ol>
                {itemsError ? (
                  <div className="ant-form-item-explain-error" role="alert">
                    {itemsError}
                  </div>
                ) : null}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => rows.append({ value: '' })} className="cv-list-add" data-testid="supplement-add">
                  {t('supplement.addItem')}
                </Button>
              </fieldset>
              <Controller
                control={control}
                name="note"
                render={({ field, fieldState }) => (
                  <FormField label={t('supplement.note')} htmlFor="sup-note" error={fieldState.error?.message}>
                    <Input.TextArea {...field} id="sup-note" autoSize={{ minRows: 2, maxRows: 6 }} />
                  </FormField>
                )}
              />
            </form>
          </Form>
        </>
      )}
    </Modal>
  );
}

// ---------------------------------------------------------------- the buttons and the dialog

/**
 * The buttons of the allowed actions. The page keeps which dialog is open (see DossierActionDialog),
 * so moving this card between layouts (phone ↔ desktop) never closes a dialog being filled in.
 */
export function DossierActions({ dossier, onOpen }: { dossier: TDossier; onOpen: (action: ActionType) => void }) {
  const t = useT();
  const allowed = new Set(dossier.allowedActions);
  const actions = ORDER.filter((a) => allowed.has(a));
  return (
    <div data-testid="dossier-actions">
      {actions.length ? (
        <div className="cv-action-buttons">
          {actions.map((a) => (
            <Button
              key={a}
              type={PRIMARY.has(a) ? 'primary' : 'default'}
              danger={DANGER.has(a)}
              onClick={() => onOpen(a)}
              data-testid={`action-${a}`}
              block
            >
              {t(actionKey(a))}
            </Button>
          ))}
        </div>
      ) : (
        <Typography.Paragraph type="secondary">{t('dossier.noActions')}</Typography.Paragraph>
      )}
      {dossier.supplementCount > 0 ? (
        <Alert type="info" showIcon className="cv-once-note" title={t('dossier.supplementOnce')} data-testid="supplement-once" />
      ) : null}
      {dossier.apologyCount > 0 ? <Alert type="info" showIcon className="cv-once-note" title={t('dossier.apologyOnce')} /> : null}
    </div>
  );
}

/** The dialog of the open action, if any. */
export function DossierActionDialog({ dossier, open, onClose }: { dossier: TDossier; open: ActionType | null; onClose: () => void }) {
  if (open === 'request_supplement') return <SupplementModal dossier={dossier} onClose={onClose} />;
  if (open) return <ActionModal key={open} dossier={dossier} type={open} onClose={onClose} />;
  return null;
}
