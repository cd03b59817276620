import { ArrowLeftOutlined, CopyOutlined, ExportOutlined, PrinterOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Col, Descriptions, Grid, Input, QRCode, Row, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { TDossier } from '../../../shared/schemas/dossiers.ts';
import { dossierFormUrl, useDossier, type DossierForm } from '../../api/dossiers.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DueMarker, FlagTags, StatusTag, TimelinessTag } from '../../components/dossier-tags.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT, type TFunction, type TKey } from '../../i18n/i18n.tsx';
import { channelKey, eventLabel, feeLabel, formatVnd, type DossierStatus } from '../../lib/dossier-labels.ts';
import { formatDateTime, vnWeekday } from '../../lib/format.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { DossierActionDialog, DossierActions, type ActionType } from './dossier-actions.tsx';
import { DossierFiles } from './dossier-files.tsx';

const RED = new Set(['refuse_reception', 'withdraw', 'stop', 'close_incomplete']);
const ORANGE = new Set(['request_supplement', 'apologize', 'request_payment']);
const GREEN = new Set(['decide', 'return_result', 'complete_supplement', 'record_payment', 'rating']);

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v : null;
}
function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** What a reader of the timeline needs from an event's data, in words. */
function eventDetails(t: TFunction, type: string, data: Record<string, unknown>): ReactNode[] {
  const out: ReactNode[] = [];
  const items = strings(data.items);
  if (items.length) {
    out.push(
      <div key="items">
        <span className="cv-muted">{t('dossier.supplementItems')}:</span>
        <ol className="cv-event-list">
          {items.map((i, n) => (
            <li key={n}>{i}</li>
          ))}
        </ol>
      </div>,
    );
  }
  const reasons = strings(data.reasons);
  if (reasons.length) {
    out.push(
      <div key="reasons">
        <span className="cv-muted">{t('dossier.reasons')}:</span>
        <ul className="cv-event-list">
          {reasons.map((r, n) => (
            <li key={n}>{r}</li>
          ))}
        </ul>
      </div>,
    );
  }
  if (data.outcome === 'approved' || data.outcome === 'rejected') out.push(<div key="outcome">{t(`outcome.${data.outcome}`)}</div>);
  if (typeof data.amountVnd === 'number') {
    const method = str(data.method);
    out.push(
      <div key="amount">
        {t('dossier.amount', { amount: formatVnd(t, data.amountVnd) })}
        {method && ['cash', 'transfer', 'online'].includes(method) ? ` · ${t(`payment.${method}` as TKey)}` : ''}
      </div>,
    );
  }
  const newDue = str(data.newDueAt);
  if (newDue) out.push(<div key="newDue">{t('dossier.newDue', { date: formatDateTime(newDue) })}</div>);
  else if ((type === 'create' || type === 'receive' || type === 'complete_supplement') && str(data.dueAt)) {
    out.push(<div key="due">{t('dossier.dueLine', { date: formatDateTime(str(data.dueAt)) })}</div>);
  }
  for (const k of ['reason', 'note', 'purpose'] as const) {
    const v = str(data[k]);
    if (v) out.push(<div key={k} className="cv-event-quote">“{v}”</div>);
  }
  if (type === 'rating' && typeof data.level === 'string' && ['very_satisfied', 'satisfied', 'dissatisfied'].includes(data.level)) {
    out.push(<div key="level">{t(`rating.${data.level}` as TKey)}</div>);
  }
  return out;
}

/** Who acted: the official's name; the system, the citizen or an import in words, never a login name. */
function actorLabel(t: TFunction, e: TDossier['timeline'][number]): string {
  if (e.actorName) return e.actorName;
  // The demo's seeded events count as the system's.
  if (e.actor === 'system' || e.actor === 'seed') return t('dossier.actor.system');
  if (e.actor === 'citizen') return t('dossier.actor.citizen');
  if (e.actor?.startsWith('import:')) return t('dossier.actor.import');
  return e.actor ?? '';
}

function DossierTimeline({ dossier }: { dossier: TDossier }) {
  const t = useT();
  return (
    <Timeline
      className="cv-timeline"
      data-testid="dossier-timeline"
      items={dossier.timeline.map((e) => ({
        key: e.seq,
        color: RED.has(e.type) ? '#b71c1c' : ORANGE.has(e.type) ? '#d46b08' : GREEN.has(e.type) ? '#2e7d32' : '#1d5fa8',
        content: (
          <div className="cv-timeline-item" data-testid="timeline-item" data-type={e.type}>
            <div className="cv-timeline-time">{formatDateTime(e.at)}</div>
            <strong>{eventLabel(t, e.type, e.label)}</strong>
            {e.actorName || e.actor ? <span className="cv-cell-sub"> — {t('dossier.by', { actor: actorLabel(t, e) })}</span> : null}
            <div className="cv-timeline-details">{eventDetails(t, e.type, e.data)}</div>
          </div>
        ),
      }))}
    />
  );
}

function PrintForms({ dossier }: { dossier: TDossier }) {
  const t = useT();
  const forms: DossierForm[] = [];
  if (dossier.receivedAt) forms.push('receipt');
  if (dossier.supplementCount > 0) forms.push('supplement');
  if (dossier.apologyCount > 0) forms.push('apology');
  if (dossier.status === 'refused') forms.push('refusal');
  if (!forms.length) return <Typography.Paragraph type="secondary">{t('forms.none')}</Typography.Paragraph>;
  return (
    <div className="cv-action-buttons">
      {forms.map((f) => (
        <Button key={f} icon={<PrinterOutlined aria-hidden />} href={dossierFormUrl(dossier.id, f)} target="_blank" rel="noopener" data-testid={`form-${f}`} block>
          {t(`forms.${f}`)}
        </Button>
      ))}
    </div>
  );
}

function PublicLink({ url }: { url: string }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      void message.success(t('common.copied'));
    } catch {
      (document.getElementById('dossier-public-url') as HTMLInputElement | null)?.select();
    }
  };
  return (
    <div className="cv-public-link" data-testid="dossier-public">
      <Typography.Paragraph type="secondary" className="cv-card-hint">
        {t('dossier.publicHint')}
      </Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          id="dossier-public-url"
          aria-label={t('dossier.sectionPublic')}
          readOnly
          value={url}
          className="cv-mono"
          onFocus={(e) => e.target.select()}
          data-testid="dossier-public-url"
        />
        <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copy()} data-testid="dossier-public-copy">
          {t('common.copy')}
        </Button>
      </Space.Compact>
      <div className="cv-public-qr">
        <QRCode value={url} size={112} bordered={false} type="svg" aria-hidden />
        <a href={url} target="_blank" rel="noopener noreferrer">
          <ExportOutlined aria-hidden /> {t('dossier.openPublic')}
        </a>
      </div>
    </div>
  );
}

function Header({ d }: { d: TDossier }) {
  const t = useT();
  const apologised = d.apologyCount > 0 && d.dueAt && d.legalDueAt && d.dueAt !== d.legalDueAt;
  const due = (iso: string) => `${t(`weekday.${vnWeekday(iso)}` as TKey)}, ${formatDateTime(iso)}`;
  return (
    <Card className="cv-card cv-dossier-head" data-testid="dossier-head">
      <Link to="/mot-cua/ho-so" className="cv-back-link-inline">
        <ArrowLeftOutlined aria-hidden /> {t('dossier.back')}
      </Link>
      <Typography.Title level={1} className="cv-dossier-code cv-mono" data-testid="dossier-code">
        {d.code}
      </Typography.Title>
      <div className="cv-dossier-tags">
        <StatusTag status={d.status as DossierStatus} />
        <TimelinessTag value={d.timeliness} />
        <DueMarker dossier={d} />
        <FlagTags flags={d.flags} />
      </div>
      <Typography.Paragraph className="cv-dossier-proc">{d.procedureName}</Typography.Paragraph>
      <dl className="cv-facts">
        <div>
          <dt>{t('dossier.receivedAt')}</dt>
          <dd>{d.receivedAt ? formatDateTime(d.receivedAt) : t('common.none')}</dd>
        </div>
        {apologised ? (
          <>
            <div>
              <dt>{t('dossier.legalDueAt')}</dt>
              <dd data-testid="dossier-legal-due">
                {due(d.legalDueAt!)}
              </dd>
            </div>
            <div>
              <dt>{t('dossier.promisedDueAt')}</dt>
              <dd>
                <strong data-testid="dossier-due">{due(d.dueAt!)}</strong>
              </dd>
            </div>
          </>
        ) : (
          <div>
            <dt>{t('counter.dueAt')}</dt>
            <dd>
              {d.dueAt ? <strong data-testid="dossier-due">{due(d.dueAt)}</strong> : t('common.none')}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('dossier.handler')}</dt>
          <dd data-testid="dossier-handler">{d.handlerName ?? <span className="cv-muted">{t('dossier.noHandler')}</span>}</dd>
        </div>
        <div>
          <dt>{t('dossier.unit')}</dt>
          <dd>{d.unitName}</dd>
        </div>
      </dl>
    </Card>
  );
}

export default function DossierPage() {
  const t = useT();
  const me = useCurrentUser();
  const screens = Grid.useBreakpoint();
  const { id } = useParams();
  const dossier = useDossier(id);
  const d = dossier.data;
  const wide = Boolean(screens.lg);
  const [openAction, setOpenAction] = useState<ActionType | null>(null);

  if (dossier.isPending) {
    return (
      <Card className="cv-card">
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (!d) {
    return (
      <div data-testid="dossier-page">
        <Link to="/mot-cua/ho-so" className="cv-back-link-inline">
          <ArrowLeftOutlined aria-hidden /> {t('dossier.back')}
        </Link>
        <ProblemAlert error={dossier.error ?? new Error(t('dossier.notFound'))} onRetry={() => void dossier.refetch()} />
      </div>
    );
  }

  const none = <span className="cv-muted">{t('common.none')}</span>;
  const masked = d.applicant.idNumber.includes('*');
  const canUpload = d.allowedActions.length > 0 || hasAnyRole(me, ['admin']);
  const actionsCard = (
    <Card title={t('dossier.sectionActions')} className="cv-card cv-actions-card">
      <DossierActions dossier={d} onOpen={setOpenAction} />
    </Card>
  );

  return (
    <div data-testid="dossier-page" className="cv-dossier cv-compact-cards">
      <ProblemAlert error={dossier.error} onRetry={() => void dossier.refetch()} />
      <Header d={d} />
      <DossierActionDialog dossier={d} open={openAction} onClose={() => setOpenAction(null)} />
      {wide ? null : actionsCard}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card title={t('dossier.sectionTimeline')} className="cv-card">
            <DossierTimeline dossier={d} />
          </Card>
          <Card title={t('dossier.sectionApplicant')} className="cv-card">
            <Descriptions
              column={1}
              size="small"
              bordered
              layout={screens.sm ? 'horizontal' : 'vertical'}
              styles={{ label: { width: screens.sm ? 200 : undefined } }}
              items={[
                { key: 'name', label: t('applicant.fullName'), children: <strong>{d.applicant.fullName}</strong> },
                {
                  key: 'id',
                  label: t('applicant.idNumber'),
                  children: (
                    <>
                      <span className="cv-mono" data-testid="dossier-id-number">
                        {d.applicant.idNumber}
                      </span>
                      {masked ? <Tag className="cv-inline-tag">{t('applicant.idMasked')}</Tag> : null}
                    </>
                  ),
                },
                { key: 'phone', label: t('applicant.phone'), children: d.applicant.phone ? <a href={`tel:${d.applicant.phone}`}>{d.applicant.phone}</a> : none },
                { key: 'email', label: t('applicant.email'), children: d.applicant.email ? <a href={`mailto:${d.applicant.email}`}>{d.applicant.email}</a> : none },
                { key: 'address', label: t('applicant.address'), children: d.applicant.address ?? none },
              ]}
            />
          </Card>
          <Card title={t('dossier.sectionProcessing')} className="cv-card">
            <Descriptions
              column={1}
              size="small"
              bordered
              layout={screens.sm ? 'horizontal' : 'vertical'}
              styles={{ label: { width: screens.sm ? 200 : undefined } }}
              items={[
                {
                  key: 'procedure',
                  label: t('dossier.procedure'),
                  children: (
                    <>
                      {d.procedureName} <span className="cv-mono cv-muted">({d.procedureCode})</span>
                    </>
                  ),
                },
                { key: 'unit', label: t('dossier.unit'), children: d.unitName },
                { key: 'handler', label: t('dossier.handler'), children: d.handlerName ?? none },
                { key: 'channel', label: t('dossier.channel'), children: t(channelKey(d.channel)) },
                { key: 'fee', label: t('dossier.fee'), children: d.feeVnd > 0 || d.paidVnd > 0 ? `${formatVnd(t, d.feeVnd)} · ${t('dossier.paid')}: ${formatVnd(t, d.paidVnd)}` : feeLabel(t, 0) },
                { key: 'visits', label: t('dossier.visits'), children: d.visits },
                ...(d.outcome ? [{ key: 'outcome', label: t('dossier.outcome'), children: t(`outcome.${d.outcome}`) }] : []),
                ...(d.finishedAt ? [{ key: 'finished', label: t('dossier.finishedAt'), children: formatDateTime(d.finishedAt) }] : []),
                ...(d.returnedAt ? [{ key: 'returned', label: t('dossier.returnedAt'), children: formatDateTime(d.returnedAt) }] : []),
              ]}
            />
          </Card>
          <Card title={t('dossier.sectionDocuments')} className="cv-card">
            {d.documents.length ? (
              <ol className="cv-doc-list">
                {d.documents.map((doc, i) => (
                  <li key={i}>
                    <span>{doc.name}</span>
                    <span className="cv-cell-sub">
                      {t('doc.summary', { originals: doc.originals, copies: doc.copies })}
                      {doc.digitized ? <Tag color="blue" className="cv-inline-tag">{t('doc.digitized')}</Tag> : null}
                      {doc.reused ? <Tag color="green" className="cv-inline-tag">{t('doc.reused')}</Tag> : null}
                    </span>
                  </li>
                ))}
              </ol>
            ) : (
              <Typography.Paragraph type="secondary">{t('doc.none')}</Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          {wide ? actionsCard : null}
          <Card title={t('dossier.sectionForms')} className="cv-card">
            <PrintForms dossier={d} />
          </Card>
          <Card title={t('dossier.sectionRating')} className="cv-card" data-testid="dossier-rating">
            {d.rating ? (
              <div>
                <Tag color={d.rating.level === 'dissatisfied' ? 'red' : 'green'} className="cv-rating-tag">
                  {['very_satisfied', 'satisfied', 'dissatisfied'].includes(d.rating.level) ? t(`rating.${d.rating.level}` as TKey) : d.rating.level}
                </Tag>
                <span className="cv-cell-sub">{formatDateTime(d.rating.at)}</span>
                {d.rating.comment ? <p className="cv-event-quote">“{d.rating.comment}”</p> : null}
              </div>
            ) : (
              <Typography.Paragraph type="secondary">{t('dossier.noRating')}</Typography.Paragraph>
            )}
          </Card>
          <Card title={t('dossier.sectionPublic')} className="cv-card">
            <PublicLink url={d.publicUrl} />
          </Card>
          <Card title={t('dossier.sectionFiles')} className="cv-card">
            <DossierFiles dossier={d} canUpload={canUpload} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
