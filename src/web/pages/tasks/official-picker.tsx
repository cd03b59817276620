import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useOfficials } from '../../api/officials.queries.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';

export interface PickedOfficial {
  id: string;
  fullName: string;
  unitId?: string;
  unitName?: string;
  positionTitle?: string | null;
}

interface Option {
  value: string;
  label: string;
  official: PickedOfficial;
}

interface CommonProps {
  id: string;
  status?: 'error';
  placeholder?: string;
  /** Officials already chosen elsewhere (e.g. the signed-in user), so their names show before any search. */
  known?: readonly PickedOfficial[];
  /** Officials who cannot be chosen (e.g. the current owner when transferring). */
  excludeIds?: readonly string[];
  unitId?: string;
  onBlur?: () => void;
  testId?: string;
  'aria-describedby'?: string;
}

type SingleProps = CommonProps & { multiple?: false; value: string | null | undefined; onChange: (id: string, official: PickedOfficial | undefined) => void };
type MultipleProps = CommonProps & { multiple: true; value: string[]; onChange: (ids: string[]) => void };

/**
 * Picks officials by name, searched on the server (diacritics ignored: "nguyen thu" finds
 * "Nguyễn Thu Anh"); each option shows the position and unit so namesakes can be told apart.
 */
export function OfficialPicker(props: SingleProps | MultipleProps) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const officials = useOfficials({ q, unitId: props.unitId, limit: 20 });
  const [known, setKnown] = useState<Map<string, PickedOfficial>>(() => new Map((props.known ?? []).map((o) => [o.id, o])));

  useEffect(() => {
    const found = officials.data?.pages.flatMap((p) => p.items) ?? [];
    if (!found.length) return;
    setKnown((prev) => {
      const next = new Map(prev);
      for (const o of found) next.set(o.id, { id: o.id, fullName: o.fullName, unitId: o.unitId, unitName: o.unitName, positionTitle: o.positionTitle });
      return next;
    });
  }, [officials.data]);

  const exclude = useMemo(() => new Set(props.excludeIds ?? []), [props.excludeIds]);
  const options = useMemo<Option[]>(() => {
    const found = (officials.data?.pages.flatMap((p) => p.items) ?? []).filter((o) => o.active && !exclude.has(o.id));
    const out: Option[] = found.map((o) => ({
      value: o.id,
      label: o.fullName,
      official: { id: o.id, fullName: o.fullName, unitId: o.unitId, unitName: o.unitName, positionTitle: o.positionTitle },
    }));
    // Keep the chosen ones as options so their names stay visible whatever the search shows.
    const chosen = props.multiple ? props.value : props.value ? [props.value] : [];
    for (const id of chosen) {
      const o = known.get(id);
      if (o && !out.some((x) => x.value === id)) out.unshift({ value: id, label: o.fullName, official: o });
    }
    return out;
  }, [officials.data, exclude, known, props.multiple, props.value]);

  const common = {
    id: props.id,
    'aria-describedby': props['aria-describedby'],
    placeholder: props.placeholder ?? t('tasks.assign.pickerPlaceholder'),
    status: props.status,
    loading: officials.isFetching,
    options,
    onBlur: () => {
      setSearch('');
      props.onBlur?.();
    },
    showSearch: { filterOption: false, onSearch: setSearch, searchValue: search },
    notFoundContent: officials.isFetching ? t('app.loading') : t('tasks.assign.pickerEmpty'),
    optionRender: (option: { data: Option }) => {
      const o = option.data.official;
      const sub = [o.positionTitle, o.unitName].filter(Boolean).join(' · ');
      return (
        <div className="cv-proc-option">
          <div className="cv-proc-option-name">{o.fullName}</div>
          {sub ? <div className="cv-cell-sub">{sub}</div> : null}
        </div>
      );
    },
    listHeight: 320,
    style: { width: '100%' },
    'data-testid': props.testId,
  };

  if (props.multiple) {
    return (
      <Select<string[], Option>
        {...common}
        mode="multiple"
        value={props.value}
        onChange={(ids) => {
          setSearch('');
          props.onChange(ids);
        }}
      />
    );
  }
  return (
    <Select<string, Option>
      {...common}
      allowClear
      value={props.value || undefined}
      onChange={(id) => {
        setSearch('');
        props.onChange(id ?? '', id ? known.get(id) : undefined);
      }}
    />
  );
}
