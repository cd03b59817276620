import { SearchOutlined } from '@ant-design/icons';
import { Input, Select, Spin, Tag } from 'antd';
import { useMemo, useState } from 'react';
import type { TProcedure } from '../../../shared/schemas/dossiers.ts';
import { usePublicUnits } from '../../api/oversight.queries.ts';
import { usePublicProcedures } from '../../api/public.queries.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT, type TFunction } from '../../i18n/i18n.tsx';
import { feeLabel, processingLabel } from '../../lib/dossier-labels.ts';
import { foldDiacritics } from '../../lib/fold.ts';
import { useDebounced } from '../../lib/use-debounced.ts';

/** "1 bản chính, 2 bản sao", leaving out what is not asked for (no "0 bản sao"). */
function copiesLabel(t: TFunction, d: TProcedure['requiredDocuments'][number]): string {
  const parts = [d.originals ? t('publicProc.originals', { n: d.originals }) : null, d.copies ? t('publicProc.copies', { n: d.copies }) : null];
  return parts.filter(Boolean).join(', ');
}

function ProcedureCard({ p }: { p: TProcedure }) {
  const t = useT();
  return (
    <li className="cv-public-card cv-pub-proc" data-testid="public-procedure">
      <h2 className="cv-public-h2">{p.name}</h2>
      <dl className="cv-public-facts cv-pub-proc-facts">
        <div>
          <dt>{t('publicProc.where')}</dt>
          <dd data-testid="public-procedure-unit">{p.unitName}</dd>
        </div>
        <div>
          <dt>{t('publicProc.time')}</dt>
          <dd>{processingLabel(t, p)}</dd>
        </div>
        <div>
          <dt>{t('publicProc.fee')}</dt>
          <dd>{feeLabel(t, p.feeVnd)}</dd>
        </div>
      </dl>
      <p className="cv-pub-proc-field">
        {p.field} · <span className="cv-mono">{p.code}</span>
        {p.onlineLevel ? (
          <Tag color={p.onlineLevel === 'full' ? 'green' : 'blue'} className="cv-inline-tag">
            {t(`online.${p.onlineLevel}`)}
          </Tag>
        ) : null}
      </p>
      {p.requiredDocuments.length ? (
        <details className="cv-pub-proc-docs">
          <summary>{t('publicProc.documents', { count: p.requiredDocuments.length })}</summary>
          <ol>
            {p.requiredDocuments.map((d, i) => (
              <li key={i}>
                {d.name}
                <span className="cv-pub-proc-copies">{copiesLabel(t, d)}</span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </li>
  );
}

/** The procedures catalogue for citizens: what to bring, how long, how much — before the trip. */
export default function PublicProceduresPage() {
  const t = useT();
  const [q, setQ] = useState('');
  const [unitId, setUnitId] = useState<string | undefined>();
  const debounced = useDebounced(q, 300);
  // The whole province lists the same commune procedures a hundred times: ask for a word or a place first.
  const asked = Boolean(debounced.trim() || unitId);
  const list = usePublicProcedures(debounced, unitId, asked);
  const units = usePublicUnits();
  const unitOptions = useMemo(() => (units.data ?? []).map((u) => ({ value: u.id, label: u.name, search: foldDiacritics(u.name) })), [units.data]);
  const items = asked ? (list.data?.items ?? []) : [];
  return (
    <div data-testid="public-procedures-page">
      <section className="cv-public-card" aria-labelledby="pub-proc-title">
        <h1 id="pub-proc-title" className="cv-public-h1">
          {t('publicProc.title')}
        </h1>
        <p className="cv-public-lead">{t('publicProc.intro')}</p>
        <form role="search" aria-labelledby="pub-proc-title" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="pub-proc-q" className="cv-public-label">
            {t('publicProc.searchLabel')}
          </label>
          <Input
            id="pub-proc-q"
            type="search"
            size="large"
            allowClear
            value={q}
            onChange={(e) => setQ(e.target.value)}
            prefix={<SearchOutlined aria-hidden />}
            aria-describedby="pub-proc-q-help"
            autoComplete="off"
            data-testid="public-procedure-search"
          />
          <div id="pub-proc-q-help" className="cv-public-help">
            {t('publicProc.searchHelp')}
          </div>
          <label htmlFor="pub-proc-unit" className="cv-public-label">
            {t('publicProc.unitLabel')}
          </label>
          <Select<string, { value: string; label: string; search: string }>
            id="pub-proc-unit"
            size="large"
            allowClear
            value={unitId}
            onChange={(v) => setUnitId(v ?? undefined)}
            options={unitOptions}
            loading={units.isPending}
            placeholder={t('publicProc.unitPlaceholder')}
            showSearch={{ filterOption: (input, o) => foldDiacritics(input).split(' ').every((w) => (o?.search ?? '').includes(w)) }}
            listHeight={320}
            style={{ width: '100%' }}
            className="cv-ov-public-select"
            data-testid="public-procedure-unit-filter"
          />
        </form>
      </section>
      <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      <p className="cv-pub-proc-count" role="status" data-testid="public-procedure-count">
        {!asked ? t('publicProc.ask') : list.isPending ? <Spin size="small" /> : list.isError ? null : !items.length ? t('publicProc.none') : list.data?.more ? t('publicProc.more', { count: items.length }) : t('publicProc.found', { count: items.length })}
      </p>
      <ol className="cv-pub-proc-list" aria-busy={list.isFetching}>
        {items.map((p) => (
          <ProcedureCard key={p.id} p={p} />
        ))}
      </ol>
    </div>
  );
}
