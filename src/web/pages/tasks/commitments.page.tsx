import { CheckCircleOutlined, LinkOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Grid, Select, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { TCommitment } from '../../../shared/schemas/tasks.ts';
import { useUnits } from '../../api/org.queries.ts';
import { useCommitments, useHardTaskQuotas, type TQuotaRow } from '../../api/tasks.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { useT, type TKey } from '../../i18n/i18n.tsx';
import { formatNumber } from '../../lib/format.ts';
import { EvaluateModal, RegisterModal } from './commitment-forms.tsx';
import { canManageCommitments, taskPath, vnToday } from './task-labels.ts';
import { TaskStatusTag } from './task-tags.tsx';
import './tasks.css';

type Tab = 'follow' | 'hard' | 'quota';
const TABS: Tab[] = ['follow', 'hard', 'quota'];
const PAGE = 20;

function EvaluationTag({ c }: { c: Pick<TCommitment, 'evaluation' | 'evaluationNote'> }) {
  const t = useT();
  if (!c.evaluation) return <Tag data-testid="cm-evaluation">{t('tasks.cm.notEvaluated')}</Tag>;
  const color = c.evaluation === 'done' ? 'green' : c.evaluation === 'partly' ? 'orange' : 'red';
  return (
    <>
      <Tag color={color} data-testid="cm-evaluation" data-value={c.evaluation}>
        {t(`tasks.cm.evaluation.${c.evaluation}`)}
      </Tag>
      {c.evaluationNote ? <div className="cv-cell-sub cv-clamp-2">“{c.evaluationNote}”</div> : null}
    </>
  );
}

function LinkedTask({ c }: { c: TCommitment }) {
  const t = useT();
  if (!c.taskId) return <span className="cv-muted">{t('tasks.cm.noTask')}</span>;
  const status = c.taskStatus as Parameters<typeof TaskStatusTag>[0]['status'] | null;
  return (
    <span className="cv-tags">
      <Link to={taskPath(c.taskId)} className="cv-name-link">
        <LinkOutlined aria-hidden /> {t('tasks.cm.openTask')}
      </Link>{' '}
      {status ? <TaskStatusTag status={status} /> : null}
    </span>
  );
}

function Who({ c }: { c: TCommitment }) {
  return (
    <>
      <div className="cv-cm-who">{c.officialName ?? c.unitName}</div>
      {c.officialName ? <div className="cv-cell-sub">{c.unitName}</div> : null}
    </>
  );
}

/** Commitments as a table on wide screens and as cards on phones. */
function CommitmentList({
  items,
  loading,
  emptyText,
  testId,
  showTask,
  onEvaluate,
  canEvaluate,
}: {
  items: TCommitment[];
  loading: boolean;
  emptyText: string;
  testId: string;
  showTask?: boolean;
  onEvaluate: (c: TCommitment) => void;
  canEvaluate: (c: TCommitment) => boolean;
}) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const [shown, setShown] = useState(PAGE);
  const evaluateButton = (c: TCommitment) =>
    canEvaluate(c) ? (
      <Button size="small" onClick={() => onEvaluate(c)} data-testid="cm-evaluate" aria-label={`${c.evaluation ? t('tasks.cm.reevaluate') : t('tasks.cm.evaluate')}: ${c.title}`}>
        {c.evaluation ? t('tasks.cm.reevaluate') : t('tasks.cm.evaluate')}
      </Button>
    ) : null;

  const columns: TableColumnsType<TCommitment> = [
    { key: 'who', title: t('tasks.cm.whoCol'), width: '22%', render: (_, c) => <Who c={c} /> },
    {
      key: 'title',
      title: t('tasks.cm.titleCol'),
      render: (_, c) => (
        <>
          <div>{c.title}</div>
          {c.description ? <div className="cv-cell-sub cv-clamp-2">{c.description}</div> : null}
        </>
      ),
    },
    ...(showTask ? [{ key: 'task', title: t('tasks.cm.taskCol'), render: (_: unknown, c: TCommitment) => <LinkedTask c={c} /> }] : []),
    { key: 'evaluation', title: t('tasks.cm.evaluationCol'), width: '20%', render: (_, c) => <EvaluationTag c={c} /> },
    { key: 'actions', title: <span className="cv-sr-only">{t('common.actions')}</span>, width: 120, render: (_, c) => evaluateButton(c) },
  ];

  if (screens.md) {
    return (
      <Table<TCommitment>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={items.length > PAGE ? { pageSize: PAGE, showSizeChanger: false } : false}
        locale={{ emptyText: loading ? ' ' : emptyText }}
        data-testid={testId}
      />
    );
  }
  return (
    <div data-testid={testId}>
      {!loading && !items.length ? <Typography.Paragraph type="secondary">{emptyText}</Typography.Paragraph> : null}
      <ul className="cv-cm-cards">
        {items.slice(0, shown).map((c) => (
          <li key={c.id} className="cv-cm-card" data-testid="cm-card">
            <Who c={c} />
            <div className="cv-cm-title">{c.title}</div>
            {c.description ? <div className="cv-cell-sub">{c.description}</div> : null}
            {showTask ? (
              <div>
                <LinkedTask c={c} />
              </div>
            ) : null}
            <div className="cv-cm-card-foot">
              <div>
                <EvaluationTag c={c} />
              </div>
              {evaluateButton(c)}
            </div>
          </li>
        ))}
      </ul>
      {items.length > shown ? (
        <div className="cv-list-footer">
          <Typography.Text type="secondary">{t('common.shownOf', { count: shown })}</Typography.Text>
          <Button onClick={() => setShown((n) => n + PAGE)}>{t('common.loadMore')}</Button>
        </div>
      ) : null}
    </div>
  );
}

function roleLabel(t: (k: TKey) => string, r: TQuotaRow): ReactNode {
  const party = ['standing_committee', 'committee', 'member', 'none'].includes(r.partyRole) ? t(`official.party.${r.partyRole}` as TKey) : r.partyRole;
  const parts = [r.partyRole !== 'none' && r.partyRole !== 'member' ? party : null, r.isHead ? t('tasks.cm.q.head') : null].filter(Boolean);
  return parts.join(' · ') || party;
}

function QuotaTable({ year, unitId }: { year: number; unitId?: string }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const quotas = useHardTaskQuotas(year, unitId);
  const [onlyBelow, setOnlyBelow] = useState(false);
  const [shown, setShown] = useState(PAGE);
  const all = quotas.data?.items ?? [];
  const items = onlyBelow ? all.filter((r) => r.shortfall > 0) : all;
  const below = quotas.data?.belowQuota ?? 0;

  const columns: TableColumnsType<TQuotaRow> = [
    {
      key: 'name',
      title: t('tasks.cm.q.name'),
      width: 210,
      render: (_, r) => (
        <>
          <div className="cv-cm-who">{r.fullName}</div>
          {r.shortfall > 0 ? (
            <Tag color="red" icon={<WarningOutlined aria-hidden />} data-testid="quota-below">
              {t('tasks.cm.q.below')}
            </Tag>
          ) : null}
        </>
      ),
    },
    { key: 'unit', title: t('tasks.cm.q.unit'), render: (_, r) => r.unitName },
    { key: 'role', title: t('tasks.cm.q.role'), render: (_, r) => roleLabel(t, r) },
    { key: 'required', title: t('tasks.cm.q.required'), align: 'right', render: (_, r) => formatNumber(r.required) },
    { key: 'registered', title: t('tasks.cm.q.registered'), align: 'right', render: (_, r) => formatNumber(r.registered) },
    { key: 'linked', title: t('tasks.cm.q.linked'), align: 'right', responsive: ['lg'], render: (_, r) => formatNumber(r.linked) },
    { key: 'delivered', title: t('tasks.cm.q.delivered'), align: 'right', render: (_, r) => formatNumber(r.delivered) },
    {
      key: 'shortfall',
      title: t('tasks.cm.q.shortfall'),
      align: 'right',
      render: (_, r) => (r.shortfall > 0 ? <strong className="cv-quota-short">{formatNumber(r.shortfall)}</strong> : <CheckCircleOutlined className="cv-quota-ok" aria-label={t('tasks.cm.q.met')} />),
    },
  ];

  return (
    <div data-testid="quota-section">
      <ProblemAlert error={quotas.error} onRetry={() => void quotas.refetch()} />
      {quotas.data ? (
        below > 0 ? (
          <Alert type="warning" showIcon title={t('tasks.cm.belowQuota', { count: formatNumber(below) })} description={t('tasks.cm.quotaRule')} className="cv-cm-alert" role="status" data-testid="quota-summary" />
        ) : (
          <Alert type="success" showIcon title={all.length ? t('tasks.cm.allMet') : t('tasks.cm.quotaEmpty')} description={t('tasks.cm.quotaRule')} className="cv-cm-alert" role="status" data-testid="quota-summary" />
        )
      ) : null}
      {below > 0 ? (
        <Checkbox id="quota-below-only" checked={onlyBelow} onChange={(e) => setOnlyBelow(e.target.checked)} className="cv-cm-filter-check" data-testid="quota-below-only">
          {t('tasks.cm.q.belowFilter')}
        </Checkbox>
      ) : null}
      {screens.md ? (
        <Table<TQuotaRow>
          rowKey="officialId"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={quotas.isPending}
          pagination={items.length > PAGE ? { pageSize: PAGE, showSizeChanger: false } : false}
          rowClassName={(r) => (r.shortfall > 0 ? 'cv-quota-row-below' : '')}
          locale={{ emptyText: quotas.isPending ? ' ' : t('tasks.cm.quotaEmpty') }}
          data-testid="quota-table"
        />
      ) : (
        <div data-testid="quota-table">
          <ul className="cv-cm-cards">
            {items.slice(0, shown).map((r) => (
              <li key={r.officialId} className={r.shortfall > 0 ? 'cv-cm-card cv-quota-card-below' : 'cv-cm-card'}>
                <div className="cv-cm-who">{r.fullName}</div>
                <div className="cv-cell-sub">
                  {r.unitName} · {roleLabel(t, r)}
                </div>
                <div>{t('tasks.cm.q.summary', { required: r.required, registered: r.registered, linked: r.linked, delivered: r.delivered })}</div>
                {r.shortfall > 0 ? (
                  <Tag color="red" icon={<WarningOutlined aria-hidden />} data-testid="quota-below">
                    {t('tasks.cm.q.below')}: {t('tasks.cm.q.shortfall').toLowerCase()} {r.shortfall}
                  </Tag>
                ) : (
                  <Tag color="green">{t('tasks.cm.q.met')}</Tag>
                )}
              </li>
            ))}
          </ul>
          {items.length > shown ? (
            <div className="cv-list-footer">
              <Typography.Text type="secondary">{t('common.shownOf', { count: shown })}</Typography.Text>
              <Button onClick={() => setShown((n) => n + PAGE)}>{t('common.loadMore')}</Button>
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}

export default function CommitmentsPage() {
  const t = useT();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(vnToday().slice(0, 4));
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2];
  const yearParam = Number(params.get('nam'));
  const year = years.includes(yearParam) ? yearParam : thisYear;
  const tabParam = params.get('tab') as Tab | null;
  const tab: Tab = tabParam && TABS.includes(tabParam) ? tabParam : 'follow';
  const unitId = params.get('donvi') ?? undefined;
  const units = useUnits();
  const follow = useCommitments(year, 'follow_uncle_ho', unitId);
  const hard = useCommitments(year, 'hard_task', unitId);
  const [registering, setRegistering] = useState(false);
  const [evaluating, setEvaluating] = useState<TCommitment | null>(null);
  const manager = canManageCommitments(me);
  const canEvaluate = (c: TCommitment) => manager && !(c.officialId && c.officialId === me.officialId);
  const canRegister = manager || Boolean(me.officialId);

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

  // One's own commitments first: among hundreds, the one just registered is found at once.
  const mineFirst = useMemo(() => {
    const mine = (c: TCommitment) => Number(Boolean(me.officialId) && c.officialId === me.officialId);
    return (list: TCommitment[]) => [...list].sort((a, b) => mine(b) - mine(a));
  }, [me.officialId]);
  const individual = useMemo(() => mineFirst((follow.data ?? []).filter((c) => c.officialId)), [follow.data, mineFirst]);
  const hardItems = useMemo(() => mineFirst(hard.data ?? []), [hard.data, mineFirst]);
  const collective = useMemo(() => (follow.data ?? []).filter((c) => !c.officialId), [follow.data]);
  const listProps = { onEvaluate: setEvaluating, canEvaluate };

  return (
    <div data-testid="commitments-page" className="cv-tasks cv-compact-cards">
      <PageHeader
        title={t('tasks.cm.title')}
        subtitle={t('tasks.cm.subtitle')}
        extra={
          canRegister ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setRegistering(true)} data-testid="cm-register">
              {t('tasks.cm.register')}
            </Button>
          ) : null
        }
      />
      <Form component={false} layout="vertical">
        <div className="cv-task-filters">
          <Form.Item label={t('tasks.cm.year')} htmlFor="cm-year" className="cv-cm-year">
            <Select<number> id="cm-year" value={year} onChange={(v) => setParam('nam', String(v))} options={years.map((y) => ({ value: y, label: String(y) }))} data-testid="cm-year" />
          </Form.Item>
          <Form.Item label={t('tasks.cm.unit')} htmlFor="cm-unit" className="cv-cm-unit">
            <UnitTreeSelect
              id="cm-unit"
              units={units.data ?? []}
              value={unitId}
              onChange={(v) => setParam('donvi', v ?? null)}
              loading={units.isPending}
              allowClear
              placeholder={t('common.unitFilterPlaceholder')}
            />
          </Form.Item>
        </div>
      </Form>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParam('tab', k === 'follow' ? null : k)}
        className="cv-queue-tabs"
        items={[
          {
            key: 'follow',
            label: <span data-testid="cm-tab-follow">{t('tasks.cm.tabFollow')}</span>,
            children: (
              <>
                <ProblemAlert error={follow.error} onRetry={() => void follow.refetch()} />
                <Card title={`${t('tasks.cm.individual')} (${formatNumber(individual.length)})`} className="cv-card">
                  <CommitmentList items={individual} loading={follow.isPending} emptyText={t('tasks.cm.emptyIndividual')} testId="cm-individual" {...listProps} />
                </Card>
                <Card title={`${t('tasks.cm.collective')} (${formatNumber(collective.length)})`} className="cv-card">
                  <CommitmentList items={collective} loading={follow.isPending} emptyText={t('tasks.cm.emptyCollective')} testId="cm-collective" {...listProps} />
                </Card>
              </>
            ),
          },
          {
            key: 'hard',
            label: <span data-testid="cm-tab-hard">{t('tasks.cm.tabHard')}</span>,
            children: (
              <Card className="cv-card">
                <ProblemAlert error={hard.error} onRetry={() => void hard.refetch()} />
                <CommitmentList items={hardItems} loading={hard.isPending} emptyText={t('tasks.cm.emptyHard')} testId="cm-hard" showTask {...listProps} />
              </Card>
            ),
          },
          {
            key: 'quota',
            label: <span data-testid="cm-tab-quota">{t('tasks.cm.tabQuota')}</span>,
            children: (
              <Card className="cv-card">
                <QuotaTable year={year} unitId={unitId} />
              </Card>
            ),
          },
        ]}
      />
      {registering ? <RegisterModal year={year} onClose={() => setRegistering(false)} /> : null}
      {evaluating ? <EvaluateModal commitment={evaluating} onClose={() => setEvaluating(null)} /> : null}
    </div>
  );
}
