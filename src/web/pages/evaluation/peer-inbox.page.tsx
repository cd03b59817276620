import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App as AntApp, Button, Card, Form, Input, InputNumber, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { usePeerInbox, usePeerReview, type TPeerItem } from '../../api/evaluation.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { FormField } from '../../components/form-field.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';
import { ScorecardStatusTag, ScoreWithLevel } from './common.tsx';
import { formatScore, monthLabel } from './evaluation-labels.ts';
import { EvidencePanel } from './evidence-panel.tsx';
import { DeadlineNote, LateTag } from './scoring-guide.tsx';
import './evaluation.css';

interface PeerValues {
  score: number | null;
  note: string;
}

function PeerForm({ item, onDone }: { item: TPeerItem; onDone: () => void }) {
  const t = useT();
  const [lang] = useLanguage();
  const { message } = AntApp.useApp();
  const review = usePeerReview();
  const [leftover, setLeftover] = useState<string[]>([]);
  const schema = useMemo(
    () =>
      z.object({ score: z.number().min(0).max(100).nullable(), note: z.string().max(3000) }).superRefine((v, ctx) => {
        if (v.score === null) ctx.addIssue({ code: 'custom', path: ['score'], message: t('evaluation.peer.scoreRequired') });
      }),
    [t],
  );
  const resolver = useMemo(() => zodResolver(schema, { error: formErrorMap(t) }), [schema, t]);
  const { control, handleSubmit, setError } = useForm<PeerValues>({ resolver, defaultValues: { score: item.myScore, note: '' } });
  const id = `peer-${item.scorecardId}`;
  const submit = handleSubmit((v) => {
    setLeftover([]);
    review.mutate(
      { id: item.scorecardId, score: v.score!, note: v.note.trim() || null },
      {
        onSuccess: () => {
          void message.success(t('evaluation.peer.saved', { name: item.officialName }));
          onDone();
        },
        onError: (e) => setLeftover(applyServerErrors(e, setError, ['score', 'note'])),
      },
    );
  });
  return (
    <Form component={false} layout="vertical">
      <ProblemAlert error={review.error && !leftover.length ? review.error : null} extra={leftover} />
      <form onSubmit={submit} noValidate aria-label={t('evaluation.peer.formLabel', { name: item.officialName })} data-testid="peer-form">
        <Controller
          control={control}
          name="score"
          render={({ field, fieldState }) => (
            <FormField label={t('evaluation.peer.score')} htmlFor={`${id}-score`} required error={fieldState.error?.message} help={t('evaluation.peer.scoreHelp')}>
              <InputNumber
                id={`${id}-score`}
                min={0}
                max={100}
                step={1}
                decimalSeparator={lang === 'vi' ? ',' : '.'}
                value={field.value}
                onChange={(v) => field.onChange(typeof v === 'number' ? v : null)}
                onBlur={field.onBlur}
                suffix="/ 100"
                status={fieldState.error ? 'error' : undefined}
                style={{ width: 160 }}
                data-testid="peer-score"
              />
            </FormField>
          )}
        />
        <Controller
          control={control}
          name="note"
          render={({ field, fieldState }) => (
            <FormField label={t('evaluation.peer.note')} htmlFor={`${id}-note`} error={fieldState.error?.message} help={t('evaluation.peer.noteHelp')}>
              <Input.TextArea {...field} id={`${id}-note`} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={3000} data-testid="peer-note" />
            </FormField>
          )}
        />
        <Button type="primary" htmlType="submit" loading={review.isPending} data-testid="peer-submit">
          {t(item.myScore === null ? 'evaluation.peer.submit' : 'evaluation.peer.resubmit')}
        </Button>
      </form>
    </Form>
  );
}

function PeerCard({ item }: { item: TPeerItem }) {
  const t = useT();
  const [lang] = useLanguage();
  const [editing, setEditing] = useState(item.myScore === null);
  return (
    <Card
      className="cv-card"
      title={
        <h3 className="ev-card-title ev-card-h">
          {item.officialName} <ScorecardStatusTag status={item.status} />
          {item.late ? <LateTag step="peer" /> : null}
        </h3>
      }
      data-testid="peer-card"
    >
      <div className="ev-peer-grid">
        <section aria-label={t('evaluation.peer.theirSelf')}>
          <Typography.Title level={4} className="ev-subsection-title">
            {t('evaluation.peer.theirSelf')}
          </Typography.Title>
          {item.selfTotal === null ? (
            <Typography.Paragraph type="secondary">{t('evaluation.peer.noSelfYet')}</Typography.Paragraph>
          ) : (
            <>
              <ScoreWithLevel score={item.selfTotal} />
              {item.selfNote ? <blockquote className="ev-quote">{item.selfNote}</blockquote> : null}
            </>
          )}
          <Typography.Title level={4} className="ev-subsection-title ev-section-gap">
            {t('evaluation.evidence.title')}
          </Typography.Title>
          <EvidencePanel evidence={item.evidence} compact testId="peer-evidence" />
        </section>
        <section aria-label={t('evaluation.peer.yourScore')}>
          <Typography.Title level={4} className="ev-subsection-title">
            {t('evaluation.peer.yourScore')}
          </Typography.Title>
          {editing ? (
            <PeerForm item={item} onDone={() => setEditing(false)} />
          ) : (
            <div data-testid="peer-given">
              <strong className="ev-score ev-score-big">{formatScore(item.myScore, lang)}</strong>
              <span className="cv-muted"> / 100</span>
              <div>
                <Button type="link" className="ev-inline-link" onClick={() => setEditing(true)} data-testid="peer-edit">
                  {t('evaluation.peer.edit')}
                </Button>
              </div>
            </div>
          )}
        </section>
      </div>
    </Card>
  );
}

export default function PeerInboxPage() {
  const t = useT();
  const me = useCurrentUser();
  const inbox = usePeerInbox(Boolean(me.officialId));
  const items = inbox.data?.items ?? [];
  const pending = items.filter((i) => i.myScore === null).length;
  const months = [...new Set(items.map((i) => i.month))];
  return (
    <div data-testid="peer-inbox-page">
      <PageHeader title={t('evaluation.peer.title')} subtitle={t('evaluation.peer.subtitle')} />
      {!me.officialId ? <Alert type="info" showIcon title={t('evaluation.noOfficial')} /> : null}
      <ProblemAlert error={inbox.error} onRetry={() => void inbox.refetch()} />
      {me.officialId && inbox.isPending ? <Skeleton active /> : null}
      {inbox.isSuccess && !items.length ? <Alert type="info" showIcon title={t('evaluation.peer.none')} data-testid="peer-none" /> : null}
      {items.length ? (
        <Typography.Paragraph data-testid="peer-count" aria-live="polite">
          {pending ? t('evaluation.peer.pending', { count: pending, total: items.length }) : t('evaluation.peer.allDone', { total: items.length })}
        </Typography.Paragraph>
      ) : null}
      {months.map((month) => {
        const ofMonth = items.filter((i) => i.month === month);
        return (
          <section key={month} aria-labelledby={`peer-month-${month}`} data-testid="peer-month" data-month={month}>
            <Typography.Title level={2} className="ev-section-title ev-month-heading" id={`peer-month-${month}`}>
              {monthLabel(t, month)}
            </Typography.Title>
            <DeadlineNote due={ofMonth[0]!.dueAt} step="peer" late={ofMonth.some((i) => i.late)} testId="peer-deadline" />
            {ofMonth.map((item) => (
              <PeerCard key={item.scorecardId} item={item} />
            ))}
          </section>
        );
      })}
    </div>
  );
}
