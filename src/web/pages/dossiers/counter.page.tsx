import { CheckCircleFilled, DeleteOutlined, FolderOpenOutlined, PlusOutlined, PrinterOutlined, RedoOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, Radio, Row, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { ZCreateDossierRequest, type TProcedure } from '../../../shared/schemas/dossiers.ts';
import { dossierFormUrl, useCreateDossier, useDossierQueue, type TDossierCreated } from '../../api/dossiers.queries.ts';
import { useProcedures } from '../../api/procedures.queries.ts';
import { FormField } from '../../components/form-field.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ProcedureSelect } from '../../components/procedure-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { channelKey, cutoffLabel, feeLabel, processingLabel } from '../../lib/dossier-labels.ts';
import { formatDateTime, vnWeekday } from '../../lib/format.ts';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';
import { dossierPath, DossierList } from './dossier-list.tsx';

type FormIn = z.input<typeof ZCreateDossierRequest>;
type FormOut = z.output<typeof ZCreateDossierRequest>;

const CHANNELS = ['counter', 'online', 'postal'] as const;
const FIELDS = [
  'procedureId',
  'channel',
  'applicant.fullName',
  'applicant.idNumber',
  'applicant.phone',
  'applicant.email',
  'applicant.address',
  'documents',
  'note',
];

const EMPTY: FormIn = {
  procedureId: '',
  channel: 'counter',
  applicant: { fullName: '', idNumber: '', phone: '', email: '', address: '' },
  documents: [],
  note: '',
};

const docsOf = (p: TProcedure) =>
  p.requiredDocuments.map((d) => ({ name: d.name, originals: d.originals, copies: d.copies, digitized: false, reused: false }));

interface Received {
  dossier: TDossierCreated;
  procedureName: string;
  applicantName: string;
}

function SuccessPanel({ received, onAnother }: { received: Received; onAnother: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { dossier } = received;
  return (
    <Card className="cv-card cv-success-panel" data-testid="counter-success">
      <div className="cv-success-head">
        <CheckCircleFilled aria-hidden className="cv-success-icon" />
        <div>
          <Typography.Title level={2} className="cv-success-title">
            {t('counter.successTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" className="cv-success-hint">
            {t('counter.successHint')}
          </Typography.Paragraph>
        </div>
      </div>
      <div className="cv-success-code-label">{t('counter.code')}</div>
      <div className="cv-success-code cv-mono" data-testid="counter-code">
        {dossier.code}
      </div>
      <Descriptions
        column={1}
        size="small"
        colon={false}
        className="cv-success-facts"
        items={[
          {
            key: 'due',
            label: t('counter.dueAt'),
            children: dossier.dueAt ? (
              <strong data-testid="counter-due">
                {t(`weekday.${vnWeekday(dossier.dueAt)}` as 'weekday.0')}, {formatDateTime(dossier.dueAt)}
              </strong>
            ) : (
              t('common.none')
            ),
          },
          { key: 'received', label: t('dossier.receivedAt'), children: formatDateTime(dossier.receivedAt) },
          { key: 'procedure', label: t('dossier.procedure'), children: received.procedureName },
          { key: 'applicant', label: t('dossier.applicant'), children: received.applicantName },
        ]}
      />
      <div className="cv-success-actions">
        <Button
          type="primary"
          size="large"
          icon={<PrinterOutlined aria-hidden />}
          href={dossierFormUrl(dossier.id, 'receipt')}
          target="_blank"
          rel="noopener"
          data-testid="counter-print"
        >
          {t('counter.printReceipt')}
        </Button>
        <Button size="large" icon={<FolderOpenOutlined aria-hidden />} onClick={() => void navigate(dossierPath(dossier.id))} data-testid="counter-open">
          {t('counter.openDossier')}
        </Button>
        <Button size="large" icon={<RedoOutlined aria-hidden />} onClick={onAnother} data-testid="counter-another">
          {t('counter.another')}
        </Button>
      </div>
    </Card>
  );
}

function CounterQueues() {
  const t = useT();
  const toReturn = useDossierQueue('to_return', '', 20);
  const recent = useDossierQueue('all', '', 10);
  const returnItems = toReturn.data?.pages.flatMap((p) => p.items) ?? [];
  const recentItems = recent.data?.pages[0]?.items ?? [];
  return (
    <Card className="cv-card" data-testid="counter-queues">
      <Tabs
        items={[
          {
            key: 'to_return',
            label: `${t('counter.toReturn')}${returnItems.length ? ` (${returnItems.length}${toReturn.hasNextPage ? '+' : ''})` : ''}`,
            children: (
              <>
                <ProblemAlert error={toReturn.error} onRetry={() => void toReturn.refetch()} />
                <DossierList
                  compact
                  items={returnItems}
                  loading={toReturn.isPending}
                  emptyText={t('counter.noneToReturn')}
                  testId="counter-to-return"
                  hasMore={toReturn.hasNextPage}
                  loadingMore={toReturn.isFetchingNextPage}
                  onMore={() => void toReturn.fetchNextPage()}
                />
              </>
            ),
          },
          {
            key: 'recent',
            label: t('counter.recent'),
            children: (
              <>
                <ProblemAlert error={recent.error} onRetry={() => void recent.refetch()} />
                <DossierList compact items={recentItems} loading={recent.isPending} emptyText={t('counter.noneRecent')} testId="counter-recent" />
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}

export default function CounterPage() {
  const t = useT();
  const procedures = useProcedures();
  const create = useCreateDossier();
  const [leftover, setLeftover] = useState<string[]>([]);
  const [fixedCount, setFixedCount] = useState(0);
  const [received, setReceived] = useState<Received | null>(null);
  const resolver = useMemo(() => zodResolver(ZCreateDossierRequest, { error: formErrorMap(t) }), [t]);
  const { control, handleSubmit, setError, setValue, reset, getValues } = useForm<FormIn, unknown, FormOut>({ resolver, defaultValues: EMPTY });
  const documents = useFieldArray({ control, name: 'documents' });
  const procedureId = useWatch({ control, name: 'procedureId' });
  const procedure = procedures.data?.find((p) => p.id === procedureId);
  const showUnit = new Set((procedures.data ?? []).map((p) => p.unitId)).size > 1;

  const onSubmit = handleSubmit((values) => {
    setLeftover([]);
    create.mutate(values, {
      onSuccess: (dossier) => {
        setReceived({ dossier, procedureName: procedure?.name ?? '', applicantName: values.applicant.fullName });
        window.scrollTo({ top: 0, behavior: 'smooth' });
      },
      onError: (error) => setLeftover(applyServerErrors(error, setError, FIELDS)),
    });
  });

  const another = () => {
    const keep = getValues('procedureId');
    const p = procedures.data?.find((x) => x.id === keep);
    reset({ ...EMPTY, procedureId: keep, documents: p ? docsOf(p) : [] });
    setFixedCount(p ? p.requiredDocuments.length : 0);
    create.reset();
    setReceived(null);
  };

  return (
    <div data-testid="counter-page" className="cv-counter cv-compact-cards">
      <PageHeader title={t('counter.title')} subtitle={t('counter.subtitle')} />
      {received ? (
        <SuccessPanel received={received} onAnother={another} />
      ) : (
        <Card className="cv-card cv-counter-card">
          <ProblemAlert error={create.error} extra={leftover} />
          <ProblemAlert error={procedures.error} onRetry={() => void procedures.refetch()} />
          <Form component={false} layout="vertical">
            <form id="counter-form" data-testid="counter-form" onSubmit={onSubmit} noValidate aria-label={t('counter.title')}>
              <Typography.Title level={2} className="cv-form-section">
                {t('counter.sectionProcedure')}
              </Typography.Title>
              <Controller
                control={control}
                name="procedureId"
                render={({ field, fieldState }) => (
                  <FormField label={t('counter.procedure')} htmlFor="cd-procedure" required error={fieldState.error?.message}>
                    <ProcedureSelect
                      id="cd-procedure"
                      procedures={procedures.data ?? []}
                      loading={procedures.isPending}
                      value={field.value}
                      showUnit={showUnit}
                      onBlur={field.onBlur}
                      onChange={(p) => {
                        field.onChange(p?.id ?? '');
                        setValue('documents', p ? docsOf(p) : []);
                        setFixedCount(p ? p.requiredDocuments.length : 0);
                      }}
                      status={fieldState.error ? 'error' : undefined}
                    />
                  </FormField>
                )}
              />
              {procedure ? (
                <div className="cv-proc-facts" data-testid="counter-procedure-facts">
                  <div>
                    <span className="cv-proc-fact-label">{t('counter.processing')}</span>
                    <strong>{processingLabel(t, procedure)}</strong>
                  </div>
                  <div>
                    <span className="cv-proc-fact-label">{t('counter.fee')}</span>
                    <strong>{feeLabel(t, procedure.feeVnd)}</strong>
                  </div>
                  <div>
                    <span className="cv-proc-fact-label">{t('dossier.unit')}</span>
                    <span>{procedure.unitName}</span>
                  </div>
                  {cutoffLabel(t, procedure.cutoff) ? <div className="cv-proc-fact-wide cv-muted">{cutoffLabel(t, procedure.cutoff)}</div> : null}
                </div>
              ) : null}

              <Typography.Title level={2} className="cv-form-section">
                {t('counter.sectionApplicant')}
              </Typography.Title>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Controller
                    control={control}
                    name="applicant.fullName"
                    render={({ field, fieldState }) => (
                      <FormField label={t('applicant.fullName')} htmlFor="cd-fullName" required error={fieldState.error?.message}>
                        <Input {...field} id="cd-fullName" autoComplete="off" status={fieldState.error ? 'error' : undefined} />
                      </FormField>
                    )}
                  />
                </Col>
                <Col xs={24} md={12}>
                  <Controller
                    control={control}
                    name="applicant.idNumber"
                    render={({ field, fieldState }) => (
                      <FormField
                        label={t('applicant.idNumber')}
                        htmlFor="cd-idNumber"
                        required
                        error={fieldState.error?.message}
                        help={t('applicant.idNumberHelp')}
                      >
                        <Input
                          {...field}
                          id="cd-idNumber"
                          inputMode="numeric"
                          maxLength={12}
                          autoComplete="off"
                          className="cv-mono"
                          status={fieldState.error ? 'error' : undefined}
                        />
                      </FormField>
                    )}
                  />
                </Col>
                <Col xs={24} md={12}>
                  <Controller
                    control={control}
                    name="applicant.phone"
                    render={({ field, fieldState }) => (
                      <FormField label={t('applicant.phone')} htmlFor="cd-phone" required error={fieldState.error?.message} help={t('applicant.phoneHelp')}>
                        <Input {...field} id="cd-phone" type="tel" inputMode="tel" autoComplete="off" status={fieldState.error ? 'error' : undefined} />
                      </FormField>
                    )}
                  />
                </Col>
                <Col xs={24} md={12}>
                  <Controller
                    control={control}
                    name="applicant.email"
                    render={({ field, fieldState }) => (
                      <FormField label={t('applicant.email')} htmlFor="cd-email" error={fieldState.error?.message}>
                        <Input
                          {...field}
                          value={field.value ?? ''}
                          id="cd-email"
                          type="email"
                          autoComplete="off"
                          status={fieldState.error ? 'error' : undefined}
                        />
                      </FormField>
                    )}
                  />
                </Col>
                <Col xs={24}>
                  <Controller
                    control={control}
                    name="applicant.address"
                    render={({ field, fieldState }) => (
                      <FormField label={t('applicant.address')} htmlFor="cd-address" error={fieldState.error?.message}>
                        <Input {...field} value={field.value ?? ''} id="cd-address" autoComplete="off" status={fieldState.error ? 'error' : undefined} />
                      </FormField>
                    )}
                  />
                </Col>
              </Row>

              <Typography.Title level={2} className="cv-form-section">
                {t('counter.sectionDocuments')}
              </Typography.Title>
              {procedure ? (
                <Typography.Paragraph type="secondary" className="cv-card-hint">
                  {t('counter.documentsHint')}
                </Typography.Paragraph>
              ) : (
                <p className="cv-placeholder-box">{t('counter.pickProcedureFirst')}</p>
              )}
              <Controller
                control={control}
                name="documents"
                render={({ fieldState }) => (fieldState.error?.message ? <Alert type="error" showIcon title={fieldState.error.message} style={{ marginBottom: 12 }} /> : <></>)}
              />
              {documents.fields.length ? (
                <div className="cv-doc-grid" data-testid="counter-documents">
                  <div className="cv-doc-head" aria-hidden>
                    <span>{t('doc.name')}</span>
                    <span>{t('doc.originals')}</span>
                    <span>{t('doc.copies')}</span>
                    <span />
                  </div>
                  {documents.fields.map((row, i) => {
                    const fixed = i < fixedCount;
                    return (
                      <div className="cv-doc-row" key={row.id} data-testid="counter-document">
                        <div className="cv-doc-name">
                          {fixed ? (
                            <span id={`cd-doc-${i}-name`}>
                              {i + 1}. {row.name}
                            </span>
                          ) : (
                            <Controller
                              control={control}
                              name={`documents.${i}.name`}
                              render={({ field, fieldState }) => (
                                <Input
                                  {...field}
                                  id={`cd-doc-${i}-name`}
                                  aria-label={`${t('doc.name')} ${i + 1}`}
                                  status={fieldState.error ? 'error' : undefined}
                                  placeholder={t('doc.name')}
                                />
                              )}
                            />
                          )}
                        </div>
                        {(['originals', 'copies'] as const).map((k) => (
                          <div className="cv-doc-num" key={k}>
                            <label className="cv-doc-mlabel" htmlFor={`cd-doc-${i}-${k}`}>
                              {t(`doc.${k}`)}
                            </label>
                            <Controller
                              control={control}
                              name={`documents.${i}.${k}`}
                              render={({ field }) => (
                                <InputNumber
                                  id={`cd-doc-${i}-${k}`}
                                  aria-label={fixed ? `${t(`doc.${k}`)} — ${row.name}` : undefined}
                                  min={0}
                                  max={20}
                                  precision={0}
                                  value={field.value ?? 0}
                                  onChange={(v) => field.onChange(typeof v === 'number' ? v : 0)}
                                  onBlur={field.onBlur}
                                  style={{ width: '100%' }}
                                />
                              )}
                            />
                          </div>
                        ))}
                        <div className="cv-doc-checks">
                          {(['digitized', 'reused'] as const).map((k) => (
                            <Controller
                              key={k}
                              control={control}
                              name={`documents.${i}.${k}`}
                              render={({ field }) => (
                                <Checkbox id={`cd-doc-${i}-${k}`} checked={Boolean(field.value)} onChange={(e) => field.onChange(e.target.checked)}>
                                  {t(`doc.${k}`)}
                                </Checkbox>
                              )}
                            />
                          ))}
                          {fixed ? null : (
                            <Button
                              type="text"
                              danger
                              icon={<DeleteOutlined aria-hidden />}
                              aria-label={`${t('doc.remove')} ${i + 1}`}
                              onClick={() => documents.remove(i)}
                            />
                          )}
                        </div>
                      </div>
                    );
                  })}
                </div>
              ) : null}
              {procedure ? (
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => documents.append({ name: '', originals: 0, copies: 1, digitized: false, reused: false })}
                  className="cv-doc-add"
                >
                  {t('doc.add')}
                </Button>
              ) : null}

              <Typography.Title level={2} className="cv-form-section">
                {t('counter.sectionOther')}
              </Typography.Title>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Controller
                    control={control}
                    name="channel"
                    render={({ field, fieldState }) => (
                      <FormField label={t('counter.channel')} labelId="cd-channel-label" error={fieldState.error?.message}>
                        <Radio.Group
                          aria-labelledby="cd-channel-label"
                          value={field.value}
                          onChange={(e) => field.onChange(e.target.value)}
                          options={CHANNELS.map((c) => ({ value: c, label: t(channelKey(c)) }))}
                        />
                      </FormField>
                    )}
                  />
                </Col>
                <Col xs={24} md={12}>
                  <Controller
                    control={control}
                    name="note"
                    render={({ field, fieldState }) => (
                      <FormField label={t('counter.note')} htmlFor="cd-note" error={fieldState.error?.message}>
                        <Input.TextArea {...field} value={field.value ?? ''} id="cd-note" autoSize={{ minRows: 1, maxRows: 4 }} />
                      </FormField>
                    )}
                  />
                </Col>
              </Row>
              <div className="cv-form-submit">
                <Button type="primary" size="large" htmlType="submit" loading={create.isPending} data-testid="counter-submit">
                  {t('counter.submit')}
                </Button>
              </div>
            </form>
          </Form>
        </Card>
      )}
      <CounterQueues />
    </div>
  );
}
