import { CheckOutlined, ExclamationCircleFilled, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Form, Input, Modal, Select, Skeleton, Switch, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useUnits } from '../../api/org.queries.ts';
import { useAddRemediation, useProgressRemediation, useViolations, type TRemediation, type TViolation } from '../../api/oversight.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DateField } from '../../components/date-field.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { formatDate, todayLabel, vnIso, vnWallClock } from '../../lib/format.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { OfficialSelect } from './official-select.tsx';
import { OverdueTag, SeverityTag, VIOLATION_STATUS_COLOR } from './labels.tsx';
import { complaintPath, inspectionPath, MANAGE_ROLES } from './shared.tsx';
import { DrillBanner, VIOLATION_DRILL_KEYS, useDrillFilters } from '../dashboard/drill-filter.tsx';
import './oversight.css';

const STATUSES = ['open', 'remediating', 'closed'] as const;
const PAGE = 30;
const REM_COLOR: Record<TRemediation['status'], string> = { open: 'blue', done: 'gold', verified: 'green' };

function AddRemediationModal({ v, onClose }: { v: TViolation; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const add = useAddRemediation(v.id);
  const [action, setAction] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [due, setDue] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const today = vnWallClock(new Date())?.date ?? '';
  const submit = () => {
    const e: Record<string, string> = {};
    if (!action.trim()) e.action = t('common.required');
    if (!ownerId) e.ownerId = t('common.requiredChoose');
    if (!due) e.dueAt = t('common.required');
    else if (due <= today) e.dueAt = t('common.invalid');
    setErrors(e);
    if (Object.keys(e).length || !ownerId || !due) return;
    add.mutate(
      { action: action.trim(), ownerId, dueAt: vnIso(due, '17:00') },
      {
        onSuccess: () => {
          void message.success(t('oversight.rem.added'));
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('oversight.rem.add')}
      onCancel={onClose}
      onOk={submit}
      okText={t('oversight.rem.add')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'rem-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {v.rule.code} — {v.rule.title} · {v.unitName}
      </Typography.Paragraph>
      <ProblemAlert error={add.error} />
      <Form component={false} layout="vertical">
        <Form.Item label={t('oversight.rem.action')} htmlFor="rem-action" required validateStatus={errors.action ? 'error' : undefined} help={errors.action}>
          <Input.TextArea id="rem-action" value={action} onChange={(e) => setAction(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="rem-action" />
        </Form.Item>
        <Form.Item label={t('oversight.rem.owner')} htmlFor="rem-owner" required validateStatus={errors.ownerId ? 'error' : undefined} help={errors.ownerId}>
          <OfficialSelect id="rem-owner" unitId={v.unitId} value={ownerId} onChange={setOwnerId} placeholder={t('oversight.v.officialPlaceholder')} testId="rem-owner" />
        </Form.Item>
        <Form.Item label={t('oversight.rem.dueAt')} htmlFor="rem-due" required validateStatus={errors.dueAt ? 'error' : undefined} help={errors.dueAt}>
          <DateField id="rem-due" value={due} onChange={setDue} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ProgressModal({ r, step, onClose }: { r: TRemediation; step: 'done' | 'verify'; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const progress = useProgressRemediation(r.id);
  const [note, setNote] = useState('');
  const [error, setError] = useState(false);
  const title = t(step === 'done' ? 'oversight.rem.reportDone' : 'oversight.rem.verify');
  const submit = () => {
    if (!note.trim()) return setError(true);
    progress.mutate(
      { step, note: note.trim() },
      {
        onSuccess: () => {
          void message.success(t(step === 'done' ? 'oversight.rem.reported' : 'oversight.rem.verifiedMsg'));
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={submit}
      okText={title}
      cancelText={t('common.cancel')}
      confirmLoading={progress.isPending}
      okButtonProps={{ 'data-testid': 'rem-progress-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Typography.Paragraph>{r.action}</Typography.Paragraph>
      <ProblemAlert error={progress.error} />
      <Form component={false} layout="vertical">
        <Form.Item label={t('oversight.rem.note')} htmlFor="rem-note" required validateStatus={error ? 'error' : undefined} help={error ? t('common.required') : undefined}>
          <Input.TextArea
            id="rem-note"
            data-testid="rem-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t(step === 'done' ? 'oversight.rem.noteDone' : 'oversight.rem.noteVerify')}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ViolationCard({ v, canManage, onAdd, onProgress }: { v: TViolation; canManage: boolean; onAdd: () => void; onProgress: (r: TRemediation, step: 'done' | 'verify') => void }) {
  const t = useT();
  const me = useCurrentUser();
  const overdue = v.remediations.some((r) => r.overdue);
  return (
    <li className={`cv-ov-violation${overdue ? ' is-overdue' : ''}${v.status === 'closed' ? ' is-closed' : ''}`} data-testid="violation" data-overdue={overdue}>
      <div className="cv-ov-violation-top">
        <span className="cv-ov-violation-rule">
          <span className="cv-mono">{v.rule.code}</span> {v.rule.title}{' '}
          <span className="cv-cell-sub">({t('oversight.v.version', { v: v.rule.version })})</span>
        </span>
        <span className="cv-ov-card-tags">
          <SeverityTag severity={v.severity} />
          <Tag color={VIOLATION_STATUS_COLOR[v.status]}>{t(`oversight.v.status.${v.status}`)}</Tag>
          {overdue ? <OverdueTag label={t('oversight.rem.overdue')} /> : null}
        </span>
      </div>
      <div className="cv-ov-violation-meta">
        <strong>{v.unitName}</strong>
        {v.officialName ? ` · ${v.officialName}` : ''} · {t('oversight.v.foundAt', { date: formatDate(v.foundAt) })} ·{' '}
        {v.inspectionId ? (
          <Link to={inspectionPath(v.inspectionId)} className="cv-name-link">{t('oversight.v.fromInspection')}</Link>
        ) : v.complaintId ? (
          canManage || hasAnyRole(me, ['unit_head', 'leader']) ? <Link to={complaintPath(v.complaintId)} className="cv-name-link">{t('oversight.v.fromComplaint')}</Link> : t('oversight.v.fromComplaint')
        ) : null}
      </div>
      <p className="cv-ov-prewrap cv-ov-violation-desc">{v.description}</p>
      <div className="cv-ov-rems">
        <div className="cv-ov-label">{t('oversight.rem.title')}</div>
        {v.remediations.length ? (
          <ul>
            {v.remediations.map((r) => (
              <li key={r.id} className={r.overdue ? 'is-overdue' : undefined} data-testid="remediation" data-status={r.status} data-overdue={r.overdue}>
                <div>{r.action}</div>
                <div className="cv-ov-rem-meta">
                  <span>{r.ownerName}</span>
                  <span className={r.overdue ? 'cv-ov-red' : undefined}>
                    {r.overdue ? <ExclamationCircleFilled aria-hidden /> : null} {t('oversight.rem.due', { date: formatDate(r.dueAt) })}
                    {r.overdue ? ` — ${t('oversight.rem.overdue').toLowerCase()}` : ''}
                  </span>
                  <Tag color={REM_COLOR[r.status]}>{t(`oversight.rem.status.${r.status}`)}</Tag>
                </div>
                <div className="cv-ov-rem-actions">
                  {r.status === 'open' && me.officialId === r.ownerId ? (
                    <Button size="small" icon={<CheckOutlined aria-hidden />} onClick={() => onProgress(r, 'done')} data-testid="rem-done">
                      {t('oversight.rem.reportDone')}
                    </Button>
                  ) : null}
                  {r.status === 'done' && canManage ? (
                    <Button size="small" type="primary" icon={<SafetyCertificateOutlined aria-hidden />} onClick={() => onProgress(r, 'verify')} data-testid="rem-verify">
                      {t('oversight.rem.verify')}
                    </Button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="cv-muted">{t('oversight.rem.none')}</p>
        )}
        {canManage && v.status !== 'closed' ? (
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={onAdd} data-testid="rem-add">
            {t('oversight.rem.add')}
          </Button>
        ) : null}
      </div>
    </li>
  );
}

export default function ViolationsPage() {
  const t = useT();
  const me = useCurrentUser();
  const canManage = hasAnyRole(me, MANAGE_ROLES);
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const status = STATUSES.includes(params.get('trang-thai') as (typeof STATUSES)[number]) ? (params.get('trang-thai') as string) : '';
  const [drill, clearDrill] = useDrillFilters(VIOLATION_DRILL_KEYS);
  const unitId = drill.unitId ?? params.get('don-vi') ?? undefined;
  const overdueOnly = params.get('qua-han') === '1';
  const [shown, setShown] = useState(PAGE);
  const [adding, setAdding] = useState<TViolation | null>(null);
  const [progressing, setProgressing] = useState<{ r: TRemediation; step: 'done' | 'verify' } | null>(null);
  const list = useViolations({ status: status || undefined, unitId, from: drill.from, to: drill.to, limit: 500 });
  const all = useMemo(() => {
    const rows = list.data ?? [];
    const kept = overdueOnly ? rows.filter((v) => v.remediations.some((r) => r.overdue)) : rows;
    // Overdue first: they are what the inspector follows up today.
    return [...kept].sort((a, b) => Number(b.remediations.some((r) => r.overdue)) - Number(a.remediations.some((r) => r.overdue)));
  }, [list.data, overdueOnly]);
  const items = all.slice(0, shown);
  const set = (key: string, value: string | null | undefined) => {
    setShown(PAGE);
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
  const overdueCount = (list.data ?? []).reduce((n, v) => n + v.remediations.filter((r) => r.overdue).length, 0);

  return (
    <div data-testid="violations-page" className="cv-compact-cards">
      <PageHeader title={t('oversight.v.title')} subtitle={t('oversight.v.subtitle')} />
      <DrillBanner filters={drill} onClear={clearDrill} basis="found" />
      <Form component={false} layout="vertical">
        <div className="cv-ov-filters">
          <Form.Item label={t('oversight.v.status')} htmlFor="v-status">
            <Select
              id="v-status"
              value={status}
              onChange={(v: string) => set('trang-thai', v)}
              options={[{ value: '', label: t('oversight.v.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`oversight.v.status.${s}`) }))]}
              style={{ minWidth: 200 }}
            />
          </Form.Item>
          <Form.Item label={t('oversight.v.unitFilter')} htmlFor="v-unit">
            <UnitTreeSelect id="v-unit" units={units.data ?? []} value={unitId} onChange={(v) => set('don-vi', v)} allowClear placeholder={t('common.unitFilterPlaceholder')} style={{ minWidth: 260 }} />
          </Form.Item>
          <div className="cv-switch-row">
            <Switch id="v-overdue" checked={overdueOnly} onChange={(v) => set('qua-han', v ? '1' : null)} />
            <label htmlFor="v-overdue">{t('oversight.v.overdueOnly')}</label>
          </div>
        </div>
      </Form>
      <p className="cv-ov-count" aria-live="polite">
        {t('oversight.v.count', { count: all.length })}
        {overdueCount ? (
          <span className="cv-ov-red">
            {' · '}
            <ExclamationCircleFilled aria-hidden /> {t('oversight.v.overdueCount', { count: overdueCount })}
          </span>
        ) : null}
        <span className="cv-muted"> · {todayLabel()}</span>
      </p>
      <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.isPending ? (
        <Card className="cv-card">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : null}
      {list.data && !items.length ? <Typography.Paragraph type="secondary">{t('oversight.v.empty')}</Typography.Paragraph> : null}
      <ul className="cv-ov-violations" data-testid="violation-list">
        {items.map((v) => (
          <ViolationCard key={v.id} v={v} canManage={canManage} onAdd={() => setAdding(v)} onProgress={(r, step) => setProgressing({ r, step })} />
        ))}
      </ul>
      {all.length > items.length ? (
        <div className="cv-list-footer">
          <span className="cv-muted">{t('common.shownOf', { count: items.length })}</span>
          <Button onClick={() => setShown((n) => n + PAGE)} data-testid="violations-more">
            {t('common.loadMore')}
          </Button>
        </div>
      ) : null}
      {adding ? <AddRemediationModal v={adding} onClose={() => setAdding(null)} /> : null}
      {progressing ? <ProgressModal r={progressing.r} step={progressing.step} onClose={() => setProgressing(null)} /> : null}
    </div>
  );
}
