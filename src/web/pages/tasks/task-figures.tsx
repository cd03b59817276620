import { Card, Grid, Progress, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { useTaskFigures } from '../../api/tasks.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { BOUNCED_PATH, BOUNCED_ROLES, readsProvince, vnToday } from './task-labels.ts';

/** "84,1" in Vietnamese, "84.1" in English: one decimal at most. */
function rateText(rate: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 1 }).format(rate);
}

/** The unit's (or, for leaders, the province's) on-time rate this year against the 100% goal. */
export function TaskFiguresCard() {
  const t = useT();
  const me = useCurrentUser();
  const screens = Grid.useBreakpoint();
  const to = vnToday();
  const from = `${to.slice(0, 4)}-01-01`;
  const figures = useTaskFigures(from, to);
  const f = figures.data;
  const [lang] = useLanguage();
  const scope = readsProvince(me)
    ? t('tasks.figures.scopeProvince', { from: formatDate(from), to: formatDate(to) })
    : t('tasks.figures.scopeUnit', { unit: me.unit.name, from: formatDate(from), to: formatDate(to) });
  const rate = f?.onTimeRate ?? null;
  const reached = rate !== null && rate >= 100;
  const color = rate === null ? undefined : rate >= 95 ? '#2e7d32' : rate >= 80 ? '#d46b08' : '#c62828';
  const showBounced = hasAnyRole(me, BOUNCED_ROLES);

  return (
    <Card className="cv-card cv-task-figures" data-testid="task-figures">
      <ProblemAlert error={figures.error} onRetry={() => void figures.refetch()} />
      {figures.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : f ? (
        <div className="cv-figures-layout">
          <div className="cv-figures-gauge">
            <Progress
              type="dashboard"
              percent={rate ?? 0}
              size={screens.md ? 116 : 84}
              strokeColor={color}
              format={() => (rate === null ? '—' : `${rateText(rate, lang)}%`)}
              aria-label={rate === null ? t('tasks.figures.none') : t('tasks.figures.rateLabel', { rate: rateText(rate, lang) })}
              data-testid="task-figures-rate"
            />
          </div>
          <div className="cv-figures-head">
            <Typography.Title level={2} className="cv-figures-title">
              {t('tasks.figures.title')}
            </Typography.Title>
            <div className="cv-muted cv-figures-scope">{scope}</div>
            <div className="cv-figures-goal">
              <strong>{t('tasks.figures.goal')}</strong>
              {rate === null ? (
                <span className="cv-muted"> · {t('tasks.figures.none')}</span>
              ) : reached ? (
                <span className="cv-figures-ok"> · {t('tasks.figures.reached')}</span>
              ) : (
                <span className="cv-figures-gap"> · {t('tasks.figures.gap', { gap: rateText(100 - rate, lang) })}</span>
              )}
            </div>
          </div>
          <div className="cv-figures-more">
            <dl className="cv-figures-stats">
              <div>
                <dt>{t('tasks.figures.total')}</dt>
                <dd>{formatNumber(f.total)}</dd>
              </div>
              <div className="cv-stat-ok">
                <dt>{t('tasks.figures.onTime')}</dt>
                <dd data-testid="figures-on-time">{formatNumber(f.onTime)}</dd>
              </div>
              <div className="cv-stat-warn">
                <dt>{t('tasks.figures.extended')}</dt>
                <dd>{formatNumber(f.extended)}</dd>
              </div>
              <div className="cv-stat-bad">
                <dt>{t('tasks.figures.late')}</dt>
                <dd>{formatNumber(f.late)}</dd>
              </div>
              <div className="cv-stat-bad">
                <dt>{t('tasks.figures.openOverdue')}</dt>
                <dd>{formatNumber(f.openOverdue)}</dd>
              </div>
              <div>
                <dt>{t('tasks.figures.bounced')}</dt>
                <dd>{showBounced && f.bounced > 0 ? <Link to={BOUNCED_PATH}>{formatNumber(f.bounced)}</Link> : formatNumber(f.bounced)}</dd>
              </div>
            </dl>
            <Typography.Paragraph type="secondary" className="cv-figures-note">
              {t('tasks.figures.note')}
            </Typography.Paragraph>
          </div>
        </div>
      ) : null}
    </Card>
  );
}
