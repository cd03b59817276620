import { DatePicker, Form, Segmented } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TPeriod } from '../../../shared/schemas/metrics.ts';
import type { PeriodQuery } from '../../api/metrics.ts';
import { useT } from '../../i18n/i18n.tsx';
import { DATE_FORMAT } from '../../lib/format.ts';

type Kind = PeriodQuery['period'];
const KINDS: Kind[] = ['month', 'quarter', 'year', 'custom'];
const AT = { month: /^\d{4}-(0[1-9]|1[0-2])$/, quarter: /^\d{4}-Q[1-4]$/, year: /^\d{4}$/ } as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The period kept in the URL (?period=quarter&at=2026-Q3), so a dashboard can be shared as a link. */
export function usePeriodQuery(): [PeriodQuery, (next: PeriodQuery) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('period') as Kind | null;
  const kind: Kind = raw && KINDS.includes(raw) ? raw : 'month';
  const at = params.get('at') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const query = useMemo<PeriodQuery>(() => {
    if (kind === 'custom') {
      // An incomplete custom range falls back to this month rather than asking the API for an error.
      return from && to && DAY.test(from) && DAY.test(to) && from <= to ? { period: 'custom', from, to } : { period: 'month' };
    }
    return { period: kind, at: at && AT[kind].test(at) ? at : undefined };
  }, [kind, at, from, to]);
  const set = useCallback(
    (next: PeriodQuery) =>
      setParams(
        (prev) => {
          const out = new URLSearchParams(prev);
          for (const k of ['period', 'at', 'from', 'to']) out.delete(k);
          out.set('period', next.period);
          if (next.period === 'custom') {
            if (next.from) out.set('from', next.from);
            if (next.to) out.set('to', next.to);
          } else if (next.at) out.set('at', next.at);
          return out;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [query, set];
}

/** "2026-Q3" ↔ the first day of that quarter (antd's quarter picker works on days). */
const quarterStart = (at: string) => dayjs(`${at.slice(0, 4)}-${String((Number(at.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`);
const quarterOf = (d: Dayjs) => `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`;

/** The picker's value: the one asked for, else the period the server answered with (the current one). */
function pickerValue(q: PeriodQuery, shown: TPeriod | undefined): Dayjs | null {
  if (q.period === 'custom') return null;
  if (q.at) return q.period === 'quarter' ? quarterStart(q.at) : dayjs(q.period === 'year' ? `${q.at}-01-01` : `${q.at}-01`);
  return shown && shown.kind === q.period ? dayjs(shown.from) : null;
}

/** Month / quarter / year / custom, then the matching antd picker. */
export function PeriodFilter({ value, onChange, shown }: { value: PeriodQuery; onChange: (q: PeriodQuery) => void; shown?: TPeriod }) {
  const t = useT();
  const current = pickerValue(value, shown);
  const range: [Dayjs, Dayjs] | null = value.period === 'custom' && value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : shown?.kind === 'custom' ? [dayjs(shown.from), dayjs(shown.to)] : null;
  const kindChanged = (kind: Kind) => {
    if (kind === 'custom') {
      // Start from the period on screen so the range is never empty.
      const from = shown?.from ?? dayjs().startOf('month').format('YYYY-MM-DD');
      const to = shown?.to ?? dayjs().format('YYYY-MM-DD');
      onChange({ period: 'custom', from, to });
    } else onChange({ period: kind });
  };
  return (
    <Form component={false} layout="vertical">
      <div className="db-period" data-testid="period-filter">
        <Form.Item label={t('metrics.period.kind')} className="db-period-item">
          <Segmented<Kind>
            aria-label={t('metrics.period.kind')}
            value={value.period}
            onChange={kindChanged}
            options={KINDS.map((k) => ({ value: k, label: <span data-testid={`period-kind-${k}`}>{t(`metrics.period.${k}`)}</span> }))}
          />
        </Form.Item>
        <Form.Item label={t('metrics.period.pick')} htmlFor="db-period-at" className="db-period-item">
          {value.period === 'custom' ? (
            <DatePicker.RangePicker
              id={{ start: 'db-period-at', end: 'db-period-to' }}
              format={DATE_FORMAT}
              value={range}
              allowClear={false}
              onChange={(r) => {
                if (r?.[0] && r[1]) onChange({ period: 'custom', from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') });
              }}
              data-testid="period-range"
            />
          ) : (
            <DatePicker
              id="db-period-at"
              picker={value.period}
              value={current}
              allowClear={false}
              format={value.period === 'month' ? 'MM/YYYY' : value.period === 'year' ? 'YYYY' : (d: Dayjs) => t('metrics.period.quarterLabel', { q: Math.floor(d.month() / 3) + 1, y: d.year() })}
              onChange={(d: Dayjs | null) => {
                if (!d) return;
                onChange({ period: value.period, at: value.period === 'month' ? d.format('YYYY-MM') : value.period === 'year' ? d.format('YYYY') : quarterOf(d) });
              }}
              data-testid="period-at"
            />
          )}
        </Form.Item>
      </div>
    </Form>
  );
}
