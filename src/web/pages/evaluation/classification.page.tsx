import { AuditOutlined, SearchOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Form, Grid, Input, Select, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useClassifications, useProposeClassifications, type ClassLevel, type TClassification } from '../../api/evaluation.queries.ts';
import { useUnits } from '../../api/org.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { foldDiacritics } from '../../lib/fold.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { LevelTag, YearSelect } from './common.tsx';
import { currentYear, EVAL_LEADERS, formatScore, LEVEL_COLOR, levelKey, LEVELS } from './evaluation-labels.ts';
import { DecisionModal, type DecisionSubject } from './decision-modal.tsx';
import { UnitClassificationSection } from './unit-classification-section.tsx';
import './evaluation.css';
import { Reasons } from './common.tsx';


/** The "thay thế, điều chuyển" list can be long in a large province: the first ones, the rest on demand. */
const REVIEW_SHOWN = 10;

const officialSubject = (i: TClassification): DecisionSubject => ({
  kind: 'official',
  id: i.id,
  name: i.fullName,
  score: i.average,
  proposedLevel: i.proposedLevel,
  reasons: i.reasons,
  decidedLevel: i.decidedLevel,
  decisionReason: i.decisionReason,
});


export default function ClassificationPage() {
  const t = useT();
  const [lang] = useLanguage();
  const me = useCurrentUser();
  const screens = Grid.useBreakpoint();
  const { modal, message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('nam')) || currentYear();
  const unitId = params.get('donvi') ?? undefined;
  const units = useUnits();
  const data = useClassifications(year, unitId);
  const propose = useProposeClassifications();
  const council = hasAnyRole(me, EVAL_LEADERS);
  const [deciding, setDeciding] = useState<DecisionSubject | null>(null);
  const [showAllReview, setShowAllReview] = useState(false);
  const [q, setQ] = useState('');
  const [level, setLevel] = useState<ClassLevel | 'all'>('all');

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const list = data.data?.year === year ? data.data : undefined;
  const items = useMemo(() => list?.items ?? [], [list]);
  const shown = useMemo(() => {
    const words = foldDiacritics(q).split(' ').filter(Boolean);
    return items.filter((i) => (level === 'all' || (i.decidedLevel ?? i.proposedLevel) === level) && words.every((w) => foldDiacritics(`${i.fullName} ${i.unitName}`).includes(w)));
  }, [items, q, level]);
  const scopeName = units.data?.find((u) => u.id === unitId)?.name ?? (unitId ? '' : me.unit.name);

  const confirmPropose = () =>
    modal.confirm({
      title: t('evaluation.class.proposeConfirmTitle', { year, unit: scopeName }),
      content: t('evaluation.class.proposeConfirmText'),
      okText: t('evaluation.class.propose'),
      cancelText: t('common.cancel'),
      onOk: () =>
        propose
          .mutateAsync({ year, unitId })
          .then((r) => void message.success(t('evaluation.class.proposed', { count: r.proposals, written: r.written })))
          .catch(() => undefined),
    });

  const columns: TableColumnsType<TClassification> = [
    {
      key: 'name',
      title: t('evaluation.col.official'),
      render: (_, i) => (
        <>
          <div className="ev-name">
            {i.fullName} {i.isHead ? <Tag color="geekblue">{t('official.headTag')}</Tag> : null}
          </div>
          <div className="cv-cell-sub">{i.unitName}</div>
        </>
      ),
    },
    { key: 'avg', title: t('evaluation.class.average'), align: 'right', render: (_, i) => <strong>{formatScore(i.average, lang)}</strong> },
    { key: 'proposal', title: t('evaluation.class.proposal'), width: 220, render: (_, i) => <LevelTag level={i.proposedLevel} testId="proposed-level" /> },
    { key: 'reasons', title: t('evaluation.class.basis'), responsive: ['lg'], render: (_, i) => <Reasons reasons={i.reasons} /> },
    {
      key: 'decision',
      title: t('evaluation.class.decision'),
      render: (_, i) =>
        i.decidedLevel ? (
          <>
            <LevelTag level={i.decidedLevel} testId="decided-level" />
            {i.decisionReason ? <div className="cv-cell-sub cv-clamp-2">“{i.decisionReason}”</div> : null}
          </>
        ) : (
          <span className="cv-muted">{t('evaluation.class.notDecided')}</span>
        ),
    },
    ...(council
      ? [
          {
            key: 'act',
            title: <span className="cv-sr-only">{t('common.actions')}</span>,
            render: (_: unknown, i: TClassification) => (
              <Button size="small" icon={<AuditOutlined aria-hidden />} onClick={() => setDeciding(officialSubject(i))} aria-label={t('evaluation.class.decideWho', { name: i.fullName })} data-testid="decide-button">
                {t(i.decidedLevel ? 'evaluation.class.redecide' : 'evaluation.class.decide')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="classification-page">
      <PageHeader
        title={t('evaluation.class.title')}
        subtitle={t('evaluation.class.subtitle')}
        extra={
          <Button type="primary" onClick={confirmPropose} loading={propose.isPending} data-testid="propose-classifications">
            {t('evaluation.class.propose')}
          </Button>
        }
      />
      <Form component={false} layout="vertical">
        <div className="ev-filters">
          <Form.Item label={t('evaluation.year')} htmlFor="class-year">
            <YearSelect id="class-year" value={year} onChange={(y) => setParam('nam', String(y))} testId="class-year" />
          </Form.Item>
          {(units.data?.length ?? 0) > 1 ? (
            <Form.Item label={t('evaluation.unit.unit')} htmlFor="class-unit" className="ev-filter-unit">
              <UnitTreeSelect id="class-unit" units={units.data ?? []} value={unitId} onChange={(v) => setParam('donvi', v ?? null)} allowClear placeholder={t('common.unitFilterPlaceholder')} />
            </Form.Item>
          ) : null}
        </div>
      </Form>
      <ProblemAlert error={data.error ?? propose.error} onRetry={data.error ? () => void data.refetch() : undefined} />
      {data.isPending ? <Skeleton active /> : null}
      {list ? (
        <>
          {list.units.length ? <UnitClassificationSection year={year} units={list.units} council={council} loading={data.isFetching} onDecide={setDeciding} /> : null}
          <Typography.Title level={2} className="ev-section-title ev-people-title">
            {t('evaluation.class.peopleTitle', { year })}
          </Typography.Title>
          <div className="ev-level-counts" data-testid="level-counts">
            {LEVELS.map((l) => (
              <button
                type="button"
                key={l}
                className={`ev-level-count ev-level-count-${LEVEL_COLOR[l]}${level === l ? ' ev-level-count-active' : ''}`}
                aria-pressed={level === l}
                onClick={() => setLevel(level === l ? 'all' : l)}
                data-testid={`level-count-${l}`}
              >
                <strong>{list.counts[l] ?? 0}</strong>
                <span>{t(levelKey(l))}</span>
              </button>
            ))}
          </div>
          {items.length === 0 ? <Alert type="info" showIcon title={t('evaluation.class.none', { year })} description={t('evaluation.class.noneHint')} className="ev-alert" data-testid="class-none" /> : null}
          {list.toReview.length ? (
            <Card
              className="cv-card ev-review-card"
              title={
                <h2 className="ev-card-h">
                  <UserSwitchOutlined aria-hidden /> {t('evaluation.class.reviewTitle', { count: list.toReview.length })}
                </h2>
              }
              data-testid="to-review"
            >
              <Typography.Paragraph type="secondary" className="cv-card-hint">
                {t('evaluation.class.reviewHint')}
              </Typography.Paragraph>
              <ul className="ev-review-list">
                {(showAllReview ? list.toReview : list.toReview.slice(0, REVIEW_SHOWN)).map((i) => (
                  <li key={i.id}>
                    <strong>{i.fullName}</strong> <span className="cv-cell-sub">— {i.unitName}</span>
                    <Reasons reasons={i.reviewReasons} />
                  </li>
                ))}
              </ul>
              {list.toReview.length > REVIEW_SHOWN ? (
                <Button type="link" className="ev-inline-link" onClick={() => setShowAllReview(!showAllReview)} aria-expanded={showAllReview} data-testid="to-review-more">
                  {showAllReview ? t('evaluation.class.reviewLess') : t('evaluation.class.reviewAll', { count: list.toReview.length })}
                </Button>
              ) : null}
            </Card>
          ) : items.length ? (
            <Alert type="success" showIcon title={t('evaluation.class.reviewNone')} className="ev-alert" data-testid="to-review-none" />
          ) : null}
          {items.length ? (
            <Card className="cv-card" title={<h2 className="ev-card-h">{t('evaluation.class.listTitle', { year })}</h2>}>
              <Form component={false} layout="vertical">
                <div className="ev-filters">
                  <Form.Item label={t('evaluation.unit.search')} htmlFor="class-q" className="ev-filter-search">
                    <Input id="class-q" type="search" allowClear value={q} onChange={(e) => setQ(e.target.value)} prefix={<SearchOutlined aria-hidden />} placeholder={t('evaluation.unit.searchPlaceholder')} data-testid="class-search" />
                  </Form.Item>
                  <Form.Item label={t('evaluation.class.levelFilter')} htmlFor="class-level">
                    <Select id="class-level" value={level} onChange={setLevel} options={[{ value: 'all', label: t('common.all') }, ...LEVELS.map((l) => ({ value: l, label: t(levelKey(l)) }))]} style={{ width: 280 }} />
                  </Form.Item>
                </div>
              </Form>
              {council ? null : <Typography.Paragraph type="secondary">{t('evaluation.class.councilOnly')}</Typography.Paragraph>}
              {screens.md ? (
                <Table<TClassification>
                  rowKey="id"
                  size="middle"
                  columns={columns}
                  dataSource={shown}
                  loading={data.isFetching}
                  pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
                  locale={{ emptyText: t('evaluation.unit.noMatch') }}
                  data-testid="class-table"
                />
              ) : (
                <ul className="ev-cards" data-testid="class-table">
                  {shown.slice(0, 100).map((i) => (
                    <li key={i.id} className="ev-mobile-card">
                      <div className="ev-mobile-card-head">
                        <div>
                          <div className="ev-name">{i.fullName}</div>
                          <div className="cv-cell-sub">{i.unitName}</div>
                        </div>
                        <strong>{formatScore(i.average, lang)}</strong>
                      </div>
                      <div>
                        {t('evaluation.class.proposal')}: <LevelTag level={i.proposedLevel} />
                      </div>
                      {i.decidedLevel ? (
                        <div>
                          {t('evaluation.class.decision')}: <LevelTag level={i.decidedLevel} />
                        </div>
                      ) : null}
                      <Reasons reasons={i.reasons} />
                      {council ? (
                        <Button size="small" onClick={() => setDeciding(officialSubject(i))} data-testid="decide-button">
                          {t(i.decidedLevel ? 'evaluation.class.redecide' : 'evaluation.class.decide')}
                        </Button>
                      ) : null}
                    </li>
                  ))}
                  {shown.length > 100 ? <li className="cv-muted">{t('evaluation.class.narrowDown', { count: shown.length })}</li> : null}
                </ul>
              )}
            </Card>
          ) : null}
        </>
      ) : null}
      {deciding ? <DecisionModal item={deciding} onClose={() => setDeciding(null)} /> : null}
    </div>
  );
}
