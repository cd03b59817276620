import { ArrowLeftOutlined, ExportOutlined, SendOutlined, UserAddOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { App as AntApp, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Select, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { useOfficial } from '../../api/officials.queries.ts';
import { useUnits } from '../../api/org.queries.ts';
import { SEVERITIES, useAnswerComplaint, useAssignComplaint, useComplaint, useRules, type TComplaint } from '../../api/oversight.queries.ts';
import { FormField } from '../../components/form-field.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { useT, type TFunction } from '../../i18n/i18n.tsx';
import { foldDiacritics } from '../../lib/fold.ts';
import { formatDateTime } from '../../lib/format.ts';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';
import { ComplaintStatusTag, KindTag, OverdueTag, severityKey } from './labels.tsx';
import { OfficialSelect } from './official-select.tsx';
import { useWhen } from './shared.tsx';
import './oversight.css';

/** The rule an upheld complaint of each kind usually breaks (the inspector may pick another). */
const RULE_OF_KIND: Record<string, string> = { harassment: '3K.02', attitude: 'GT.02', delay: '3K.01' };

function AssignCard({ c }: { c: TComplaint }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const assign = useAssignComplaint(c.id);
  const units = useUnits();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [officialId, setOfficialId] = useState<string | null>(c.assignedOfficialId);
  const [error, setError] = useState(false);
  const submit = () => {
    if (!officialId) return setError(true);
    setError(false);
    assign.mutate({ officialId, unitId: unitId ?? null }, { onSuccess: () => void message.success(t('oversight.c.assigned')) });
  };
  return (
    <Card title={t('oversight.c.assign')} className="cv-card" data-testid="assign-card">
      <ProblemAlert error={assign.error} />
      <Form component={false} layout="vertical">
        <Form.Item label={t('oversight.c.assignUnit')} htmlFor="c-assign-unit">
          <UnitTreeSelect
            id="c-assign-unit"
            units={units.data ?? []}
            value={unitId}
            onChange={(v) => {
              setUnitId(v);
              setOfficialId(null);
            }}
            allowClear
            placeholder={t('oversight.c.assignUnitPlaceholder')}
          />
        </Form.Item>
        <Form.Item label={t('oversight.c.assignOfficial')} htmlFor="c-assign-official" required validateStatus={error ? 'error' : undefined} help={error ? t('common.requiredChoose') : undefined}>
          <OfficialSelect id="c-assign-official" unitId={unitId ?? c.unitId} value={officialId} onChange={setOfficialId} placeholder={t('oversight.v.officialPlaceholder')} testId="c-assign-official" />
        </Form.Item>
        <Button icon={<UserAddOutlined aria-hidden />} onClick={submit} loading={assign.isPending} data-testid="c-assign-submit">
          {t('oversight.c.assign')}
        </Button>
      </Form>
    </Card>
  );
}

const makeSchema = (t: TFunction) =>
  z
    .object({
      answer: z.string().trim().min(1, t('common.required')).max(5000),
      outcome: z.enum(['upheld', 'not_upheld'], { error: t('common.requiredChoose') }),
      recordViolation: z.boolean(),
      ruleId: z.string(),
      severity: z.enum(['minor', 'moderate', 'serious']),
      officialId: z.string().nullable(),
    })
    .superRefine((v, ctx) => {
      if (v.outcome === 'upheld' && v.recordViolation && !v.ruleId) ctx.addIssue({ code: 'custom', path: ['ruleId'], message: t('common.requiredChoose') });
    });
type AnswerValues = z.input<ReturnType<typeof makeSchema>>;

function AnswerCard({ c }: { c: TComplaint }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const answer = useAnswerComplaint(c.id);
  const rules = useRules(false);
  const [leftover, setLeftover] = useState<string[]>([]);
  const resolver = useMemo(() => zodResolver(makeSchema(t), { error: formErrorMap(t) }), [t]);
  const defaultRule = rules.data?.find((r) => r.code === RULE_OF_KIND[c.kind])?.id ?? '';
  const { control, handleSubmit, setError, getValues, setValue } = useForm<AnswerValues>({
    resolver,
    defaultValues: { answer: '', recordViolation: c.kind !== 'praise' && c.kind !== 'other', ruleId: '', severity: 'moderate', officialId: null },
  });
  // The rule of the complaint's kind is proposed once the rules have loaded.
  useEffect(() => {
    if (defaultRule && !getValues('ruleId')) setValue('ruleId', defaultRule);
  }, [defaultRule, getValues, setValue]);
  const outcome = useWatch({ control, name: 'outcome' });
  const record = useWatch({ control, name: 'recordViolation' });
  const ruleOptions = (rules.data ?? []).map((r) => ({ value: r.id, label: `${r.code} — ${r.title}`, search: foldDiacritics(`${r.code} ${r.title}`) }));

  const onSubmit = handleSubmit((v) => {
    setLeftover([]);
    const withViolation = v.outcome === 'upheld' && v.recordViolation && v.ruleId;
    answer.mutate(
      {
        answer: v.answer.trim(),
        outcome: v.outcome,
        violation: withViolation ? { ruleId: v.ruleId, severity: v.severity, officialId: v.officialId } : null,
      },
      {
        onSuccess: () => void message.success(t('oversight.c.answered')),
        onError: (error) => setLeftover(applyServerErrors(error, setError, ['answer', 'outcome'])),
      },
    );
  });

  return (
    <Card title={t('oversight.c.answer')} className="cv-card" data-testid="answer-card">
      <ProblemAlert error={answer.error} extra={leftover} />
      <Form component={false} layout="vertical">
        <form onSubmit={onSubmit} noValidate aria-label={t('oversight.c.answer')} data-testid="answer-form">
          <Controller
            control={control}
            name="outcome"
            render={({ field, fieldState }) => (
              <FormField label={t('oversight.c.outcome')} labelId="c-outcome-label" required error={fieldState.error?.message}>
                <Radio.Group
                  aria-labelledby="c-outcome-label"
                  optionType="button"
                  buttonStyle="solid"
                  value={field.value}
                  onChange={(e) => field.onChange(e.target.value)}
                  className="cv-ov-outcome"
                  options={[
                    { value: 'upheld', label: <span data-testid="c-outcome-upheld">{t('oversight.outcome.upheld')}</span> },
                    { value: 'not_upheld', label: <span data-testid="c-outcome-not_upheld">{t('oversight.outcome.not_upheld')}</span> },
                  ]}
                />
              </FormField>
            )}
          />
          <Controller
            control={control}
            name="answer"
            render={({ field, fieldState }) => (
              <FormField label={t('oversight.c.answerText')} htmlFor="c-answer" required error={fieldState.error?.message}>
                <Input.TextArea
                  {...field}
                  id="c-answer"
                  autoSize={{ minRows: 4, maxRows: 12 }}
                  maxLength={5000}
                  placeholder={t('oversight.c.answerPlaceholder')}
                  status={fieldState.error ? 'error' : undefined}
                  data-testid="c-answer"
                />
              </FormField>
            )}
          />
          {outcome === 'upheld' ? (
            <div className="cv-ov-subform">
              <Controller
                control={control}
                name="recordViolation"
                render={({ field }) => (
                  <Checkbox checked={field.value} onChange={(e) => field.onChange(e.target.checked)} data-testid="c-record-violation">
                    {t('oversight.c.recordViolation')}
                  </Checkbox>
                )}
              />
              {record ? (
                <div className="cv-ov-subform-body">
                  <Controller
                    control={control}
                    name="ruleId"
                    render={({ field, fieldState }) => (
                      <FormField label={t('oversight.v.rule')} htmlFor="c-rule" required error={fieldState.error?.message}>
                        <Select
                          id="c-rule"
                          value={field.value || undefined}
                          onChange={field.onChange}
                          options={ruleOptions}
                          loading={rules.isPending}
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
                    name="severity"
                    render={({ field }) => (
                      <FormField label={t('oversight.v.severity')} labelId="c-sev-label">
                        <Radio.Group
                          aria-labelledby="c-sev-label"
                          optionType="button"
                          buttonStyle="solid"
                          value={field.value}
                          onChange={(e) => field.onChange(e.target.value)}
                          options={SEVERITIES.map((s) => ({ value: s, label: t(severityKey(s)) }))}
                        />
                      </FormField>
                    )}
                  />
                  {c.unitId ? (
                    <Controller
                      control={control}
                      name="officialId"
                      render={({ field }) => (
                        <FormField label={t('oversight.v.official')} htmlFor="c-v-official">
                          <OfficialSelect id="c-v-official" unitId={c.unitId} value={field.value} onChange={field.onChange} placeholder={t('oversight.v.officialPlaceholder')} />
                        </FormField>
                      )}
                    />
                  ) : null}
                </div>
              ) : null}
            </div>
          ) : null}
          <Button type="primary" htmlType="submit" size="large" icon={<SendOutlined aria-hidden />} loading={answer.isPending} data-testid="c-answer-submit">
            {t('oversight.c.answerSubmit')}
          </Button>
        </form>
      </Form>
    </Card>
  );
}

function Answered({ c }: { c: TComplaint }) {
  const t = useT();
  return (
    <Card title={t('oversight.c.answerTitle')} className="cv-card cv-ov-answered" data-testid="answered-card">
      <div className="cv-ov-card-tags">
        {c.outcome === 'upheld' || c.outcome === 'not_upheld' ? (
          <Tag color={c.outcome === 'upheld' ? 'red' : 'green'} data-testid="c-outcome">
            {t(`oversight.outcome.${c.outcome}`)}
          </Tag>
        ) : null}
        {c.answeredAt ? <span className="cv-cell-sub">{t('oversight.c.answeredAt', { date: formatDateTime(c.answeredAt) })}</span> : null}
      </div>
      <p className="cv-ov-prewrap" data-testid="c-answer-text">
        {c.answer}
      </p>
      {c.violationId ? (
        <p>
          <Link to="/kiem-tra/vi-pham">{t('oversight.c.violationLinked')}</Link>
        </p>
      ) : null}
    </Card>
  );
}

export default function ComplaintPage() {
  const t = useT();
  const when = useWhen();
  const { id } = useParams();
  const complaint = useComplaint(id);
  const c = complaint.data;
  const assignee = useOfficial(c?.assignedOfficialId);
  const none = <span className="cv-muted">{t('common.none')}</span>;

  if (complaint.isPending) {
    return (
      <Card className="cv-card">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (!c) {
    return (
      <div data-testid="complaint-page">
        <Link to="/kiem-tra/phan-anh" className="cv-back-link-inline">
          <ArrowLeftOutlined aria-hidden /> {t('oversight.c.back')}
        </Link>
        <ProblemAlert error={complaint.error ?? new Error(t('oversight.c.notFound'))} onRetry={() => void complaint.refetch()} />
      </div>
    );
  }
  const open = c.status === 'received' || c.status === 'assigned';
  const publicUrl = `/phan-anh/${encodeURIComponent(c.trackingCode)}`;

  return (
    <div data-testid="complaint-page" data-status={c.status} className="cv-compact-cards">
      <Card className="cv-card cv-ov-head">
        <Link to="/kiem-tra/phan-anh" className="cv-back-link-inline">
          <ArrowLeftOutlined aria-hidden /> {t('oversight.c.back')}
        </Link>
        <Typography.Title level={1} className="cv-ov-title cv-mono" data-testid="complaint-code">
          {c.trackingCode}
        </Typography.Title>
        <div className="cv-ov-head-tags">
          <KindTag kind={c.kind} label={c.kindLabel} />
          <ComplaintStatusTag status={c.status} label={c.statusLabel} />
          {c.overdue ? <OverdueTag label={t('oversight.c.overdue')} /> : null}
        </div>
        <dl className="cv-facts">
          <div>
            <dt>{t('oversight.c.unit')}</dt>
            <dd>{c.unitName ?? t('oversight.unknown')}</dd>
          </div>
          <div>
            <dt>{t('oversight.c.createdAt')}</dt>
            <dd>{formatDateTime(c.createdAt)}</dd>
          </div>
          <div>
            <dt>{t('oversight.c.dueAt')}</dt>
            <dd className={c.overdue ? 'cv-ov-red' : undefined}>
              <strong>{when(c.responseDueAt)}</strong>
            </dd>
          </div>
          <div>
            <dt>{t('oversight.c.assignee')}</dt>
            <dd>{c.assignedOfficialId ? (assignee.data?.fullName ?? '…') : none}</dd>
          </div>
          <div>
            <dt>{t('oversight.c.source')}</dt>
            <dd>{c.source === 'web' || c.source === 'open311' ? t(`oversight.c.source.${c.source}`) : c.source}</dd>
          </div>
        </dl>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('oversight.c.description')} className="cv-card">
            <p className="cv-ov-prewrap cv-ov-quote" data-testid="complaint-description">
              {c.description}
            </p>
            <dl className="cv-facts">
              <div>
                <dt>{t('oversight.c.officialName')}</dt>
                <dd>{c.officialName ?? none}</dd>
              </div>
              <div>
                <dt>{t('oversight.c.dossierCode')}</dt>
                <dd>
                  {c.dossierCode ? (
                    <a href={`/tra-cuu/${encodeURIComponent(c.dossierCode)}`} target="_blank" rel="noopener noreferrer" className="cv-mono">
                      {c.dossierCode}
                    </a>
                  ) : (
                    none
                  )}
                </dd>
              </div>
              <div>
                <dt>{t('oversight.c.contact')}</dt>
                <dd data-testid="complaint-contact">
                  {c.anonymous || !c.contact ? (
                    <Tag>{t('oversight.c.anonymous')}</Tag>
                  ) : (
                    <>
                      {c.contact.name ? <div>{c.contact.name}</div> : null}
                      {c.contact.phone ? (
                        <div>
                          <a href={`tel:${c.contact.phone}`}>{c.contact.phone}</a>
                        </div>
                      ) : null}
                      {c.contact.email ? (
                        <div>
                          <a href={`mailto:${c.contact.email}`}>{c.contact.email}</a>
                        </div>
                      ) : null}
                    </>
                  )}
                </dd>
              </div>
            </dl>
            <p className="cv-ov-public-link">
              <a href={publicUrl} target="_blank" rel="noopener noreferrer">
                <ExportOutlined aria-hidden /> {t('oversight.c.publicLink')}
              </a>
            </p>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          {open ? (
            <>
              <AnswerCard c={c} />
              <AssignCard c={c} />
            </>
          ) : (
            <Answered c={c} />
          )}
        </Col>
      </Row>
    </div>
  );
}
