import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useOfficials } from '../../api/officials.queries.ts';
import { foldDiacritics } from '../../lib/fold.ts';
import { useDebounced } from '../../lib/use-debounced.ts';

interface Known {
  id: string;
  fullName: string;
}

interface BaseProps {
  id: string;
  /** Only the officials of this unit (and its sub-units); without it the server search spans the caller's scope. */
  unitId?: string | null;
  /** Names of officials already chosen, so their labels show before any search. */
  known?: readonly Known[];
  placeholder?: string;
  status?: 'error';
  disabled?: boolean;
  'aria-describedby'?: string;
  testId?: string;
}

interface SingleProps extends BaseProps {
  mode?: undefined;
  value: string | null | undefined;
  onChange: (value: string | null) => void;
}

interface MultiProps extends BaseProps {
  mode: 'multiple';
  value: string[];
  onChange: (value: string[]) => void;
}

interface Option {
  value: string;
  label: string;
  search: string;
  sub: string;
}

/**
 * Picks officials by name. With a unit: its staff, filtered here; without: the server searches by
 * name (folded), so "nguyen van" finds "Nguyễn Văn".
 */
export function OfficialSelect(props: SingleProps | MultiProps) {
  const { id, unitId, known, placeholder, status, disabled, testId } = props;
  const [q, setQ] = useState('');
  const debounced = useDebounced(q, 250);
  const scoped = Boolean(unitId);
  const officials = useOfficials(scoped ? { unitId: unitId ?? undefined, limit: 200 } : { q: debounced, limit: 30 });
  const options = useMemo<Option[]>(() => {
    const found = (officials.data?.pages.flatMap((p) => p.items) ?? []).filter((o) => o.active);
    const out: Option[] = found.map((o) => ({
      value: o.id,
      label: o.fullName,
      sub: [o.positionTitle, o.unitName].filter(Boolean).join(' — '),
      search: foldDiacritics(`${o.fullName} ${o.positionTitle ?? ''} ${o.unitName}`),
    }));
    for (const k of known ?? []) {
      if (!out.some((o) => o.value === k.id)) out.unshift({ value: k.id, label: k.fullName, sub: '', search: foldDiacritics(k.fullName) });
    }
    return out;
  }, [officials.data, known]);

  const common = {
    id,
    options,
    placeholder,
    status,
    disabled,
    loading: officials.isFetching,
    showSearch: {
      filterOption: scoped ? (input: string, option?: Option) => foldDiacritics(input).split(' ').every((w) => (option?.search ?? '').includes(w)) : false,
      onSearch: scoped ? undefined : setQ,
    },
    optionRender: (option: { data: Option }) => (
      <div>
        <div>{option.data.label}</div>
        {option.data.sub ? <div className="cv-cell-sub">{option.data.sub}</div> : null}
      </div>
    ),
    popupMatchSelectWidth: false,
    style: { width: '100%' },
    'aria-describedby': props['aria-describedby'],
    'data-testid': testId,
  };

  if (props.mode === 'multiple') {
    return <Select<string[], Option> {...common} mode="multiple" value={props.value} onChange={(v) => props.onChange(v)} />;
  }
  return <Select<string | null, Option> {...common} allowClear value={props.value ?? null} onChange={(v) => props.onChange(v ?? null)} />;
}
