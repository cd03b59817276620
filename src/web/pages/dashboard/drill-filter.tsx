import { Alert, Button } from 'antd';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useUnits } from '../../api/org.queries.ts';
import { useT, type TKey } from '../../i18n/i18n.tsx';
import { formatDate } from '../../lib/format.ts';

// A dashboard figure opens its list page with the list API's own filters in the query string
// (server: metrics-links.ts). The list page passes them through and says what it is showing.

/** The drill-down filters the dossier list API takes. */
export const DOSSIER_DRILL_KEYS = ['unitId', 'from', 'to', 'basis', 'timeliness', 'supplement', 'channel', 'rating', 'handler'] as const;
/** The drill-down filters the task list API takes (from/to: the first deadline). */
export const TASK_DRILL_KEYS = ['unitId', 'from', 'to', 'timeliness'] as const;
/** The drill-down filters the violations and inspections list APIs take. */
export const VIOLATION_DRILL_KEYS = ['unitId', 'from', 'to'] as const;
export const INSPECTION_DRILL_KEYS = ['unitId', 'from', 'to', 'basis', 'status'] as const;
/** The drill-down filters the complaints list API takes. */
export const COMPLAINT_DRILL_KEYS = ['unitId', 'from', 'to', 'basis', 'outcome', 'kind'] as const;

/** The drill-down filters present in the URL (only the given keys), and a way to drop them. */
export function useDrillFilters(keys: readonly string[] = DOSSIER_DRILL_KEYS): [Record<string, string>, () => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = params.get(k);
      if (v) out[k] = v;
    }
    return out;
  }, [params, keys]);
  const clear = useCallback(
    () =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const k of keys) next.delete(k);
          return next;
        },
        { replace: true },
      ),
    [setParams, keys],
  );
  return [filters, clear];
}

const BASIS: Record<string, TKey> = { found: 'metrics.drill.basis.found', due: 'metrics.drill.basis.due', created: 'metrics.drill.basis.created', received: 'metrics.drill.basis.received', finished: 'metrics.drill.basis.finished', rated: 'metrics.drill.basis.rated', answered: 'metrics.drill.basis.answered', concluded: 'metrics.drill.basis.concluded' };
const EXTRA: Record<string, Record<string, TKey>> = {
  timeliness: { on_time: 'metrics.drill.onTime', early: 'metrics.drill.early', late: 'metrics.drill.late', extended: 'metrics.drill.extended' },
  channel: { online: 'metrics.drill.online', counter: 'metrics.drill.counter', postal: 'metrics.drill.postal' },
  supplement: { '1': 'metrics.drill.supplement' },
  rating: { very_satisfied: 'metrics.rating.verySatisfied', satisfied: 'metrics.rating.satisfied', dissatisfied: 'metrics.rating.dissatisfied' },
  outcome: { upheld: 'metrics.drill.upheld' },
};

/** "Đang lọc theo số liệu: tiếp nhận từ 01/10/2026 đến 31/10/2026 · trễ hạn · Sở Tư pháp" with "Bỏ lọc". */
export function DrillBanner({ filters, onClear, basis }: { filters: Record<string, string>; onClear: () => void; basis?: 'due' | 'found' }) {
  const t = useT();
  const units = useUnits();
  if (!Object.keys(filters).length) return null;
  const parts: string[] = [];
  if (filters.from || filters.to) {
    parts.push(
      t('metrics.drill.range', {
        basis: t(BASIS[basis ?? filters.basis ?? 'received'] ?? 'metrics.drill.basis.received'),
        from: formatDate(filters.from ?? ''),
        to: formatDate(filters.to ?? ''),
      }),
    );
  }
  for (const [key, labels] of Object.entries(EXTRA)) {
    const label = filters[key] ? labels[filters[key]] : undefined;
    if (label) parts.push(t(label));
  }
  if (filters.unitId) parts.push(units.data?.find((u) => u.id === filters.unitId)?.name ?? t('metrics.drill.oneUnit'));
  return (
    <Alert
      type="info"
      showIcon
      className="cv-drill-banner"
      data-testid="drill-banner"
      title={t('metrics.drill.title', { what: parts.join(' · ') })}
      action={
        <Button size="small" onClick={onClear} data-testid="drill-clear">
          {t('metrics.drill.clear')}
        </Button>
      }
      style={{ marginBottom: 12 }}
    />
  );
}
