import { Select } from 'antd';
import { useMemo } from 'react';
import type { TProcedure } from '../../shared/schemas/dossiers.ts';
import { useT } from '../i18n/i18n.tsx';
import { feeLabel, processingLabel } from '../lib/dossier-labels.ts';
import { foldDiacritics } from '../lib/fold.ts';

interface ProcedureOption {
  value: string;
  label: string;
  search: string;
  procedure: TProcedure;
}

interface ProcedureSelectProps {
  id: string;
  procedures: readonly TProcedure[];
  value: string | undefined;
  onChange: (procedure: TProcedure | undefined) => void;
  onBlur?: () => void;
  loading?: boolean;
  status?: 'error';
  placeholder?: string;
  /** Show the handling unit under each name (when the list spans several units). */
  showUnit?: boolean;
}

/** Picks a procedure; search ignores diacritics and matches the name, code or field; each option shows time and fee. */
export function ProcedureSelect({ id, procedures, value, onChange, onBlur, loading, status, placeholder, showUnit }: ProcedureSelectProps) {
  const t = useT();
  const options = useMemo<ProcedureOption[]>(
    () =>
      procedures
        .filter((p) => p.active || p.id === value)
        .map((p) => ({
          value: p.id,
          label: p.name,
          search: foldDiacritics(`${p.name} ${p.code} ${p.field} ${showUnit ? p.unitName : ''}`),
          procedure: p,
        })),
    [procedures, value, showUnit],
  );
  return (
    <Select<string, ProcedureOption>
      id={id}
      size="large"
      value={value || undefined}
      onChange={(v) => onChange(options.find((o) => o.value === v)?.procedure)}
      onBlur={onBlur}
      loading={loading}
      status={status}
      placeholder={placeholder ?? t('counter.procedurePlaceholder')}
      notFoundContent={t('counter.noProcedure')}
      options={options}
      showSearch={{
        filterOption: (input, option) => {
          const words = foldDiacritics(input).split(' ').filter(Boolean);
          const text = option?.search ?? '';
          return words.every((w) => text.includes(w));
        },
      }}
      optionRender={(option) => {
        const p = option.data.procedure;
        return (
          <div className="cv-proc-option">
            <div className="cv-proc-option-name">{p.name}</div>
            <div className="cv-cell-sub">
              <span className="cv-mono">{p.code}</span> · {processingLabel(t, p)} · {feeLabel(t, p.feeVnd)}
              {showUnit ? ` · ${p.unitName}` : ''}
            </div>
          </div>
        );
      }}
      listHeight={360}
      style={{ width: '100%' }}
      data-testid="procedure-select"
    />
  );
}
