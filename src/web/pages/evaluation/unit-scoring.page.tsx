import { ArrowLeftOutlined, CalendarOutlined, EditOutlined, LockOutlined, ReloadOutlined, SearchOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, Form, Grid, Input, Row, Select, Space, Statistic, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router';
import { flatReasons } from '../../../domain/evaluation/flat-units.ts';
import { useCloseMonth, useOpenMonth, useUnitMonth, type FlatReason, type ScorecardStatus, type StillOpen, type TUnitMonth, type TUnitMonthItem } from '../../api/evaluation.queries.ts';
import { useUnits } from '../../api/org.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { foldDiacritics } from '../../lib/fold.ts';
import { MonthField, ScorecardStatusTag, ScoreWithLevel } from './common.tsx';
import { dueDayLabel, flatReasonKey, formatScore, headNeedsReason, isMonth, marginOf, monthInline, previousMonth, signedDiff, statusKey } from './evaluation-labels.ts';
import { EvidenceSummary } from './evidence-panel.tsx';
import { HeadScoreModal } from './head-score-modal.tsx';
import { LateTag } from './scoring-guide.tsx';
import { SpreadChart } from './spread-chart.tsx';
import './evaluation.css';

const STATUSES: ScorecardStatus[] = ['self', 'peer', 'head', 'closed'];
/** The server returns at most this many scorecards per screen (unit-month `limit`). */
const SERVER_LIMIT = 2000;

function HeadCell({ item }: { item: TUnitMonthItem }) {
  const [lang] = useLanguage();
  if (item.headTotal === null) return <span className="cv-muted">—</span>;
  const far = headNeedsReason(item.headTotal, item.evidenceScore, item.headReasonMargin ?? marginOf(null));
  return (
    <div data-testid="head-cell">
      <strong>{formatScore(item.headTotal, lang)}</strong>
      {item.evidenceScore !== null ? (
        <span className={far ? 'ev-diff ev-diff-far' : 'ev-diff'}> ({signedDiff(item.headTotal - item.evidenceScore, lang)})</span>
      ) : null}
      {item.headReason ? <div className="cv-cell-sub cv-clamp-2" title={item.headReason}>“{item.headReason}”</div> : null}
    </div>
  );
}

function ScoreButton({ item, onScore }: { item: TUnitMonthItem; onScore: (item: TUnitMonthItem) => void }) {
  const t = useT();
  const me = useCurrentUser();
  if (item.status === 'closed') return null;
  const own = item.officialId === me.officialId;
  const blocked = own ? t('evaluation.unit.ownCard') : item.status === 'self' ? t('evaluation.unit.waitSelf') : null;
  const button = (
    <Button
      size="small"
      type={item.status === 'peer' ? 'primary' : 'default'}
      icon={<EditOutlined aria-hidden />}
      disabled={Boolean(blocked)}
      onClick={() => onScore(item)}
      aria-label={t(item.headTotal === null ? 'evaluation.unit.scoreWho' : 'evaluation.unit.rescoreWho', { name: item.officialName })}
      data-testid="score-button"
    >
      {t(item.headTotal === null ? 'evaluation.unit.score' : 'evaluation.unit.rescore')}
    </Button>
  );
  // A disabled button takes no pointer events: the tooltip sits on a wrapper and the reason is also written out for screen readers.
  return blocked ? (
    <Tooltip title={blocked}>
      <span className="ev-disabled-wrap">
        {button}
        <span className="cv-sr-only">{blocked}</span>
      </span>
    </Tooltip>
  ) : (
    button
  );
}

/** The three steps' deadlines and how many are late at each (peers: scores still missing). */
function Deadlines({ data }: { data: TUnitMonth }) {
  const t = useT();
  const steps = [
    { step: 'self', suffix: 'evaluation.unit.lateCards' },
    { step: 'peer', suffix: 'evaluation.unit.latePeers' },
    { step: 'head', suffix: 'evaluation.unit.lateCards' },
  ] as const;
  return (
    <Card className="cv-card ev-deadlines" title={<h2 className="ev-card-h">{t('evaluation.unit.deadlinesTitle')}</h2>} data-testid="unit-deadlines">
      <Row gutter={[16, 12]}>
        {steps.map(({ step, suffix }) => (
          <Col xs={24} sm={8} key={step}>
            <Statistic
              title={t(`evaluation.due.${step}`, { date: dueDayLabel(data.deadlines[step]) })}
              value={data.late[step]}
              suffix={t(suffix)}
              styles={{ content: { color: data.late[step] > 0 ? '#b3261e' : undefined } }}
              data-testid={`late-${step}`}
              data-count={data.late[step]}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function StillOpenText({ stillOpen }: { stillOpen: StillOpen }) {
  const t = useT();
  const parts = (['self', 'peer', 'head'] as const).filter((k) => (stillOpen[k] ?? 0) > 0).map((k) => t('evaluation.unit.stillOpenPart', { count: stillOpen[k]!, status: t(statusKey(k)).toLowerCase() }));
  return <>{parts.length ? t('evaluation.unit.stillOpen', { parts: parts.join('; ') }) : t('evaluation.unit.allClosed')}</>;
}

export default function UnitScoringPage() {
  const t = useT();
  const [lang] = useLanguage();
  const me = useCurrentUser();
  const screens = Grid.useBreakpoint();
  const { modal, message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const month = isMonth(params.get('thang')) ? params.get('thang')! : previousMonth();
  const units = useUnits();
  const unitId = params.get('donvi') ?? me.unit.id;
  const unitName = units.data?.find((u) => u.id === unitId)?.name ?? me.unit.name;
  const data = useUnitMonth(month, unitId);
  const openMonth = useOpenMonth();
  const closeMonth = useCloseMonth();
  const [closeResult, setCloseResult] = useState<{ month: string; closed: number; stillOpen: StillOpen } | null>(null);
  const [scoring, setScoring] = useState<TUnitMonthItem | null>(null);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<ScorecardStatus | 'all'>('all');

  const setParam = (key: string, value: string | null) => {
    setCloseResult(null);
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  };

  const items = useMemo(() => (data.data?.month === month ? data.data.items : []), [data.data, month]);
  const counts = useMemo(() => Object.fromEntries(STATUSES.map((s) => [s, items.filter((i) => i.status === s).length])) as Record<ScorecardStatus, number>, [items]);
  const shown = useMemo(() => {
    const words = foldDiacritics(q).split(' ').filter(Boolean);
    return items.filter((i) => (status === 'all' || i.status === status) && words.every((w) => foldDiacritics(`${i.officialName} ${i.unitName}`).includes(w)));
  }, [items, q, status]);

  // The chart: closed scores, or the head's score where the month is not closed yet.
  const points = useMemo(() => items.flatMap((i) => (i.finalScore ?? i.headTotal) === null ? [] : [{ score: (i.finalScore ?? i.headTotal)!, label: i.officialName }]), [items]);
  const provisional = items.filter((i) => i.finalScore === null && i.headTotal !== null).length;
  const flat: FlatReason[] = useMemo(() => {
    if (data.data?.flat.length) return data.data.flat;
    return provisional ? flatReasons(points.map((p) => p.score)) : [];
  }, [data.data, points, provisional]);

  const confirmOpen = () =>
    modal.confirm({
      title: t('evaluation.unit.openConfirmTitle', { month: monthInline(t, month), unit: unitName }),
      content: t('evaluation.unit.openConfirmText'),
      okText: t('evaluation.unit.open'),
      cancelText: t('common.cancel'),
      // A refusal closes the dialog and shows on the page (ProblemAlert below the filters).
      onOk: () =>
        openMonth
          .mutateAsync({ month, unitId })
          .then((r) => {
            if (r.created > 0) void message.success(t('evaluation.unit.opened', { count: r.created, month: monthInline(t, month) }));
            else void message.info(t('evaluation.unit.openedNone'));
          })
          .catch(() => undefined),
    });
  const confirmClose = () =>
    modal.confirm({
      title: t('evaluation.unit.closeConfirmTitle', { month: monthInline(t, month), unit: unitName }),
      content: t('evaluation.unit.closeConfirmText', { ready: counts.head, open: counts.self + counts.peer }),
      okText: t('evaluation.unit.close'),
      cancelText: t('common.cancel'),
      onOk: () =>
        closeMonth
          .mutateAsync({ month, unitId })
          .then(setCloseResult)
          .catch(() => undefined),
    });

  const columns: TableColumnsType<TUnitMonthItem> = [
    {
      key: 'name',
      title: t('evaluation.col.official'),
      width: '24%',
      render: (_, i) => (
        <>
          <div className="ev-name">{i.officialName}</div>
          <div className="cv-cell-sub">{i.unitName}</div>
        </>
      ),
    },
    {
      key: 'status',
      title: t('common.status'),
      render: (_, i) => (
        <span className="ev-status-tags">
          <ScorecardStatusTag status={i.status} />
          {i.lateStep ? <LateTag step={i.lateStep} /> : null}
        </span>
      ),
    },
    { key: 'evidence', title: t('evaluation.col.evidence'), width: 190, render: (_, i) => <EvidenceSummary evidence={i.evidence} evidenceScore={i.evidenceScore} /> },
    { key: 'self', title: t('evaluation.col.self'), align: 'right', render: (_, i) => formatScore(i.selfTotal, lang) },
    { key: 'peer', title: t('evaluation.col.peer'), align: 'right', responsive: ['lg'], render: (_, i) => formatScore(i.peerMean, lang) },
    {
      key: 'peersPending',
      title: t('evaluation.col.peersPending'),
      align: 'right',
      render: (_, i) => (i.status === 'closed' || i.peersPending === 0 ? <span className="cv-muted">—</span> : <span data-testid="peers-pending">{t('evaluation.unit.peersPendingN', { count: i.peersPending })}</span>),
    },
    { key: 'head', title: t('evaluation.col.head'), render: (_, i) => <HeadCell item={i} /> },
    { key: 'final', title: t('evaluation.col.final'), render: (_, i) => <ScoreWithLevel score={i.finalScore} short /> },
    { key: 'act', title: <span className="cv-sr-only">{t('common.actions')}</span>, render: (_, i) => <ScoreButton item={i} onScore={setScoring} /> },
  ];

  const unitPicker = (units.data?.length ?? 0) > 1;
  return (
    <div data-testid="unit-scoring-page">
      {params.get('tu') === 'cao-bang' ? (
        <Link to={`/danh-gia/cao-bang?thang=${month}`} className="cv-back-link-inline" data-testid="back-to-flat">
          <ArrowLeftOutlined aria-hidden /> {t('evaluation.unit.backToFlat')}
        </Link>
      ) : null}
      <PageHeader
        title={t('evaluation.unit.title')}
        subtitle={t('evaluation.unit.subtitle')}
        extra={
          <Space wrap>
            <Button icon={<CalendarOutlined aria-hidden />} onClick={confirmOpen} loading={openMonth.isPending} data-testid="open-month">
              {t('evaluation.unit.open')}
            </Button>
            <Button type="primary" icon={<LockOutlined aria-hidden />} onClick={confirmClose} loading={closeMonth.isPending} disabled={!items.length || counts.closed === items.length} data-testid="close-month">
              {t('evaluation.unit.close')}
            </Button>
          </Space>
        }
      />
      <Form component={false} layout="vertical">
        <div className="ev-filters">
          <Form.Item label={t('evaluation.month')} htmlFor="unit-month">
            <MonthField id="unit-month" value={month} onChange={(m) => setParam('thang', m)} testId="unit-month" />
          </Form.Item>
          {unitPicker ? (
            <Form.Item label={t('evaluation.unit.unit')} htmlFor="unit-unit" className="ev-filter-unit">
              <UnitTreeSelect id="unit-unit" units={units.data ?? []} value={unitId} onChange={(v) => setParam('donvi', v ?? null)} loading={units.isPending} />
            </Form.Item>
          ) : null}
          <Form.Item className="ev-filter-button">
            <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void data.refetch()} loading={data.isFetching} data-testid="unit-refresh">
              {t('evaluation.unit.refresh')}
            </Button>
          </Form.Item>
        </div>
      </Form>
      <ProblemAlert error={data.error ?? openMonth.error ?? closeMonth.error} onRetry={data.error ? () => void data.refetch() : undefined} />
      {closeResult && closeResult.month === month ? (
        <Alert
          type={Object.values(closeResult.stillOpen).some((n) => (n ?? 0) > 0) ? 'warning' : 'success'}
          showIcon
          closable={{ onClose: () => setCloseResult(null), 'aria-label': t('common.close') }}
          title={t('evaluation.unit.closedResult', { count: closeResult.closed, month: monthInline(t, month) })}
          description={<StillOpenText stillOpen={closeResult.stillOpen} />}
          data-testid="close-result"
          className="ev-alert"
        />
      ) : null}
      {flat.length ? (
        <Alert
          type="warning"
          showIcon
          icon={<WarningOutlined aria-hidden />}
          title={t(data.data?.flat.length ? 'evaluation.flat.bannerTitle' : 'evaluation.flat.bannerTitleProvisional')}
          description={
            <>
              <ul className="ev-flat-reasons">
                {flat.map((r) => (
                  <li key={r}>{t(flatReasonKey(r))}</li>
                ))}
              </ul>
              {t('evaluation.flat.bannerText')}
            </>
          }
          data-testid="flat-warning"
          className="ev-alert"
        />
      ) : null}

      <div className="ev-status-counts" data-testid="status-counts" aria-live="polite">
        <span>{t('evaluation.unit.cards', { count: items.length, month: monthInline(t, month) })}</span>
        {STATUSES.map((s) => (
          <span key={s} data-testid={`count-${s}`}>
            <ScorecardStatusTag status={s} /> {counts[s]}
          </span>
        ))}
      </div>

      {/* A closed month has nothing left to chase. */}
      {data.data && items.length > 0 && counts.closed < items.length ? <Deadlines data={data.data} /> : null}

      {items.length >= SERVER_LIMIT ? (
        <Alert type="info" showIcon title={t('evaluation.unit.truncated', { count: SERVER_LIMIT })} className="ev-alert" data-testid="unit-truncated" />
      ) : null}
      {data.isSuccess && !items.length ? (
        <Alert type="info" showIcon title={t('evaluation.unit.noCards', { month: monthInline(t, month) })} description={t('evaluation.unit.noCardsHint')} data-testid="no-cards" className="ev-alert" />
      ) : null}

      {items.length ? (
        <Card className="cv-card" title={<h2 className="ev-card-h">{t('evaluation.unit.spreadTitle')}</h2>} data-testid="spread-card">
          {points.length ? (
            <>
              <SpreadChart points={points} title={t('evaluation.unit.chartTitle', { month: monthInline(t, month), unit: unitName })} />
              {provisional ? <Typography.Paragraph type="secondary" className="ev-chart-note">{t('evaluation.unit.provisional', { count: provisional })}</Typography.Paragraph> : null}
            </>
          ) : (
            <Typography.Paragraph type="secondary">{t('evaluation.unit.noScoresYet')}</Typography.Paragraph>
          )}
        </Card>
      ) : null}

      {items.length ? (
        <Card className="cv-card" title={<h2 className="ev-card-h">{t('evaluation.unit.listTitle')}</h2>}>
          <Form component={false} layout="vertical">
            <div className="ev-filters">
              <Form.Item label={t('evaluation.unit.search')} htmlFor="unit-q" className="ev-filter-search">
                <Input id="unit-q" type="search" allowClear value={q} onChange={(e) => setQ(e.target.value)} prefix={<SearchOutlined aria-hidden />} placeholder={t('evaluation.unit.searchPlaceholder')} data-testid="unit-search" />
              </Form.Item>
              <Form.Item label={t('common.status')} htmlFor="unit-status">
                <Select
                  id="unit-status"
                  value={status}
                  onChange={setStatus}
                  options={[{ value: 'all', label: t('common.all') }, ...STATUSES.map((s) => ({ value: s, label: `${t(statusKey(s))} (${counts[s]})` }))]}
                  style={{ width: 240 }}
                  data-testid="unit-status"
                />
              </Form.Item>
            </div>
          </Form>
          {screens.md ? (
            <Table<TUnitMonthItem>
              rowKey="scorecardId"
              size="middle"
              columns={columns}
              dataSource={shown}
              loading={data.isFetching}
              pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              locale={{ emptyText: t('evaluation.unit.noMatch') }}
              onRow={(i) => ({ 'data-testid': 'unit-row', 'data-official': i.officialName }) as HTMLAttributes<HTMLTableRowElement>}
              data-testid="unit-table"
            />
          ) : (
            <ul className="ev-cards" data-testid="unit-cards">
              {shown.map((i) => (
                <li key={i.scorecardId} className="ev-mobile-card" data-testid="unit-row" data-official={i.officialName}>
                  <div className="ev-mobile-card-head">
                    <div>
                      <div className="ev-name">{i.officialName}</div>
                      <div className="cv-cell-sub">{i.unitName}</div>
                    </div>
                    <span className="ev-status-tags">
                      <ScorecardStatusTag status={i.status} />
                      {i.lateStep ? <LateTag step={i.lateStep} /> : null}
                    </span>
                  </div>
                  <dl className="ev-mobile-facts">
                    <div>
                      <dt>{t('evaluation.col.evidence')}</dt>
                      <dd>
                        <EvidenceSummary evidence={i.evidence} evidenceScore={i.evidenceScore} />
                      </dd>
                    </div>
                    <div>
                      <dt>{t('evaluation.col.self')}</dt>
                      <dd>{formatScore(i.selfTotal, lang)}</dd>
                    </div>
                    <div>
                      <dt>{t('evaluation.col.peer')}</dt>
                      <dd>
                        {formatScore(i.peerMean, lang)}
                        {i.status !== 'closed' && i.peersPending > 0 ? <div className="cv-cell-sub">{t('evaluation.unit.peersPendingShort', { count: i.peersPending })}</div> : null}
                      </dd>
                    </div>
                    <div>
                      <dt>{t('evaluation.col.head')}</dt>
                      <dd>
                        <HeadCell item={i} />
                      </dd>
                    </div>
                    <div>
                      <dt>{t('evaluation.col.final')}</dt>
                      <dd>
                        <ScoreWithLevel score={i.finalScore} short />
                      </dd>
                    </div>
                  </dl>
                  <ScoreButton item={i} onScore={setScoring} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
      {scoring ? <HeadScoreModal item={scoring} month={month} onClose={() => setScoring(null)} /> : null}
    </div>
  );
}
