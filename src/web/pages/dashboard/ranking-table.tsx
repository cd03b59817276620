import { SearchOutlined } from '@ant-design/icons';
import { Form, Input, Segmented, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { TUnitRankRow } from '../../../shared/schemas/metrics.ts';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { foldDiacritics } from '../../lib/fold.ts';
import { formatCount, formatDecimal, formatPercent, rateColour } from './metrics-format.ts';
import { TrendArrow } from './trend-arrow.tsx';

type KindFilter = 'all' | 'agencies' | 'communes';
const isCommune = (kind: string) => kind === 'commune';

/** The on-time rate with a small bar in its band's colour. */
export function RateBar({ rate }: { rate: number | null }) {
  const [lang] = useLanguage();
  return (
    <span className="db-ratebar">
      <span className="db-ratebar-track" aria-hidden>
        <span className="db-ratebar-fill" style={{ width: `${rate ?? 0}%`, background: rateColour(rate) }} />
      </span>
      <span className="db-ratebar-text">{formatPercent(rate, lang)}</span>
    </span>
  );
}

/**
 * The units below the one on screen, ranked by the 766 index then the on-time rate, with the move
 * since the previous period. The search ignores diacritics ("vinh yen" finds "Vĩnh Yên").
 */
export function RankingTable({ rows, unitHref, testId = 'ranking-table' }: { rows: TUnitRankRow[]; unitHref: (unitId: string) => string; testId?: string }) {
  const t = useT();
  const [lang] = useLanguage();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<KindFilter>('all');
  const mixed = rows.some((r) => isCommune(r.kind)) && rows.some((r) => !isCommune(r.kind));
  const shown = useMemo(() => {
    const needle = foldDiacritics(q);
    return rows.filter(
      (r) =>
        (kind === 'all' || (kind === 'communes') === isCommune(r.kind)) &&
        (!needle || foldDiacritics(`${r.name} ${r.code}`).includes(needle)),
    );
  }, [rows, q, kind]);
  const columns: TableColumnsType<TUnitRankRow> = [
    {
      key: 'rank',
      title: t('metrics.rank.rank'),
      width: 80,
      render: (_, r) => (
        <span className="db-rank">
          <strong data-testid="rank-no">{r.rank}</strong> <TrendArrow trend={r.trend} rank={r.rank} previousRank={r.previousRank} />
        </span>
      ),
    },
    {
      key: 'name',
      title: t('metrics.rank.unit'),
      render: (_, r) => (
        <Link to={unitHref(r.unitId)} className="cv-name-link" data-testid="rank-unit-link">
          {r.name}
        </Link>
      ),
    },
    { key: 'received', title: t('metrics.rank.received'), align: 'right', responsive: ['md'], render: (_, r) => formatCount(r.received, lang) },
    { key: 'onTime', title: t('metrics.rank.onTime'), render: (_, r) => <RateBar rate={r.onTimeRate} /> },
    { key: 'satisfaction', title: t('metrics.rank.satisfaction'), align: 'right', responsive: ['sm'], render: (_, r) => formatPercent(r.satisfactionIndex, lang) },
    { key: 'supplement', title: t('metrics.rank.supplement'), align: 'right', responsive: ['xl'], render: (_, r) => formatPercent(r.supplementRate, lang) },
    { key: 'complaints', title: t('metrics.rank.complaints'), align: 'right', responsive: ['lg'], render: (_, r) => formatCount(r.complaints, lang) },
    { key: 'index', title: t('metrics.rank.index'), align: 'right', render: (_, r) => <strong>{formatDecimal(r.index766, lang)}</strong> },
  ];
  return (
    <div data-testid={testId}>
      <Form component={false} layout="vertical">
        <div className="db-table-tools">
          <Form.Item label={t('metrics.rank.search')} htmlFor={`${testId}-q`} className="db-tools-item">
            <Input
              id={`${testId}-q`}
              type="search"
              allowClear
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder={t('metrics.rank.searchPlaceholder')}
              prefix={<SearchOutlined aria-hidden />}
              data-testid="ranking-search"
            />
          </Form.Item>
          {mixed ? (
            <Form.Item label={t('metrics.rank.kind')} className="db-tools-item">
              <Segmented<KindFilter>
                aria-label={t('metrics.rank.kind')}
                value={kind}
                onChange={setKind}
                options={(['all', 'agencies', 'communes'] as const).map((k) => ({ value: k, label: t(`metrics.rank.kind.${k}`) }))}
              />
            </Form.Item>
          ) : null}
        </div>
      </Form>
      <Table<TUnitRankRow>
        rowKey="unitId"
        size="middle"
        columns={columns}
        dataSource={shown}
        pagination={shown.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: t(q ? 'metrics.rank.noMatch' : 'metrics.rank.empty') }}
      />
    </div>
  );
}
