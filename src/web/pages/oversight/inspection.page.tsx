import { ArrowLeftOutlined, AuditOutlined, FilePdfOutlined, PlayCircleOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Form, Input, Progress, Select, Skeleton, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { conclusionPdfUrl, useAddFinding, useInspection, useInspectionTransition, type TInspection } from '../../api/oversight.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { ChecklistItem } from './checklist-item.tsx';
import { ConcludeForm } from './conclude-form.tsx';
import { InspectionStatusTag, SurpriseTag } from './labels.tsx';
import { MANAGE_ROLES, useWhen } from './shared.tsx';
import './oversight.css';

function Header({ i }: { i: TInspection }) {
  const t = useT();
  const when = useWhen();
  return (
    <Card className="cv-card cv-ov-head" data-testid="inspection-head">
      <Link to="/kiem-tra/tai-cho" className="cv-back-link-inline">
        <ArrowLeftOutlined aria-hidden /> {t('oversight.insp.back')}
      </Link>
      <div className="cv-ov-head-tags">
        <InspectionStatusTag status={i.status} label={i.statusLabel} />
        <SurpriseTag surprise={i.surprise} />
        <span className="cv-muted">{t('oversight.no', { no: i.no })}</span>
      </div>
      <Typography.Title level={1} className="cv-ov-title" data-testid="inspection-title">
        {i.title}
      </Typography.Title>
      <dl className="cv-facts">
        <div>
          <dt>{t('oversight.insp.scheduledAt')}</dt>
          <dd>{when(i.scheduledAt)}</dd>
        </div>
        <div>
          <dt>{t('oversight.insp.targets')}</dt>
          <dd data-testid="inspection-targets">{i.targets.map((x) => x.name).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('oversight.insp.lead')}</dt>
          <dd>{i.lead.fullName}</dd>
        </div>
        {i.team.length ? (
          <div>
            <dt>{t('oversight.insp.team')}</dt>
            <dd>{i.team.map((x) => x.fullName).join(', ')}</dd>
          </div>
        ) : null}
        {i.startedAt ? (
          <div>
            <dt>{t('oversight.insp.startedAt')}</dt>
            <dd>{formatDateTime(i.startedAt)}</dd>
          </div>
        ) : null}
        {i.signedOffAt ? (
          <div>
            <dt>{t('oversight.insp.signedOffAt')}</dt>
            <dd>{formatDateTime(i.signedOffAt)}</dd>
          </div>
        ) : null}
        {i.concludedAt ? (
          <div>
            <dt>{t('oversight.insp.concludedAt')}</dt>
            <dd>{formatDateTime(i.concludedAt)}</dd>
          </div>
        ) : null}
      </dl>
    </Card>
  );
}

function Findings({ i, editable }: { i: TInspection; editable: boolean }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const add = useAddFinding(i.id);
  const [text, setText] = useState('');
  const [unitId, setUnitId] = useState<string | undefined>(i.targets.length === 1 ? i.targets[0]?.id : undefined);
  const [error, setError] = useState(false);
  const unitName = (id: string | null) => i.targets.find((x) => x.id === id)?.name;
  if (!editable && !i.findings.length) return null;
  const submit = () => {
    if (!text.trim()) return setError(true);
    setError(false);
    add.mutate(
      { text: text.trim(), targetUnitId: unitId ?? null },
      {
        onSuccess: () => {
          setText('');
          void message.success(t('oversight.insp.findingAdded'));
        },
      },
    );
  };
  return (
    <Card title={t('oversight.insp.findings')} className="cv-card" data-testid="findings">
      {i.findings.length ? (
        <ol className="cv-ov-findings">
          {i.findings.map((f) => (
            <li key={f.id}>
              <div className="cv-ov-prewrap">{f.text}</div>
              <div className="cv-cell-sub">
                {[unitName(f.targetUnitId), f.createdBy, formatDateTime(f.createdAt)].filter(Boolean).join(' · ')}
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <Typography.Paragraph type="secondary">{t('oversight.insp.noFindings')}</Typography.Paragraph>
      )}
      {editable ? (
        <Form component={false} layout="vertical">
          <ProblemAlert error={add.error} />
          <Form.Item label={t('oversight.insp.findingText')} htmlFor="finding-text" validateStatus={error ? 'error' : undefined} help={error ? t('common.required') : undefined}>
            <Input.TextArea id="finding-text" value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} data-testid="finding-text" />
          </Form.Item>
          {i.targets.length > 1 ? (
            <Form.Item label={t('oversight.insp.findingUnit')} htmlFor="finding-unit">
              <Select id="finding-unit" allowClear value={unitId} onChange={setUnitId} options={i.targets.map((x) => ({ value: x.id, label: x.name }))} />
            </Form.Item>
          ) : null}
          <Button icon={<PlusOutlined aria-hidden />} onClick={submit} loading={add.isPending} data-testid="finding-add">
            {t('oversight.insp.addFinding')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}

/** "answers.<unit>.<index>[.note]" from the sign-off refusal → "Phường X: Chưa trả lời mục 2." */
function incompleteLines(i: TInspection, error: unknown): string[] {
  if (!isApiError(error) || error.code !== 'CHECKLIST_INCOMPLETE') return [];
  return error.fieldErrors.map((e) => {
    const unit = i.targets.find((x) => e.field.includes(x.id))?.name;
    return unit && i.targets.length > 1 ? `${unit}: ${e.message}` : e.message;
  });
}

function SignOff({ i, isLead, answered, total }: { i: TInspection; isLead: boolean; answered: number; total: number }) {
  const t = useT();
  const { message, modal } = AntApp.useApp();
  const transition = useInspectionTransition(i.id);
  // A refusal lists what was missing; once more items are recorded it is out of date.
  const { reset } = transition;
  useEffect(() => reset(), [answered, reset]);
  const lines = incompleteLines(i, transition.error);
  const confirm = () =>
    modal.confirm({
      title: t('oversight.insp.signOff'),
      content: t('oversight.insp.signOffConfirm'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () =>
        new Promise<void>((resolve) =>
          transition.mutate(
            { action: 'sign_off' },
            {
              onSuccess: () => void message.success(t('oversight.insp.signedMsg')),
              onSettled: () => resolve(),
            },
          ),
        ),
    });
  return (
    <Card title={t('oversight.insp.signOff')} className="cv-card" data-testid="signoff-card">
      <Progress status="normal" percent={total ? Math.round((answered / total) * 100) : 0} format={() => `${answered}/${total}`} aria-label={t('oversight.insp.progress', { done: answered, total })} />
      <Typography.Paragraph type="secondary" className="cv-ov-hint">
        {t('oversight.insp.signOffHint')}
      </Typography.Paragraph>
      {lines.length ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('oversight.insp.incomplete')}
          description={
            <ul className="cv-problem-list">
              {lines.map((l, k) => (
                <li key={k}>{l}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
          data-testid="signoff-incomplete"
        />
      ) : (
        <ProblemAlert error={transition.error} />
      )}
      {isLead ? (
        <Button type="primary" size="large" block icon={<AuditOutlined aria-hidden />} onClick={confirm} loading={transition.isPending} className="cv-ov-big-button" data-testid="insp-sign-off">
          {t('oversight.insp.signOff')}
        </Button>
      ) : (
        <Typography.Paragraph>{t('oversight.insp.onlyLead', { name: i.lead.fullName })}</Typography.Paragraph>
      )}
    </Card>
  );
}

function Conclusion({ i }: { i: TInspection }) {
  const t = useT();
  return (
    <Card title={t('oversight.insp.conclusion')} className="cv-card cv-ov-conclusion" data-testid="conclusion-card">
      <p className="cv-ov-prewrap" data-testid="conclusion-text">
        {i.conclusion}
      </p>
      <div className="cv-ov-actions-row">
        <Button type="primary" size="large" icon={<FilePdfOutlined aria-hidden />} href={conclusionPdfUrl(i.id)} target="_blank" rel="noopener" data-testid="conclusion-pdf">
          {t('oversight.insp.pdf')}
        </Button>
        <Link to="/kiem-tra/vi-pham">{t('oversight.insp.openViolations')}</Link>
      </div>
    </Card>
  );
}

export default function InspectionPage() {
  const t = useT();
  const me = useCurrentUser();
  const { message, modal } = AntApp.useApp();
  const { id } = useParams();
  const inspection = useInspection(id);
  const transition = useInspectionTransition(id ?? '');
  const i = inspection.data;
  const [picked, setPicked] = useState<string | null>(null);
  const target = picked ?? i?.targets[0]?.id ?? '';

  const counts = useMemo(() => {
    const byTarget = new Map<string, number>();
    let pass = 0;
    let fail = 0;
    let na = 0;
    for (const a of i?.answers ?? []) {
      if (a.itemIndex >= (i?.checklist.length ?? 0)) continue;
      byTarget.set(a.targetUnitId, (byTarget.get(a.targetUnitId) ?? 0) + 1);
      if (a.result === 'pass') pass++;
      else if (a.result === 'fail') fail++;
      else na++;
    }
    return { byTarget, pass, fail, na, all: pass + fail + na };
  }, [i]);

  if (inspection.isPending) {
    return (
      <Card className="cv-card">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (!i) {
    return (
      <div data-testid="inspection-page">
        <Link to="/kiem-tra/tai-cho" className="cv-back-link-inline">
          <ArrowLeftOutlined aria-hidden /> {t('oversight.insp.back')}
        </Link>
        <ProblemAlert error={inspection.error ?? new Error(t('oversight.insp.notFound'))} onRetry={() => void inspection.refetch()} />
      </div>
    );
  }

  const isLead = Boolean(me.officialId) && me.officialId === i.lead.id;
  const isTeam = isLead || (Boolean(me.officialId) && i.team.some((x) => x.id === me.officialId));
  const canManage = hasAnyRole(me, MANAGE_ROLES);
  const editable = i.status === 'in_progress' && isTeam;
  const total = i.checklist.length * i.targets.length;
  const act = (action: 'start' | 'cancel', done: string) =>
    transition.mutate({ action }, { onSuccess: () => void message.success(done) });

  return (
    <div data-testid="inspection-page" data-status={i.status} className="cv-compact-cards cv-ov-narrow">
      <Header i={i} />
      <ProblemAlert error={transition.error} />

      {i.status === 'concluded' ? <Conclusion i={i} /> : null}

      {i.status === 'planned' && isTeam ? (
        <Card className="cv-card" data-testid="start-card">
          <Typography.Paragraph className="cv-ov-hint">{t('oversight.insp.startHint')}</Typography.Paragraph>
          <Button
            type="primary"
            size="large"
            block
            icon={<PlayCircleOutlined aria-hidden />}
            onClick={() => act('start', t('oversight.insp.started'))}
            loading={transition.isPending}
            className="cv-ov-big-button"
            data-testid="insp-start"
          >
            {t('oversight.insp.start')}
          </Button>
        </Card>
      ) : null}

      {i.status === 'in_progress' && !isTeam ? <Alert type="info" showIcon title={t('oversight.insp.notTeam')} style={{ marginBottom: 16 }} /> : null}

      <Card
        title={t('oversight.insp.checklist')}
        className="cv-card"
        extra={
          i.status !== 'planned' ? (
            <span className="cv-muted" aria-live="polite" data-testid="checklist-progress">
              {t('oversight.insp.progress', { done: counts.all, total })}
            </span>
          ) : null
        }
        data-testid="checklist"
      >
        {i.targets.length > 1 ? (
          <div className="cv-ov-target-switch">
            <span id="target-switch-label" className="cv-ov-label">
              {t('oversight.insp.target')}
            </span>
            <div className="cv-ov-targets" role="group" aria-labelledby="target-switch-label">
              {i.targets.map((x) => (
                <button key={x.id} type="button" className={`cv-ov-target${x.id === target ? ' is-on' : ''}`} aria-pressed={x.id === target} onClick={() => setPicked(x.id)}>
                  <span className="cv-ov-target-name">{x.name}</span>
                  <span className="cv-ov-target-count">
                    {counts.byTarget.get(x.id) ?? 0}/{i.checklist.length}
                  </span>
                </button>
              ))}
            </div>
          </div>
        ) : null}
        {i.status === 'signed_off' || i.status === 'concluded' ? (
          <p className="cv-ov-summary">{t('oversight.insp.summary', { pass: counts.pass, fail: counts.fail, na: counts.na })}</p>
        ) : null}
        <ol className="cv-ov-items">
          {i.checklist.map((item, k) => (
            <ChecklistItem
              key={`${target}-${k}`}
              inspection={i}
              index={k}
              item={item}
              targetUnitId={target}
              answer={i.answers.find((a) => a.targetUnitId === target && a.itemIndex === k)}
              editable={editable}
            />
          ))}
        </ol>
      </Card>

      {i.status !== 'planned' ? <Findings i={i} editable={editable} /> : null}

      {i.status === 'in_progress' ? <SignOff i={i} isLead={isLead} answered={counts.all} total={total} /> : null}

      {i.status === 'signed_off' ? (
        isLead ? (
          <ConcludeForm inspection={i} />
        ) : (
          <Alert type="info" showIcon title={t('oversight.insp.onlyLead', { name: i.lead.fullName })} style={{ marginBottom: 16 }} />
        )
      ) : null}

      {(i.status === 'planned' || i.status === 'in_progress') && canManage ? (
        <div className="cv-ov-danger-zone">
          <Button
            danger
            icon={<StopOutlined aria-hidden />}
            onClick={() =>
              modal.confirm({
                title: t('oversight.insp.cancel'),
                content: t('oversight.insp.cancelConfirm'),
                okText: t('oversight.insp.cancel'),
                okButtonProps: { danger: true },
                cancelText: t('common.close'),
                onOk: () => act('cancel', t('oversight.insp.cancelled')),
              })
            }
          >
            {t('oversight.insp.cancel')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
