import { Tooltip } from 'antd';
import { useMemo } from 'react';
import type { DayKind, TCalendarYear } from '../../api/calendar.queries.ts';
import { useT, type TKey } from '../../i18n/i18n.tsx';

export const DAY_KINDS: DayKind[] = ['holiday', 'compensatory-day', 'extra-day-off', 'make-up-working-day'];
export const dayKindKey = (k: DayKind | 'weekend'): TKey => `dayKind.${k}`;

const pad = (n: number) => String(n).padStart(2, '0');
/** Monday-first column of a date (Vietnamese calendars start the week on Monday). */
const column = (y: number, m: number, d: number) => (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

interface Special {
  kind: DayKind;
  name?: string;
}

function Month({ year, month, special, today }: { year: number; month: number; special: Map<string, Special>; today: string }) {
  const t = useT();
  const first = column(year, month, 1);
  const total = daysIn(year, month);
  const cells: (number | null)[] = [...Array<null>(first).fill(null), ...Array.from({ length: total }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks: (number | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const headers = [1, 2, 3, 4, 5, 6, 0];
  return (
    <table className="cv-month" data-testid={`month-${month}`}>
      <caption>{t('calendar.month', { m: month })}</caption>
      <thead>
        <tr>
          {headers.map((w) => (
            <th key={w} scope="col" abbr={t(`weekday.${w}` as TKey)} className={w === 0 || w === 6 ? 'cv-month-weekend' : undefined}>
              {t(`weekdayShort.${w}` as TKey)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, wi) => (
          <tr key={wi}>
            {week.map((d, ci) => {
              if (d === null) return <td key={ci} />;
              const iso = `${year}-${pad(month)}-${pad(d)}`;
              const s = special.get(iso);
              const weekend = ci >= 5;
              const cls = ['cv-day', s ? `cv-day-${s.kind}` : weekend ? 'cv-day-weekend' : '', iso === today ? 'cv-day-today' : ''].filter(Boolean).join(' ');
              if (!s) {
                return (
                  <td key={ci}>
                    <span className={cls}>{d}</span>
                  </td>
                );
              }
              const label = `${t('calendar.dayAria', { d, m: month, y: year })}: ${t(dayKindKey(s.kind))}${s.name ? ` — ${s.name}` : ''}`;
              return (
                <td key={ci}>
                  <Tooltip title={label} trigger={['hover', 'focus', 'click']}>
                    <button type="button" className={cls} aria-label={label} data-testid="special-day" data-kind={s.kind} data-date={iso}>
                      {d}
                    </button>
                  </Tooltip>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Twelve small month calendars with the year's holidays, days off and make-up working days coloured. */
export function YearGrid({ data, today }: { data: TCalendarYear; today: string }) {
  const t = useT();
  const special = useMemo(() => new Map(data.specialDays.map((d) => [d.date, { kind: d.kind, name: d.name }])), [data.specialDays]);
  return (
    <div>
      <ul className="cv-legend" aria-label={t('calendar.legend')}>
        {DAY_KINDS.map((k) => (
          <li key={k}>
            <span className={`cv-legend-swatch cv-day-${k}`} aria-hidden />
            {t(dayKindKey(k))}
          </li>
        ))}
        <li>
          <span className="cv-legend-swatch cv-day-weekend" aria-hidden />
          {t('dayKind.weekend')}
        </li>
      </ul>
      <div className="cv-year-grid" role="group" aria-label={t('calendar.monthsLabel', { year: data.year })}>
        {Array.from({ length: 12 }, (_, i) => (
          <Month key={i} year={data.year} month={i + 1} special={special} today={today} />
        ))}
      </div>
    </div>
  );
}
