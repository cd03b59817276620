import { DatePicker, Select, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import type { ClassLevel, ScorecardStatus } from '../../api/evaluation.queries.ts';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { currentYear, formatScore, LEVEL_COLOR, levelKey, levelOf, STATUS_COLOR, statusKey } from './evaluation-labels.ts';

/** A month typed or picked as MM/YYYY; the value stays 'YYYY-MM'. */
export function MonthField({ id, value, onChange, allowClear, placeholder, testId }: { id: string; value: string | null; onChange: (month: string | null) => void; allowClear?: boolean; placeholder?: string; testId?: string }) {
  const t = useT();
  return (
    <DatePicker
      id={id}
      picker="month"
      format={['MM/YYYY', 'M/YYYY']}
      value={value ? dayjs(`${value}-01`, 'YYYY-MM-DD') : null}
      onChange={(d) => onChange(d ? d.format('YYYY-MM') : null)}
      allowClear={allowClear ?? false}
      placeholder={placeholder ?? t('evaluation.monthPlaceholder')}
      style={{ width: 170 }}
      data-testid={testId}
    />
  );
}

/** The evaluation years offered: from 2021 (Decree 90/2020 data) to next year. */
export function YearSelect({ id, value, onChange, testId }: { id: string; value: number; onChange: (year: number) => void; testId?: string }) {
  const options = useMemo(() => {
    const last = currentYear() + 1;
    return Array.from({ length: last - 2021 + 1 }, (_, i) => ({ value: last - i, label: String(last - i) }));
  }, []);
  return <Select id={id} value={value} onChange={onChange} options={options} style={{ width: 120 }} data-testid={testId} />;
}

export function ScorecardStatusTag({ status }: { status: ScorecardStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="scorecard-status" data-status={status}>
      {t(statusKey(status))}
    </Tag>
  );
}

export function LevelTag({ level, testId, short }: { level: ClassLevel; testId?: string; short?: boolean }) {
  const t = useT();
  const full = t(levelKey(level));
  return (
    <Tag color={LEVEL_COLOR[level]} data-testid={testId} data-level={level} className="ev-level-tag" title={short ? full : undefined}>
      {short && level !== 'not_classified' ? t(`evaluation.levelShort.${level}`) : full}
    </Tag>
  );
}

/** A score with the level it reaches ("83,1 · Hoàn thành tốt nhiệm vụ"). */
export function ScoreWithLevel({ score, regime, testId, short }: { score: number | null; regime?: string; testId?: string; short?: boolean }) {
  const [lang] = useLanguage();
  const level = levelOf(score, regime);
  if (score === null) return <span className="cv-muted" data-testid={testId}>—</span>;
  return (
    <span className="ev-score-level" data-testid={testId}>
      <strong className="ev-score">{formatScore(score, lang)}</strong>
      {level ? <LevelTag level={level} short={short} /> : null}
    </span>
  );
}

/** A proposal's reasons, one a line. */
export function Reasons({ reasons }: { reasons: string[] }) {
  return (
    <ul className="ev-reasons ev-reasons-compact">
      {reasons.map((r, i) => (
        <li key={i}>{r}</li>
      ))}
    </ul>
  );
}
