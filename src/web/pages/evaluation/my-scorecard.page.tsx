import { EditOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, Form, Grid, Row, Select, Skeleton, Steps, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMyScorecards, useSelfAssess, type TScorecard } from '../../api/evaluation.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { ScorecardStatusTag, ScoreWithLevel } from './common.tsx';
import { formatScore, GENERAL_MAX, marginOf, monthInline, monthLabel, statusKey, TASK_MAX } from './evaluation-labels.ts';
import { EvidencePanel } from './evidence-panel.tsx';
import { ScoreForm } from './score-form.tsx';
import { CriteriaGuide, DeadlineNote, LateTag } from './scoring-guide.tsx';
import './evaluation.css';

type StepStatus = 'wait' | 'process' | 'finish';
/** Each step's state: after the self-assessment the peers and the head work side by side. */
const STEPS: Record<TScorecard['status'], StepStatus[]> = {
  self: ['process', 'wait', 'wait', 'wait'],
  peer: ['finish', 'process', 'process', 'wait'],
  head: ['finish', 'finish', 'finish', 'process'],
  closed: ['finish', 'finish', 'finish', 'finish'],
};

function FlowSteps({ card }: { card: TScorecard }) {
  const t = useT();
  const states = STEPS[card.status];
  const titles = [t('evaluation.step.self'), t('evaluation.step.peer'), t('evaluation.step.head'), t('evaluation.step.closed')];
  return (
    <Steps
      size="small"
      className="ev-steps"
      current={Math.max(0, states.indexOf('process'))}
      items={titles.map((title, i) => ({ title, status: states[i] }))}
      aria-label={t('evaluation.step.label')}
    />
  );
}

function SelfSection({ card }: { card: TScorecard }) {
  const t = useT();
  const [lang] = useLanguage();
  const { message } = AntApp.useApp();
  const assess = useSelfAssess();
  const open = card.status === 'self' || card.status === 'peer';
  const [editing, setEditing] = useState(card.status === 'self');
  if (open && editing) {
    return (
      <>
        {card.status === 'self' ? (
          <Typography.Paragraph type="secondary" className="cv-card-hint">
            {t('evaluation.self.intro')}
          </Typography.Paragraph>
        ) : null}
        <CriteriaGuide template={card.template} />
        <ScoreForm
          key={card.id}
          mode="self"
          idPrefix="self"
          defaults={{ general: card.self.general, task: card.self.task, text: card.self.note ?? '' }}
          evidenceScore={card.evidenceScore}
          margin={marginOf(card.template)}
          regime={card.regime}
          submitLabel={t(card.status === 'self' ? 'evaluation.self.submit' : 'evaluation.self.resubmit')}
          pending={assess.isPending}
          error={assess.error}
          onSubmit={async (v) => {
            await assess.mutateAsync({ id: card.id, general: v.general, task: v.task, note: v.text });
            void message.success(t('evaluation.self.saved'));
            setEditing(false);
          }}
        />
        {card.status === 'peer' ? (
          <Button type="link" onClick={() => setEditing(false)} className="ev-cancel-edit">
            {t('common.cancel')}
          </Button>
        ) : null}
      </>
    );
  }
  if (card.self.total === null) {
    return <Typography.Paragraph type="secondary">{t('evaluation.self.missing')}</Typography.Paragraph>;
  }
  return (
    <div data-testid="self-readout">
      <dl className="ev-score-list">
        <div>
          <dt>{t('evaluation.score.generalShort')}</dt>
          <dd>{t('evaluation.points', { value: formatScore(card.self.general, lang), max: GENERAL_MAX })}</dd>
        </div>
        <div>
          <dt>{t('evaluation.score.taskShort')}</dt>
          <dd>{t('evaluation.points', { value: formatScore(card.self.task, lang), max: TASK_MAX })}</dd>
        </div>
        <div>
          <dt>{t('evaluation.score.total')}</dt>
          <dd>
            <ScoreWithLevel score={card.self.total} regime={card.regime} testId="self-total-readout" />
          </dd>
        </div>
      </dl>
      {card.self.note ? <blockquote className="ev-quote">{card.self.note}</blockquote> : null}
      {open ? (
        <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)} data-testid="self-edit">
          {t('evaluation.self.edit')}
        </Button>
      ) : null}
    </div>
  );
}

function ResultsSection({ card }: { card: TScorecard }) {
  const t = useT();
  const [lang] = useLanguage();
  return (
    <dl className="ev-results" data-testid="my-results">
      <div>
        <dt>{t('evaluation.result.peer')}</dt>
        <dd data-testid="my-peer-mean">
          {card.peerMean !== null ? (
            <>
              <strong className="ev-score">{formatScore(card.peerMean, lang)}</strong>
              <span className="cv-cell-sub"> {t('evaluation.result.peerOf', { count: card.peerCount })}</span>
            </>
          ) : card.peerCount > 0 ? (
            <span className="cv-muted">{t('evaluation.result.peerNoMean', { count: card.peerCount })}</span>
          ) : (
            <span className="cv-muted">{t('evaluation.result.peerNone')}</span>
          )}
          <div className="cv-cell-sub">{t('evaluation.result.peerAnonymous')}</div>
        </dd>
      </div>
      <div>
        <dt>{t('evaluation.result.head')}</dt>
        <dd data-testid="my-head">
          {card.head.total !== null ? (
            <>
              <ScoreWithLevel score={card.head.total} regime={card.regime} />
              <div className="cv-cell-sub">
                {t('evaluation.result.breakdown', { general: formatScore(card.head.general, lang), task: formatScore(card.head.task, lang) })}
              </div>
              {card.head.reason ? <blockquote className="ev-quote">{card.head.reason}</blockquote> : null}
            </>
          ) : (
            <span className="cv-muted">{t('evaluation.result.headNone')}</span>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('evaluation.result.final')}</dt>
        <dd data-testid="my-final">
          {card.finalScore !== null ? <ScoreWithLevel score={card.finalScore} regime={card.regime} /> : <span className="cv-muted">{t('evaluation.result.finalNone')}</span>}
        </dd>
      </div>
    </dl>
  );
}

function History({ cards, selected, onSelect }: { cards: TScorecard[]; selected: string; onSelect: (month: string) => void }) {
  const t = useT();
  const [lang] = useLanguage();
  const screens = Grid.useBreakpoint();
  const columns: TableColumnsType<TScorecard> = [
    {
      key: 'month',
      title: t('evaluation.month'),
      render: (_, c) =>
        c.month === selected ? (
          <strong aria-current="true">{monthLabel(t, c.month)}</strong>
        ) : (
          <button type="button" className="cv-link-button" onClick={() => onSelect(c.month)} data-testid="history-month">
            {monthLabel(t, c.month)}
          </button>
        ),
    },
    {
      key: 'status',
      title: t('common.status'),
      render: (_, c) => (
        <span className="ev-status-tags">
          <ScorecardStatusTag status={c.status} />
          {c.lateStep ? <LateTag step={c.lateStep} /> : null}
        </span>
      ),
    },
    { key: 'self', title: t('evaluation.col.self'), responsive: ['md'], render: (_, c) => formatScore(c.self.total, lang) },
    { key: 'peer', title: t('evaluation.col.peer'), responsive: ['md'], render: (_, c) => formatScore(c.peerMean, lang) },
    { key: 'head', title: t('evaluation.col.head'), responsive: ['sm'], render: (_, c) => formatScore(c.head.total, lang) },
    { key: 'final', title: t('evaluation.col.final'), render: (_, c) => <ScoreWithLevel score={c.finalScore} regime={c.regime} short={!screens.md} /> },
  ];
  return (
    <Table<TScorecard>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={cards}
      pagination={false}
      rowClassName={(c) => (c.month === selected ? 'ev-row-selected' : '')}
      data-testid="my-history"
    />
  );
}

export default function MyScorecardPage() {
  const t = useT();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const cards = useMyScorecards(Boolean(me.officialId));
  const items = cards.data?.items ?? [];
  const requested = params.get('thang');
  // A month is scored in the first days of the next: by default the newest card still open to
  // self-assessment, else the newest card.
  const card = items.find((c) => c.month === requested) ?? items.find((c) => c.status === 'self' || c.status === 'peer') ?? items[0];
  const select = (month: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('thang', month);
        return next;
      },
      { replace: true },
    );

  return (
    <div data-testid="my-scorecard-page">
      <PageHeader title={t('evaluation.my.title')} subtitle={t('evaluation.my.subtitle')} />
      {!me.officialId ? <Alert type="info" showIcon title={t('evaluation.noOfficial')} data-testid="no-official" /> : null}
      <ProblemAlert error={cards.error} onRetry={() => void cards.refetch()} />
      {me.officialId && cards.isPending ? <Skeleton active /> : null}
      {me.officialId && cards.isSuccess && !items.length ? <Alert type="info" showIcon title={t('evaluation.my.none')} data-testid="my-none" /> : null}
      {card ? (
        <>
          <Form component={false} layout="vertical">
            <Form.Item label={t('evaluation.month')} htmlFor="my-month" className="ev-month-select">
              <Select
                id="my-month"
                value={card.month}
                onChange={select}
                options={items.map((c) => ({ value: c.month, label: `${monthLabel(t, c.month)} — ${t(statusKey(c.status))}` }))}
                style={{ width: '100%', maxWidth: 360 }}
                data-testid="my-month"
              />
            </Form.Item>
          </Form>
          <Card
            className="cv-card"
            title={
              <h2 className="ev-card-title ev-card-h">
                {t('evaluation.my.cardTitle', { month: monthInline(t, card.month) })} <ScorecardStatusTag status={card.status} />
                {card.lateStep ? <LateTag step={card.lateStep} testId="my-late" /> : null}
              </h2>
            }
            data-testid="my-card"
            data-month={card.month}
          >
            <div className="cv-cell-sub ev-regime">{t('evaluation.regime', { regime: card.regime })}</div>
            {card.status === 'closed' ? null : (
              <DeadlineNote due={card.deadlines[card.status === 'self' ? 'self' : 'head']} step={card.status === 'self' ? 'self' : 'head'} late={card.lateStep !== null} testId="my-deadline" />
            )}
            <FlowSteps card={card} />
            <Row gutter={[24, 16]}>
              <Col xs={24} lg={13}>
                <Typography.Title level={3} className="ev-section-title">
                  {t('evaluation.evidence.title')}
                </Typography.Title>
                <EvidencePanel evidence={card.evidence} evidenceScore={card.evidenceScore} deductions={card.template?.deductions} />
              </Col>
              <Col xs={24} lg={11}>
                <Typography.Title level={3} className="ev-section-title">
                  {t('evaluation.self.title')}
                </Typography.Title>
                <SelfSection key={`${card.id}-${card.status}`} card={card} />
                <Typography.Title level={3} className="ev-section-title ev-section-gap">
                  {t('evaluation.result.title')}
                </Typography.Title>
                <ResultsSection card={card} />
              </Col>
            </Row>
          </Card>
          <Card className="cv-card" title={<h2 className="ev-card-h">{t('evaluation.my.history')}</h2>}>
            <History cards={items} selected={card.month} onSelect={select} />
          </Card>
        </>
      ) : null}
    </div>
  );
}
