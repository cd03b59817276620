import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ScoreStep, TCardTemplate } from '../../api/evaluation.queries.ts';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { dueDayLabel, formatScore } from './evaluation-labels.ts';

/** The red "Quá hạn" tag of a step past its deadline. */
export function LateTag({ step, testId = 'late-tag' }: { step: ScoreStep; testId?: string }) {
  const t = useT();
  return (
    <Tag color="red" icon={<ClockCircleOutlined aria-hidden />} title={t(`evaluation.lateStep.${step}`)} data-testid={testId} data-step={step}>
      {t('evaluation.late')}
    </Tag>
  );
}

/** "Hạn tự đánh giá: 03/12/2026" with the late tag when the step is past it. */
export function DeadlineNote({ due, step, late, testId = 'deadline' }: { due: string; step: ScoreStep; late: boolean; testId?: string }) {
  const t = useT();
  return (
    <div className={late ? 'ev-deadline ev-deadline-late' : 'ev-deadline'} data-testid={testId} data-step={step}>
      <ClockCircleOutlined aria-hidden /> {t(`evaluation.due.${step}`, { date: dueDayLabel(due) })} {late ? <LateTag step={step} /> : null}
    </div>
  );
}

/**
 * The criteria of the card's template with their maxima: what the 30 + 70 points are made of for
 * this unit kind (the guide beside the score form). Nothing on cards made before templates existed.
 */
export function CriteriaGuide({ template, collapsed }: { template: TCardTemplate | null; collapsed?: boolean }) {
  const t = useT();
  const [lang] = useLanguage();
  if (!template) return null;
  const groups = (['general', 'task'] as const).map((group) => {
    const criteria = template.criteria.filter((c) => c.group === group);
    return { group, criteria, max: criteria.reduce((s, c) => s + c.max, 0) };
  });
  const body = (
    <>
      {groups.map(({ group, criteria, max }) => (
        <div key={group} className="ev-guide-group">
          <div className="ev-guide-group-title">{t(group === 'general' ? 'evaluation.guide.general' : 'evaluation.guide.task', { max: formatScore(max, lang) })}</div>
          <ul className="ev-guide-list">
            {criteria.map((c) => (
              <li key={c.code} data-testid="guide-criterion">
                <span className="cv-mono ev-guide-code">{c.code}</span>
                <span className="ev-guide-name">{c.name}</span>
                <span className="ev-guide-max">{t('evaluation.guide.max', { max: formatScore(c.max, lang) })}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <div className="cv-cell-sub">{t('evaluation.guide.source', { name: template.name, version: template.version })}</div>
    </>
  );
  const title = t('evaluation.guide.title');
  return collapsed ? (
    <details className="ev-guide ev-records" data-testid="criteria-guide">
      <summary>{title}</summary>
      {body}
    </details>
  ) : (
    <section className="ev-guide" aria-label={title} data-testid="criteria-guide">
      <div className="ev-guide-title">{title}</div>
      {body}
    </section>
  );
}
