import { Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { THeadRankRow } from '../../../shared/schemas/metrics.ts';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { formatDecimal, formatPercent } from './metrics-format.ts';
import { RateBar } from './ranking-table.tsx';
import { TrendArrow } from './trend-arrow.tsx';

/** The heads of units ranked by their unit's results (the head answers for the unit's figures). */
export function HeadsTable({ rows, unitHref }: { rows: THeadRankRow[]; unitHref: (unitId: string) => string }) {
  const t = useT();
  const [lang] = useLanguage();
  const columns: TableColumnsType<THeadRankRow> = [
    {
      key: 'rank',
      title: t('metrics.rank.rank'),
      width: 80,
      render: (_, r) => (
        <span className="db-rank">
          <strong>{r.rank}</strong> <TrendArrow trend={r.trend} rank={r.rank} previousRank={r.previousRank} />
        </span>
      ),
    },
    {
      key: 'name',
      title: t('metrics.heads.name'),
      render: (_, r) => (
        <>
          <div className="db-strong">{r.fullName}</div>
          <Link to={unitHref(r.unitId)} className="cv-cell-sub">
            {r.unitName}
          </Link>
        </>
      ),
    },
    { key: 'onTime', title: t('metrics.rank.onTime'), render: (_, r) => <RateBar rate={r.onTimeRate} /> },
    { key: 'tasks', title: t('metrics.heads.tasks'), align: 'right', responsive: ['md'], render: (_, r) => formatPercent(r.tasksOnTimeRate, lang) },
    { key: 'satisfaction', title: t('metrics.rank.satisfaction'), align: 'right', responsive: ['sm'], render: (_, r) => formatPercent(r.satisfactionIndex, lang) },
    { key: 'score', title: t('metrics.heads.score'), align: 'right', responsive: ['lg'], render: (_, r) => formatDecimal(r.averageScore, lang) },
    { key: 'index', title: t('metrics.rank.index'), align: 'right', render: (_, r) => <strong>{formatDecimal(r.index766, lang)}</strong> },
  ];
  return (
    <Table<THeadRankRow>
      rowKey={(r) => `${r.officialId}:${r.unitId}`}
      size="middle"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
      locale={{ emptyText: t('metrics.heads.empty') }}
      scroll={{ x: 'max-content' }}
      data-testid="heads-table"
    />
  );
}
