import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Grid, Skeleton, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTemplates, type TCriterion, type TTemplate, type UnitKind } from '../../api/evaluation.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { formatDate } from '../../lib/format.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { EVAL_LEADERS, formatScore, TEMPLATE_KINDS, unitKindKey } from './evaluation-labels.ts';
import { TemplateEditor } from './template-editor.tsx';
import './evaluation.css';

const kindParam = (kind: UnitKind | null) => kind ?? 'mac-dinh';
const kindOfParam = (value: string | null): UnitKind | null => (TEMPLATE_KINDS.find((k) => k !== null && k === value) as UnitKind | undefined) ?? null;

function CriteriaTable({ criteria }: { criteria: TCriterion[] }) {
  const t = useT();
  const [lang] = useLanguage();
  const columns: TableColumnsType<TCriterion> = [
    { key: 'code', title: t('evaluation.tpl.code'), width: 64, render: (_, c) => <span className="cv-mono">{c.code}</span> },
    { key: 'name', title: t('evaluation.tpl.criterion'), dataIndex: 'name' },
    { key: 'group', title: t('evaluation.tpl.group'), responsive: ['sm'], render: (_, c) => t(`evaluation.tpl.group.${c.group}`) },
    { key: 'max', title: t('evaluation.tpl.max'), align: 'right', width: 116, render: (_, c) => <strong>{formatScore(c.max, lang)}</strong> },
  ];
  return <Table<TCriterion> rowKey="code" size="small" columns={columns} dataSource={criteria} pagination={false} data-testid="tpl-criteria-table" />;
}

/** The version in force for a kind: its criteria, the evidence deductions and the head's reason margin. */
function InForce({ template, own }: { template: TTemplate; own: boolean }) {
  const t = useT();
  const [lang] = useLanguage();
  return (
    <div data-testid="tpl-in-force" data-version={template.version} data-kind={template.unitKind ?? 'default'}>
      {own ? null : <Alert type="info" showIcon title={t('evaluation.tpl.usesDefault')} className="ev-alert" data-testid="tpl-uses-default" />}
      <div className="ev-tpl-head">
        <strong className="ev-tpl-name">{template.name}</strong>
        <span className="cv-cell-sub">
          {t('evaluation.tpl.versionLine', { version: template.version, date: formatDate(template.createdAt) })}
          {template.createdBy ? ` · ${t('evaluation.tpl.by', { user: template.createdBy })}` : ''}
        </span>
      </div>
      <CriteriaTable criteria={template.criteria} />
      <dl className="ev-score-list ev-tpl-rules">
        <div>
          <dt>{t('evaluation.tpl.violation')}</dt>
          <dd data-testid="tpl-violation-value">{t('evaluation.tpl.minus', { points: formatScore(template.deductions.violation, lang) })}</dd>
        </div>
        <div>
          <dt>{t('evaluation.tpl.complaint')}</dt>
          <dd>{t('evaluation.tpl.minus', { points: formatScore(template.deductions.upheldComplaint, lang) })}</dd>
        </div>
        <div>
          <dt>{t('evaluation.tpl.margin')}</dt>
          <dd data-testid="tpl-margin-value">{t('evaluation.tpl.marginValue', { points: formatScore(template.headReasonMargin, lang) })}</dd>
        </div>
      </dl>
    </div>
  );
}

/** Every version of a kind's template, newest first (cards keep the version they were scored on). */
function History({ versions }: { versions: TTemplate[] }) {
  const t = useT();
  const [lang] = useLanguage();
  const screens = Grid.useBreakpoint();
  const columns: TableColumnsType<TTemplate> = [
    {
      key: 'version',
      title: t('evaluation.tpl.version'),
      render: (_, v) => (
        <span className="cv-nowrap">
          {t('evaluation.tpl.versionN', { version: v.version })} {v.inForce ? <Tag color="green">{t('evaluation.tpl.inForce')}</Tag> : null}
        </span>
      ),
    },
    { key: 'name', title: t('evaluation.tpl.name'), dataIndex: 'name', responsive: ['md'] },
    { key: 'date', title: t('evaluation.tpl.issued'), render: (_, v) => formatDate(v.createdAt) },
    { key: 'by', title: t('evaluation.tpl.issuedBy'), responsive: ['md'], render: (_, v) => v.createdBy ?? <span className="cv-muted">{t('evaluation.tpl.system')}</span> },
    { key: 'criteria', title: t('evaluation.tpl.criteriaCount'), align: 'right', responsive: ['sm'], render: (_, v) => v.criteria.length },
    {
      key: 'rules',
      title: t('evaluation.tpl.rulesShort'),
      responsive: ['sm'],
      render: (_, v) => t('evaluation.tpl.rulesLine', { violation: formatScore(v.deductions.violation, lang), complaint: formatScore(v.deductions.upheldComplaint, lang), margin: formatScore(v.headReasonMargin, lang) }),
    },
  ];
  return (
    <Table<TTemplate>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={versions}
      pagination={false}
      expandable={screens.sm ? { expandedRowRender: (v) => <CriteriaTable criteria={v.criteria} />, expandRowByClick: false } : undefined}
      data-testid="tpl-history"
    />
  );
}

export default function TemplatesPage() {
  const t = useT();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const kind = kindOfParam(params.get('loai'));
  const data = useTemplates();
  const canEdit = hasAnyRole(me, EVAL_LEADERS);
  const [editing, setEditing] = useState(false);
  const all = useMemo(() => data.data?.items ?? [], [data.data]);
  const versionsOf = (k: UnitKind | null) => all.filter((v) => v.unitKind === k).sort((a, b) => b.version - a.version);
  const fallback = all.find((v) => v.unitKind === null && v.inForce);
  const own = versionsOf(kind);
  const inForce = own.find((v) => v.inForce) ?? own[0] ?? fallback;

  const select = (key: string) => {
    setEditing(false);
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('loai', key);
        return next;
      },
      { replace: true },
    );
  };

  return (
    <div data-testid="templates-page">
      <PageHeader title={t('evaluation.tpl.title')} subtitle={t('evaluation.tpl.subtitle')} />
      <ProblemAlert error={data.error} onRetry={() => void data.refetch()} />
      {data.isPending ? <Skeleton active /> : null}
      {data.isSuccess ? (
        <Tabs
          activeKey={kindParam(kind)}
          onChange={select}
          className="ev-tpl-tabs"
          items={TEMPLATE_KINDS.map((k) => ({
            key: kindParam(k),
            label: (
              <span data-testid={`tpl-tab-${k ?? 'default'}`}>
                {t(unitKindKey(k))}
                {k !== null && versionsOf(k).length === 0 ? <span className="cv-sr-only"> {t('evaluation.tpl.usesDefaultShort')}</span> : null}
              </span>
            ),
          }))}
        />
      ) : null}
      {inForce ? (
        <>
          <Card
            className="cv-card"
            title={<h2 className="ev-card-h">{t('evaluation.tpl.inForceTitle', { kind: t(unitKindKey(kind)) })}</h2>}
            extra={
              canEdit && !editing ? (
                <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)} data-testid="tpl-new-version">
                  {t('evaluation.tpl.newVersion')}
                </Button>
              ) : null
            }
          >
            <InForce template={inForce} own={own.length > 0} />
            {canEdit ? null : (
              <Typography.Paragraph type="secondary" className="ev-chart-note">
                {t('evaluation.tpl.readOnly')}
              </Typography.Paragraph>
            )}
          </Card>
          {editing ? (
            <TemplateEditor
              key={`${kindParam(kind)}-${inForce.id}`}
              kind={kind}
              from={inForce}
              suggestedName={own.length ? inForce.name : t('evaluation.tpl.suggestedName', { kind: t(unitKindKey(kind)) })}
              onDone={() => setEditing(false)}
              onCancel={() => setEditing(false)}
            />
          ) : null}
          <Card className="cv-card" title={<h2 className="ev-card-h">{t('evaluation.tpl.historyTitle', { count: own.length })}</h2>}>
            {own.length ? <History versions={own} /> : <Typography.Paragraph type="secondary">{t('evaluation.tpl.noOwnVersion')}</Typography.Paragraph>}
          </Card>
        </>
      ) : null}
    </div>
  );
}
