import { CheckOutlined, CloseOutlined, PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Form, Grid, Input, Modal, Skeleton, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useCommendations, useDecideCommendation, useDiscipline, useProposeCommendations, type TCommendation, type TDisciplineRecord } from '../../api/evaluation.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { FormField } from '../../components/form-field.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLanguage, useT, type TKey } from '../../i18n/i18n.tsx';
import { formatDate } from '../../lib/format.ts';
import { normalizeFieldPath } from '../../lib/forms.ts';
import { isApiError } from '../../api/client.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { YearSelect } from './common.tsx';
import { DisciplineFormModal } from './discipline-form.tsx';
import { currentYear, disciplineFormKey, EVAL_MANAGERS, formatScore } from './evaluation-labels.ts';
import './evaluation.css';

const COMMENDATION_COLOR = { proposed: 'blue', approved: 'green', rejected: 'default' } as const;
const commendationKey = (s: TCommendation['status']): TKey => `evaluation.commend.status.${s}`;

function ApproveModal({ item, onClose }: { item: TCommendation; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const decide = useDecideCommendation();
  const [decisionNo, setDecisionNo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [leftover, setLeftover] = useState<string[]>([]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!decisionNo.trim()) {
      setError(t('evaluation.commend.decisionNoRequired'));
      return;
    }
    setError(null);
    decide.mutate(
      { id: item.id, approve: true, decisionNo: decisionNo.trim() },
      {
        onSuccess: () => {
          void message.success(t('evaluation.commend.approved', { name: item.fullName ?? '' }));
          onClose();
        },
        onError: (err) => {
          const fields = isApiError(err) ? err.fieldErrors : [];
          const own = fields.find((f) => normalizeFieldPath(f.field) === 'decisionNo');
          setError(own?.message ?? null);
          setLeftover(fields.filter((f) => f !== own).map((f) => f.message));
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('evaluation.commend.approveTitle', { name: item.fullName ?? '' })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" form="commend-approve-form" loading={decide.isPending} data-testid="commend-approve-submit">
            {t('evaluation.commend.approve')}
          </Button>
        </Space>
      }
    >
      <ProblemAlert error={decide.error && !leftover.length && !error ? decide.error : null} extra={leftover} />
      <Form component={false} layout="vertical">
        <form id="commend-approve-form" onSubmit={submit} noValidate aria-label={t('evaluation.commend.approveTitle', { name: item.fullName ?? '' })}>
          <FormField label={t('evaluation.commend.decisionNo')} htmlFor="commend-no" required error={error ?? undefined}>
            <Input id="commend-no" value={decisionNo} onChange={(e) => setDecisionNo(e.target.value)} maxLength={60} placeholder={t('evaluation.discipline.decisionNoPlaceholder')} status={error ? 'error' : undefined} data-testid="commend-no" />
          </FormField>
        </form>
      </Form>
    </Modal>
  );
}

function Commendations({ year, manage }: { year: number; manage: boolean }) {
  const t = useT();
  const [lang] = useLanguage();
  const screens = Grid.useBreakpoint();
  const { modal, message } = AntApp.useApp();
  const list = useCommendations(year);
  const propose = useProposeCommendations();
  const decide = useDecideCommendation();
  const [approving, setApproving] = useState<TCommendation | null>(null);
  const items = list.data?.items ?? [];

  const confirmPropose = () =>
    modal.confirm({
      title: t('evaluation.commend.proposeConfirmTitle', { year }),
      content: t('evaluation.commend.proposeConfirmText'),
      okText: t('evaluation.commend.propose'),
      cancelText: t('common.cancel'),
      onOk: () =>
        propose
          .mutateAsync({ year })
          .then((r) => void message.success(r.created ? t('evaluation.commend.proposed', { count: r.created }) : t('evaluation.commend.proposedNone')))
          .catch(() => undefined),
    });
  const confirmReject = (item: TCommendation) =>
    modal.confirm({
      title: t('evaluation.commend.rejectConfirm', { name: item.fullName ?? '' }),
      okText: t('evaluation.commend.reject'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        decide
          .mutateAsync({ id: item.id, approve: false, decisionNo: null })
          .then(() => void message.info(t('evaluation.commend.rejected', { name: item.fullName ?? '' })))
          .catch(() => undefined),
    });

  const evidence = (c: TCommendation) => (
    <ul className="ev-reasons ev-reasons-compact" data-testid="commend-evidence">
      {c.evidence.averageScore !== undefined ? <li>{t('evaluation.commend.evAverage', { score: formatScore(c.evidence.averageScore, lang) })}</li> : null}
      {c.evidence.hardTasksDelivered !== undefined ? <li>{t('evaluation.commend.evHard', { count: c.evidence.hardTasksDelivered })}</li> : null}
      {c.evidence.violations !== undefined ? <li>{t('evaluation.commend.evViolations', { count: c.evidence.violations })}</li> : null}
    </ul>
  );
  const actions = (c: TCommendation) =>
    manage && c.status === 'proposed' ? (
      <Space wrap>
        <Button size="small" type="primary" icon={<CheckOutlined aria-hidden />} onClick={() => setApproving(c)} aria-label={t('evaluation.commend.approveWho', { name: c.fullName ?? '' })} data-testid="commend-approve">
          {t('evaluation.commend.approve')}
        </Button>
        <Button size="small" icon={<CloseOutlined aria-hidden />} onClick={() => confirmReject(c)} aria-label={t('evaluation.commend.rejectWho', { name: c.fullName ?? '' })} data-testid="commend-reject">
          {t('evaluation.commend.reject')}
        </Button>
      </Space>
    ) : null;
  const status = (c: TCommendation) => (
    <>
      <Tag color={COMMENDATION_COLOR[c.status]}>{t(commendationKey(c.status))}</Tag>
      {c.decisionNo ? <div className="cv-cell-sub">{t('evaluation.commend.decisionNoShort', { no: c.decisionNo })}</div> : null}
    </>
  );
  const columns: TableColumnsType<TCommendation> = [
    {
      key: 'name',
      title: t('evaluation.col.official'),
      render: (_, c) => (
        <>
          <div className="ev-name">{c.fullName}</div>
          <div className="cv-cell-sub">{c.unitName}</div>
        </>
      ),
    },
    { key: 'evidence', title: t('evaluation.commend.evidence'), render: (_, c) => evidence(c) },
    { key: 'status', title: t('common.status'), render: (_, c) => status(c) },
    ...(manage ? [{ key: 'act', title: <span className="cv-sr-only">{t('common.actions')}</span>, render: (_: unknown, c: TCommendation) => actions(c) }] : []),
  ];

  return (
    <div data-testid="commendations">
      <div className="ev-tab-head">
        <Typography.Paragraph type="secondary" className="ev-tab-intro">
          {t('evaluation.commend.intro')}
        </Typography.Paragraph>
        {manage ? (
          <Button type="primary" icon={<TrophyOutlined aria-hidden />} onClick={confirmPropose} loading={propose.isPending} data-testid="commend-propose">
            {t('evaluation.commend.propose')}
          </Button>
        ) : null}
      </div>
      <ProblemAlert error={list.error ?? propose.error ?? decide.error} onRetry={list.error ? () => void list.refetch() : undefined} />
      {list.isPending ? <Skeleton active /> : null}
      {list.isSuccess && !items.length ? <Alert type="info" showIcon title={t('evaluation.commend.none', { year })} className="ev-alert" data-testid="commend-none" /> : null}
      {items.length ? (
        screens.md ? (
          <Table<TCommendation> rowKey="id" size="middle" columns={columns} dataSource={items} loading={list.isFetching} pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="commend-table" />
        ) : (
          <ul className="ev-cards" data-testid="commend-table">
            {items.map((c) => (
              <li key={c.id} className="ev-mobile-card">
                <div className="ev-mobile-card-head">
                  <div>
                    <div className="ev-name">{c.fullName}</div>
                    <div className="cv-cell-sub">{c.unitName}</div>
                  </div>
                  <div>{status(c)}</div>
                </div>
                {evidence(c)}
                {actions(c)}
              </li>
            ))}
          </ul>
        )
      ) : null}
      {approving ? <ApproveModal item={approving} onClose={() => setApproving(null)} /> : null}
    </div>
  );
}

function DisciplineRegister({ year, manage }: { year: number; manage: boolean }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const list = useDiscipline(year);
  const [adding, setAdding] = useState(false);
  const items = list.data?.items ?? [];
  const duty = (d: TDisciplineRecord) => (d.dutyRelated ? <Tag color="red">{t('evaluation.discipline.dutyTag')}</Tag> : <Tag>{t('evaluation.discipline.notDutyTag')}</Tag>);
  const columns: TableColumnsType<TDisciplineRecord> = [
    { key: 'date', title: t('evaluation.discipline.decidedAt'), render: (_, d) => <span className="cv-nowrap">{formatDate(d.decidedAt)}</span> },
    { key: 'name', title: t('evaluation.col.official'), render: (_, d) => <span className="ev-name">{d.fullName}</span> },
    { key: 'form', title: t('evaluation.discipline.formLabel'), render: (_, d) => <strong>{t(disciplineFormKey(d.form))}</strong> },
    { key: 'duty', title: t('evaluation.discipline.dutyCol'), render: (_, d) => duty(d) },
    {
      key: 'no',
      title: t('evaluation.discipline.decisionNo'),
      render: (_, d) => (
        <>
          <span className="cv-mono">{d.decisionNo}</span>
          <div className="cv-cell-sub">{t('evaluation.discipline.regime', { regime: d.regime })}</div>
        </>
      ),
    },
    { key: 'reason', title: t('evaluation.discipline.reason'), render: (_, d) => <span className="cv-clamp-2">{d.reason}</span> },
  ];
  return (
    <div data-testid="discipline">
      <div className="ev-tab-head">
        <Typography.Paragraph type="secondary" className="ev-tab-intro">
          {t('evaluation.discipline.intro')}
        </Typography.Paragraph>
        {manage ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)} data-testid="discipline-add">
            {t('evaluation.discipline.add')}
          </Button>
        ) : null}
      </div>
      <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.isPending ? <Skeleton active /> : null}
      {list.isSuccess && !items.length ? <Alert type="info" showIcon title={t('evaluation.discipline.none', { year })} className="ev-alert" data-testid="discipline-none" /> : null}
      {items.length ? (
        screens.md ? (
          <Table<TDisciplineRecord> rowKey="id" size="middle" columns={columns} dataSource={items} loading={list.isFetching} pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="discipline-table" />
        ) : (
          <ul className="ev-cards" data-testid="discipline-table">
            {items.map((d) => (
              <li key={d.id} className="ev-mobile-card">
                <div className="ev-mobile-card-head">
                  <div>
                    <div className="ev-name">{d.fullName}</div>
                    <div className="cv-cell-sub">
                      {formatDate(d.decidedAt)} · <span className="cv-mono">{d.decisionNo}</span>
                    </div>
                  </div>
                  <strong>{t(disciplineFormKey(d.form))}</strong>
                </div>
                <div>{duty(d)}</div>
                <div>{d.reason}</div>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {adding ? <DisciplineFormModal onClose={() => setAdding(false)} /> : null}
    </div>
  );
}

export default function RewardsPage() {
  const t = useT();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('nam')) || currentYear();
  const tab = params.get('muc') === 'ky-luat' ? 'ky-luat' : 'khen-thuong';
  const manage = hasAnyRole(me, EVAL_MANAGERS);
  const set = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );
  return (
    <div data-testid="rewards-page">
      <PageHeader title={t('evaluation.rewards.title')} subtitle={t('evaluation.rewards.subtitle')} />
      <Form component={false} layout="vertical">
        <Form.Item label={t('evaluation.year')} htmlFor="rewards-year">
          <YearSelect id="rewards-year" value={year} onChange={(y) => set('nam', String(y))} testId="rewards-year" />
        </Form.Item>
      </Form>
      <Card className="cv-card">
        <Tabs
          activeKey={tab}
          onChange={(k) => set('muc', k)}
          items={[
            { key: 'khen-thuong', label: <span data-testid="tab-commendations">{t('evaluation.rewards.commendations')}</span>, children: <Commendations year={year} manage={manage} /> },
            { key: 'ky-luat', label: <span data-testid="tab-discipline">{t('evaluation.rewards.discipline')}</span>, children: <DisciplineRegister year={year} manage={manage} /> },
          ]}
        />
      </Card>
    </div>
  );
}
