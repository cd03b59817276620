import { App as AntApp, Col, Modal, Row, Skeleton, Typography } from 'antd';
import { useHeadScore, useScorecard, type TUnitMonthItem } from '../../api/evaluation.queries.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { ScoreWithLevel } from './common.tsx';
import { formatScore, marginOf, monthInline } from './evaluation-labels.ts';
import { CriteriaGuide, DeadlineNote } from './scoring-guide.tsx';
import { EvidencePanel } from './evidence-panel.tsx';
import { ScoreForm } from './score-form.tsx';

/** The head's score for one official, with the evidence, the self-assessment and the peers beside it. */
export function HeadScoreModal({ item, month, onClose }: { item: TUnitMonthItem; month: string; onClose: () => void }) {
  const t = useT();
  const [lang] = useLanguage();
  const { message } = AntApp.useApp();
  const card = useScorecard(item.scorecardId);
  const score = useHeadScore();
  const c = card.data;
  return (
    <Modal
      open
      width={960}
      title={t('evaluation.head.title', { name: item.officialName, month: monthInline(t, month) })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      data-testid="head-modal"
    >
      <ProblemAlert error={card.error} onRetry={() => void card.refetch()} />
      {card.isPending ? <Skeleton active /> : null}
      {c && c.status !== 'closed' ? <DeadlineNote due={c.deadlines.head} step="head" late={c.lateStep === 'head'} testId="head-deadline" /> : null}
      {c ? (
        <Row gutter={[24, 16]}>
          <Col xs={24} md={12}>
            <Typography.Title level={3} className="ev-subsection-title">
              {t('evaluation.evidence.title')}
            </Typography.Title>
            <EvidencePanel evidence={c.evidence} evidenceScore={c.evidenceScore} deductions={c.template?.deductions} testId="head-evidence" />
            <CriteriaGuide template={c.template} collapsed />
          </Col>
          <Col xs={24} md={12}>
            <Typography.Title level={3} className="ev-subsection-title">
              {t('evaluation.head.selfAndPeers')}
            </Typography.Title>
            <dl className="ev-score-list">
              <div>
                <dt>{t('evaluation.col.self')}</dt>
                <dd>
                  <ScoreWithLevel score={c.self.total} regime={c.regime} />
                  {c.self.total !== null ? (
                    <div className="cv-cell-sub">{t('evaluation.result.breakdown', { general: formatScore(c.self.general, lang), task: formatScore(c.self.task, lang) })}</div>
                  ) : null}
                </dd>
              </div>
              <div>
                <dt>{t('evaluation.col.peer')}</dt>
                <dd>
                  {c.peerMean !== null ? <strong className="ev-score">{formatScore(c.peerMean, lang)}</strong> : <span className="cv-muted">{t('evaluation.result.peerNone')}</span>}
                  {c.peers?.length ? (
                    <ul className="ev-peer-list" data-testid="head-peers">
                      {c.peers.map((p) => (
                        <li key={p.reviewerId}>
                          {p.reviewerName}: {p.score === null ? <span className="cv-muted">{t('evaluation.head.peerPending')}</span> : formatScore(p.score, lang)}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </dd>
              </div>
            </dl>
            {c.self.note ? <blockquote className="ev-quote">{c.self.note}</blockquote> : null}
            <Typography.Title level={3} className="ev-subsection-title ev-section-gap">
              {t('evaluation.head.yourScore')}
            </Typography.Title>
            <ScoreForm
              mode="head"
              idPrefix="head"
              defaults={{ general: c.head.general, task: c.head.task, text: c.head.reason ?? '' }}
              evidenceScore={c.evidenceScore}
              margin={marginOf(c.template)}
              regime={c.regime}
              submitLabel={t('evaluation.head.submit')}
              pending={score.isPending}
              error={score.error}
              onSubmit={async (v) => {
                await score.mutateAsync({ id: c.id, general: v.general, task: v.task, reason: v.text });
                void message.success(t('evaluation.head.saved', { name: c.officialName }));
                onClose();
              }}
            />
          </Col>
        </Row>
      ) : null}
    </Modal>
  );
}
