import {
  CheckCircleFilled,
  ClockCircleOutlined,
  CopyOutlined,
  FrownOutlined,
  LikeOutlined,
  MessageOutlined,
  RightOutlined,
  SendOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { App as AntApp, Button, Input, Select, Switch } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Controller, useForm, useWatch, type DefaultValues } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { ApiError, isApiError } from '../../api/client.ts';
import { COMPLAINT_KINDS, useFileComplaint, usePublicUnits, type ComplaintKind } from '../../api/oversight.queries.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT, type TFunction, type TKey } from '../../i18n/i18n.tsx';
import { foldDiacritics } from '../../lib/fold.ts';
import { formatDateTime, vnWeekday } from '../../lib/format.ts';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';
import { ComplaintTrackForm } from './complaint-track.tsx';
import '../oversight/oversight.css';

const KIND_ICON: Record<ComplaintKind, ReactNode> = {
  harassment: <WarningOutlined aria-hidden />,
  delay: <ClockCircleOutlined aria-hidden />,
  attitude: <FrownOutlined aria-hidden />,
  praise: <LikeOutlined aria-hidden />,
  other: <MessageOutlined aria-hidden />,
};

/** Phones are typed with spaces, dots or dashes ("0912 345 678"); the server wants the digits. */
const cleanPhone = (s: string) => s.replace(/[\s.\-()]/g, '');

const makeSchema = (t: TFunction) =>
  z
    .object({
      kind: z.enum(['harassment', 'delay', 'attitude', 'praise', 'other'], { error: t('complaint.kindRequired') }),
      description: z.string().trim().min(10, t('complaint.descriptionShort')).max(4000),
      unitId: z.string().nullable(),
      officialName: z.string().trim().max(200),
      dossierCode: z.string().trim().max(60),
      anonymous: z.boolean(),
      name: z.string().trim().max(200),
      phone: z.string(),
      email: z.string().trim(),
    })
    .superRefine((v, ctx) => {
      if (v.anonymous) return;
      const phone = cleanPhone(v.phone);
      if (phone && !/^(\+84|0)\d{9,10}$/.test(phone)) ctx.addIssue({ code: 'custom', path: ['phone'], message: t('complaint.phoneInvalid') });
      if (v.email && !z.email().safeParse(v.email).success) ctx.addIssue({ code: 'custom', path: ['email'], message: t('complaint.emailInvalid') });
      if (!phone && !v.email) ctx.addIssue({ code: 'custom', path: ['phone'], message: t('complaint.contactRequired') });
    });
type Values = z.input<ReturnType<typeof makeSchema>>;

const EMPTY: DefaultValues<Values> = {
  description: '',
  unitId: null,
  officialName: '',
  dossierCode: '',
  anonymous: false,
  name: '',
  phone: '',
  email: '',
};

interface Sent {
  trackingCode: string;
  responseDueAt: string;
  kind: ComplaintKind;
}

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <div id={id} className="cv-public-error" role="alert">
      {message}
    </div>
  );
}

function Success({ sent, onAnother }: { sent: Sent; onAnother: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    window.scrollTo({ top: 0 });
    heading.current?.focus();
  }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(sent.trackingCode);
      void message.success(t('common.copied'));
    } catch {
      const range = document.createRange();
      const node = document.getElementById('complaint-code');
      if (node) {
        range.selectNodeContents(node);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
      }
    }
  };
  const due = `${t(`weekday.${vnWeekday(sent.responseDueAt)}` as TKey)}, ${formatDateTime(sent.responseDueAt)}`;
  const followUrl = `/phan-anh/${encodeURIComponent(sent.trackingCode)}`;
  return (
    <section className="cv-public-card cv-ov-sent" role="status" aria-labelledby="complaint-sent-title" data-testid="complaint-success">
      <CheckCircleFilled aria-hidden className="cv-ov-sent-icon" />
      <h1 id="complaint-sent-title" className="cv-public-h1" tabIndex={-1} ref={heading}>
        {sent.kind === 'praise' ? t('complaint.sentPraiseTitle') : t('complaint.sentTitle')}
      </h1>
      <div className="cv-ov-sent-label">{t('complaint.codeLabel')}</div>
      <div id="complaint-code" className="cv-ov-sent-code cv-mono" data-testid="complaint-code">
        {sent.trackingCode}
      </div>
      <Button size="large" icon={<CopyOutlined aria-hidden />} onClick={() => void copy()} aria-label={t('complaint.copyCode')} data-testid="complaint-copy">
        {t('common.copy')}
      </Button>
      <p className="cv-public-lead cv-ov-sent-hint">{t('complaint.codeHint')}</p>
      {sent.kind !== 'praise' ? (
        <p className="cv-public-lead">
          <strong data-testid="complaint-due">{t('complaint.dueLine', { date: due })}</strong>
        </p>
      ) : null}
      <div className="cv-ov-sent-actions">
        <Button
          type="primary"
          size="large"
          href={followUrl}
          onClick={(e) => {
            e.preventDefault();
            void navigate(followUrl);
          }}
          data-testid="complaint-follow"
        >
          {t('complaint.follow')} <RightOutlined aria-hidden />
        </Button>
        <Button size="large" onClick={onAnother} data-testid="complaint-another">
          {t('complaint.another')}
        </Button>
      </div>
    </section>
  );
}

export default function ComplaintFormPage() {
  const t = useT();
  const units = usePublicUnits();
  const file = useFileComplaint();
  const [sent, setSent] = useState<Sent | null>(null);
  const [leftover, setLeftover] = useState<string[]>([]);
  const resolver = useMemo(() => zodResolver(makeSchema(t), { error: formErrorMap(t) }), [t]);
  const { control, handleSubmit, setError, reset, formState } = useForm<Values>({ resolver, defaultValues: EMPTY });
  const kind = useWatch({ control, name: 'kind' });
  const anonymous = useWatch({ control, name: 'anonymous' });
  const unitOptions = useMemo(() => (units.data ?? []).map((u) => ({ value: u.id, label: u.name, search: foldDiacritics(u.name) })), [units.data]);

  const onSubmit = handleSubmit((v) => {
    setLeftover([]);
    const phone = cleanPhone(v.phone);
    file.mutate(
      {
        kind: v.kind,
        description: v.description.trim(),
        unitId: v.unitId || null,
        officialName: v.officialName.trim() || null,
        dossierCode: v.dossierCode.trim() || null,
        anonymous: v.anonymous,
        contact: v.anonymous ? null : { name: v.name.trim() || null, phone: phone || null, email: v.email.trim() || null },
      },
      {
        onSuccess: (res) => setSent({ ...res, kind: v.kind }),
        onError: (error) => {
          // "contact" (neither phone nor email) belongs under the phone box.
          const mapped = isApiError(error)
            ? new ApiError({ ...error.problem, errors: error.fieldErrors.map((e) => ({ ...e, field: e.field.replace(/^(body\.)?contact(\.phone)?$/, 'phone').replace(/^(body\.)?contact\.email$/, 'email') })) })
            : error;
          setLeftover(applyServerErrors(mapped, setError, ['kind', 'description', 'unitId', 'officialName', 'dossierCode', 'phone', 'email', 'name']));
        },
      },
    );
  });

  if (sent) {
    return (
      <div data-testid="complaint-page">
        <Success
          sent={sent}
          onAnother={() => {
            setSent(null);
            file.reset();
            reset(EMPTY);
          }}
        />
      </div>
    );
  }

  const duplicate = isApiError(file.error) && file.error.code === 'DUPLICATE_COMPLAINT' ? /PA-\d{6}-[A-Z2-9]{5}/.exec(file.error.problem.detail)?.[0] : undefined;
  const err = formState.errors;
  return (
    <div data-testid="complaint-page">
      <section className="cv-public-card" aria-labelledby="complaint-title">
        <h1 id="complaint-title" className="cv-public-h1">
          {t('complaint.formTitle')}
        </h1>
        <p className="cv-public-lead">{t('complaint.intro')}</p>
      </section>

      <form onSubmit={onSubmit} noValidate aria-labelledby="complaint-title" data-testid="complaint-form">
        <section className="cv-public-card">
          <Controller
            control={control}
            name="kind"
            render={({ field }) => (
              <fieldset className="cv-faces-fieldset" aria-describedby={err.kind ? 'complaint-kind-error' : undefined}>
                <legend className="cv-public-label">{t('complaint.kindLabel')}</legend>
                <div className="cv-ov-kinds">
                  {COMPLAINT_KINDS.map((k) => (
                    <label key={k} className={`cv-ov-kind cv-ov-kind-${k}${field.value === k ? ' is-checked' : ''}`} data-testid={`complaint-kind-${k}`}>
                      <input type="radio" name="complaint-kind" value={k} checked={field.value === k} onChange={() => field.onChange(k)} className="cv-face-input" />
                      <span className="cv-ov-kind-icon">{KIND_ICON[k]}</span>
                      <span className="cv-ov-kind-text">
                        <span className="cv-ov-kind-name">{t(`complaint.kind.${k}`)}</span>
                        <span className="cv-ov-kind-desc">{t(`complaint.kindDesc.${k}`)}</span>
                      </span>
                    </label>
                  ))}
                </div>
                <FieldError id="complaint-kind-error" message={err.kind?.message} />
              </fieldset>
            )}
          />
        </section>

        <section className="cv-public-card">
          <Controller
            control={control}
            name="description"
            render={({ field, fieldState }) => (
              <div className="cv-public-field">
                <label htmlFor="complaint-description" className="cv-public-label">
                  {t('complaint.description')}
                </label>
                <Input.TextArea
                  {...field}
                  id="complaint-description"
                  autoSize={{ minRows: 4, maxRows: 12 }}
                  maxLength={4000}
                  aria-required
                  aria-invalid={fieldState.error ? true : undefined}
                  aria-describedby="complaint-description-help"
                  status={fieldState.error ? 'error' : undefined}
                  className="cv-public-textarea"
                  data-testid="complaint-description"
                />
                <div id="complaint-description-help" className={fieldState.error ? 'cv-public-error' : 'cv-public-help'} role={fieldState.error ? 'alert' : undefined}>
                  {fieldState.error?.message ?? t(kind === 'praise' ? 'complaint.descriptionPraiseHelp' : 'complaint.descriptionHelp')}
                </div>
              </div>
            )}
          />
          <Controller
            control={control}
            name="unitId"
            render={({ field }) => (
              <div className="cv-public-field">
                <label htmlFor="complaint-unit" className="cv-public-label">
                  {t('complaint.unit')} <span className="cv-ov-optional">({t('complaint.optional')})</span>
                </label>
                <Select<string | null, { value: string; label: string; search: string }>
                  id="complaint-unit"
                  size="large"
                  allowClear
                  value={field.value}
                  onChange={(v) => field.onChange(v ?? null)}
                  options={unitOptions}
                  loading={units.isPending}
                  placeholder={t('complaint.unitPlaceholder')}
                  notFoundContent={t('complaint.noUnit')}
                  showSearch={{ filterOption: (input, o) => foldDiacritics(input).split(' ').every((w) => (o?.search ?? '').includes(w)) }}
                  aria-describedby="complaint-unit-help"
                  listHeight={320}
                  style={{ width: '100%' }}
                  className="cv-ov-public-select"
                  data-testid="complaint-unit"
                />
                <div id="complaint-unit-help" className="cv-public-help">
                  {t('complaint.unitHelp')}
                </div>
              </div>
            )}
          />
          <Controller
            control={control}
            name="officialName"
            render={({ field, fieldState }) => (
              <div className="cv-public-field">
                <label htmlFor="complaint-official" className="cv-public-label">
                  {t('complaint.official')}
                </label>
                <Input {...field} id="complaint-official" size="large" maxLength={200} autoComplete="off" status={fieldState.error ? 'error' : undefined} className="cv-ov-public-input" />
                <FieldError id="complaint-official-error" message={fieldState.error?.message} />
              </div>
            )}
          />
          <Controller
            control={control}
            name="dossierCode"
            render={({ field, fieldState }) => (
              <div className="cv-public-field">
                <label htmlFor="complaint-dossier" className="cv-public-label">
                  {t('complaint.dossierCode')}
                </label>
                <Input
                  {...field}
                  id="complaint-dossier"
                  size="large"
                  maxLength={60}
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  aria-describedby="complaint-dossier-help"
                  status={fieldState.error ? 'error' : undefined}
                  className="cv-ov-public-input cv-mono"
                />
                <div id="complaint-dossier-help" className={fieldState.error ? 'cv-public-error' : 'cv-public-help'}>
                  {fieldState.error?.message ?? t('complaint.dossierHelp')}
                </div>
              </div>
            )}
          />
        </section>

        <section className="cv-public-card" aria-labelledby="complaint-contact-title">
          <Controller
            control={control}
            name="anonymous"
            render={({ field }) => (
              <div className="cv-ov-anon">
                <Switch id="complaint-anonymous" checked={field.value} onChange={field.onChange} aria-describedby="complaint-anonymous-help" data-testid="complaint-anonymous" />
                <div>
                  <label htmlFor="complaint-anonymous" className="cv-public-label cv-ov-anon-label">
                    {t('complaint.anonymous')}
                  </label>
                  <div id="complaint-anonymous-help" className="cv-public-help cv-ov-anon-help">
                    {t('complaint.anonymousHelp')}
                  </div>
                </div>
              </div>
            )}
          />
          {anonymous ? null : (
            <div className="cv-ov-contact" data-testid="complaint-contact">
              <h2 id="complaint-contact-title" className="cv-public-h2">
                {t('complaint.contactTitle')}
              </h2>
              <p className="cv-public-help">{t('complaint.contactHelp')}</p>
              <Controller
                control={control}
                name="name"
                render={({ field }) => (
                  <div className="cv-public-field">
                    <label htmlFor="complaint-name" className="cv-public-label">
                      {t('complaint.name')}
                    </label>
                    <Input {...field} id="complaint-name" size="large" maxLength={200} autoComplete="name" className="cv-ov-public-input" />
                  </div>
                )}
              />
              <Controller
                control={control}
                name="phone"
                render={({ field, fieldState }) => (
                  <div className="cv-public-field">
                    <label htmlFor="complaint-phone" className="cv-public-label">
                      {t('complaint.phone')}
                    </label>
                    <Input
                      {...field}
                      id="complaint-phone"
                      size="large"
                      type="tel"
                      inputMode="tel"
                      autoComplete="tel"
                      maxLength={20}
                      aria-invalid={fieldState.error ? true : undefined}
                      aria-describedby={fieldState.error ? 'complaint-phone-error' : undefined}
                      status={fieldState.error ? 'error' : undefined}
                      className="cv-ov-public-input"
                      data-testid="complaint-phone"
                    />
                    <FieldError id="complaint-phone-error" message={fieldState.error?.message} />
                  </div>
                )}
              />
              <Controller
                control={control}
                name="email"
                render={({ field, fieldState }) => (
                  <div className="cv-public-field">
                    <label htmlFor="complaint-email" className="cv-public-label">
                      {t('complaint.email')}
                    </label>
                    <Input
                      {...field}
                      id="complaint-email"
                      size="large"
                      type="email"
                      inputMode="email"
                      autoComplete="email"
                      maxLength={200}
                      aria-invalid={fieldState.error ? true : undefined}
                      aria-describedby={fieldState.error ? 'complaint-email-error' : undefined}
                      status={fieldState.error ? 'error' : undefined}
                      className="cv-ov-public-input"
                    />
                    <FieldError id="complaint-email-error" message={fieldState.error?.message} />
                  </div>
                )}
              />
            </div>
          )}
        </section>

        <section className="cv-public-card">
          <ProblemAlert error={file.error} extra={leftover} />
          {duplicate ? (
            <p>
              <Link to={`/phan-anh/${duplicate}`} data-testid="complaint-duplicate">
                {t('complaint.duplicateOpen', { code: duplicate })} <RightOutlined aria-hidden />
              </Link>
            </p>
          ) : null}
          <Button type="primary" size="large" htmlType="submit" block icon={<SendOutlined aria-hidden />} loading={file.isPending} className="cv-public-button" data-testid="complaint-submit">
            {t('complaint.submit')}
          </Button>
          <p className="cv-public-hint">{t('complaint.privacy')}</p>
        </section>
      </form>

      <section className="cv-public-card" aria-labelledby="track-title">
        <h2 id="track-title" className="cv-public-h2">
          {t('complaint.trackTitle')}
        </h2>
        <ComplaintTrackForm />
      </section>
    </div>
  );
}
