import { RightOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Card, Form, Grid, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useFlatUnits, type TFlatUnits } from '../../api/evaluation.queries.ts';
import { useUnits } from '../../api/org.queries.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { MonthField } from './common.tsx';
import { flatReasonKey, formatScore, isMonth, monthInline } from './evaluation-labels.ts';
import './evaluation.css';

type FlatUnit = TFlatUnits['units'][number];
type Pair = TFlatUnits['mutualPairs'][number];

const unitLink = (month: string, unitId: string) => `/danh-gia/don-vi?thang=${month}&donvi=${unitId}&tu=cao-bang`;

/** The unit's scores on one line: min to max on the 0–100 scale (a flat unit is a short bar near the top). */
function RangeBar({ unit }: { unit: FlatUnit }) {
  const t = useT();
  const [lang] = useLanguage();
  const s = unit.spread;
  const label = t('evaluation.flatPage.range', { min: formatScore(s.min, lang), max: formatScore(s.max, lang) });
  return (
    <div className="ev-range" role="img" aria-label={label}>
      <div className="ev-range-track" aria-hidden>
        {[50, 70, 90].map((v) => (
          <span key={v} className="ev-range-tick" style={{ left: `${v}%` }} />
        ))}
        <span className="ev-range-bar" style={{ left: `${s.min}%`, width: `${Math.max(1, s.max - s.min)}%` }} />
      </div>
      <span className="cv-cell-sub">{label}</span>
    </div>
  );
}

export default function FlatUnitsPage() {
  const t = useT();
  const [lang] = useLanguage();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const requested = isMonth(params.get('thang')) ? params.get('thang')! : undefined;
  const data = useFlatUnits(requested);
  const month = data.data?.month ?? null;
  const units = data.data?.units ?? [];
  const pairs = data.data?.mutualPairs ?? [];
  // The unit above each flagged unit ("Phòng Kinh tế" of which commune), from the cached unit list.
  const allUnits = useUnits();
  const parentName = (unitId: string) => {
    const list = allUnits.data ?? [];
    const parentId = list.find((u) => u.id === unitId)?.parentId;
    return parentId ? (list.find((u) => u.id === parentId)?.name ?? null) : null;
  };

  const columns: TableColumnsType<FlatUnit> = [
    { key: 'code', title: t('evaluation.flatPage.code'), render: (_, u) => <span className="cv-mono cv-nowrap" data-testid="flat-unit-code">{u.code}</span> },
    {
      key: 'name',
      title: t('evaluation.flatPage.unit'),
      render: (_, u) => (
        <>
          {month ? (
            <Link to={unitLink(month, u.unitId)} className="cv-name-link" data-testid="flat-unit-link">
              {u.name}
            </Link>
          ) : (
            u.name
          )}
          {parentName(u.unitId) ? <div className="cv-cell-sub">{parentName(u.unitId)}</div> : null}
        </>
      ),
    },
    {
      key: 'reasons',
      title: t('evaluation.flatPage.signs'),
      render: (_, u) => (
        <span className="cv-tags">
          {u.reasons.map((r) => (
            <Tag key={r} color="orange">
              {t(flatReasonKey(r))}
            </Tag>
          ))}
        </span>
      ),
    },
    { key: 'count', title: t('evaluation.flatPage.people'), align: 'right', render: (_, u) => u.spread.count },
    { key: 'range', title: t('evaluation.flatPage.scores'), render: (_, u) => <RangeBar unit={u} /> },
    { key: 'spread', title: t('evaluation.flatPage.spread'), align: 'right', render: (_, u) => <strong>{formatScore(u.spread.spread, lang)}</strong> },
    { key: 'mean', title: t('evaluation.flatPage.mean'), align: 'right', responsive: ['lg'], render: (_, u) => formatScore(u.spread.mean, lang) },
  ];
  const pairColumns: TableColumnsType<Pair> = [
    { key: 'a', title: t('evaluation.flatPage.pairA'), render: (_, p) => p.a.fullName },
    { key: 'swap', title: <span className="cv-sr-only">{t('evaluation.flatPage.pairBoth')}</span>, width: 40, render: () => <SwapOutlined aria-label={t('evaluation.flatPage.pairBoth')} /> },
    { key: 'b', title: t('evaluation.flatPage.pairB'), render: (_, p) => p.b.fullName },
    { key: 'months', title: t('evaluation.flatPage.pairMonths'), align: 'right', render: (_, p) => t('evaluation.flatPage.monthsCount', { count: p.months }) },
  ];

  return (
    <div data-testid="flat-units-page">
      <PageHeader title={t('evaluation.flatPage.title')} subtitle={t('evaluation.flatPage.subtitle')} />
      <div className="ev-month-block">
      <Form component={false} layout="vertical">
        <Form.Item label={t('evaluation.month')} htmlFor="flat-month" help={requested ? undefined : t('evaluation.flatPage.lastMonth')}>
          <MonthField
            id="flat-month"
            value={requested ?? month}
            allowClear
            onChange={(m) =>
              setParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  if (m) next.set('thang', m);
                  else next.delete('thang');
                  return next;
                },
                { replace: true },
              )
            }
            testId="flat-month"
          />
        </Form.Item>
      </Form>
      </div>
      <ProblemAlert error={data.error} onRetry={() => void data.refetch()} />
      {data.isPending ? <Skeleton active /> : null}
      {month ? (
        <>
          <Card
            className="cv-card"
            title={<h2 className="ev-card-h">{t('evaluation.flatPage.unitsTitle', { month: monthInline(t, month), count: units.length })}</h2>}
            data-testid="flat-units-card"
          >
            <Typography.Paragraph type="secondary" className="cv-card-hint">
              {t('evaluation.flatPage.rule')}
            </Typography.Paragraph>
            {units.length === 0 ? (
              <Alert type="success" showIcon title={t('evaluation.flatPage.noneFlat')} data-testid="flat-none" />
            ) : screens.md ? (
              <Table<FlatUnit> rowKey="unitId" size="middle" columns={columns} dataSource={units} pagination={false} loading={data.isFetching} data-testid="flat-units-table" />
            ) : (
              <ul className="ev-cards" data-testid="flat-units-table">
                {units.map((u) => (
                  <li key={u.unitId} className="ev-mobile-card">
                    <Link to={unitLink(month, u.unitId)} className="ev-mobile-card-link" data-testid="flat-unit-link">
                      <span className="ev-mobile-card-head">
                        <span>
                          <span className="ev-name">{u.name}</span>
                          {parentName(u.unitId) ? <span className="cv-cell-sub"> — {parentName(u.unitId)}</span> : null}
                          <span className="cv-cell-sub cv-mono ev-block" data-testid="flat-unit-code">
                            {u.code}
                          </span>
                        </span>
                        <RightOutlined aria-hidden />
                      </span>
                      <span className="cv-tags">
                        {u.reasons.map((r) => (
                          <Tag key={r} color="orange">
                            {t(flatReasonKey(r))}
                          </Tag>
                        ))}
                      </span>
                      <RangeBar unit={u} />
                      <span className="cv-cell-sub">
                        {t('evaluation.flatPage.mobileLine', { count: u.spread.count, spread: formatScore(u.spread.spread, lang), mean: formatScore(u.spread.mean, lang) })}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card className="cv-card" title={<h2 className="ev-card-h">{t('evaluation.flatPage.pairsTitle', { count: pairs.length })}</h2>} data-testid="mutual-pairs-card">
            <Typography.Paragraph type="secondary" className="cv-card-hint">
              {t('evaluation.flatPage.pairsRule')}
            </Typography.Paragraph>
            {pairs.length === 0 ? (
              <Alert type="success" showIcon title={t('evaluation.flatPage.noPairs')} />
            ) : (
              <Table<Pair> rowKey={(p) => `${p.a.id}-${p.b.id}`} size="middle" columns={pairColumns} dataSource={pairs} pagination={false} data-testid="mutual-pairs" />
            )}
          </Card>
        </>
      ) : null}
    </div>
  );
}
