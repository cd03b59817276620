import { CalendarOutlined, EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Grid, Input, Pagination, Row, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { TProcedure } from '../../../shared/schemas/dossiers.ts';
import { useUnits } from '../../api/org.queries.ts';
import { useProcedures } from '../../api/procedures.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { cutoffLabel, feeLabel, processingLabel } from '../../lib/dossier-labels.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { ProcedureForm } from './procedure-form.tsx';

const PAGE_SIZE = 40;

type Row = { key: string; kind: 'group'; field: string; count: number; continued: boolean } | { key: string; kind: 'proc'; p: TProcedure };

function ProcedureDetails({ p }: { p: TProcedure }) {
  const t = useT();
  const cutoff = cutoffLabel(t, p.cutoff);
  return (
    <div className="cv-proc-details">
      <div className="cv-proc-details-facts">
        <span>
          {t('procedure.supplementMode')}: <strong>{t(`supplementMode.${p.supplementMode ?? 'law'}`)}</strong>
        </span>
        {cutoff ? <span>{cutoff}</span> : null}
      </div>
      <div className="cv-field-label">{t('procedure.documents')}</div>
      {p.requiredDocuments.length ? (
        <ol className="cv-doc-list">
          {p.requiredDocuments.map((d, i) => (
            <li key={i}>
              <span>{d.name}</span>
              <span className="cv-cell-sub">{t('doc.summary', { originals: d.originals, copies: d.copies })}</span>
            </li>
          ))}
        </ol>
      ) : (
        <Typography.Text type="secondary">{t('doc.none')}</Typography.Text>
      )}
    </div>
  );
}

export default function ProceduresPage() {
  const t = useT();
  const me = useCurrentUser();
  const screens = Grid.useBreakpoint();
  const isAdmin = hasAnyRole(me, ['admin']);
  const [q, setQ] = useState('');
  const debouncedQ = useDebounced(q, 300);
  const [field, setField] = useState<string | undefined>();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<{ procedure?: TProcedure } | null>(null);
  const units = useUnits();
  const procedures = useProcedures({ q: debouncedQ, unitId, includeInactive });
  const unitFilter = (units.data?.length ?? 0) > 1;
  const manyUnits = new Set((procedures.data ?? []).map((p) => p.unitId)).size > 1;

  const fields = useMemo(
    () => Array.from(new Set((procedures.data ?? []).map((p) => p.field))).sort((a, b) => a.localeCompare(b, 'vi')),
    [procedures.data],
  );
  const sorted = useMemo(
    () =>
      (procedures.data ?? [])
        .filter((p) => !field || p.field === field)
        .sort((a, b) => a.field.localeCompare(b.field, 'vi') || a.name.localeCompare(b.name, 'vi') || a.unitName.localeCompare(b.unitName, 'vi')),
    [procedures.data, field],
  );
  useEffect(() => setPage(1), [debouncedQ, field, unitId, includeInactive]);

  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of sorted) m.set(p.field, (m.get(p.field) ?? 0) + 1);
    return m;
  }, [sorted]);
  const pageItems = sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const rows: Row[] = [];
  let current: string | null = null;
  for (const [i, p] of pageItems.entries()) {
    if (p.field !== current) {
      current = p.field;
      const continued = i === 0 && page > 1 && sorted[(page - 1) * PAGE_SIZE - 1]?.field === p.field;
      rows.push({ key: `g:${p.field}`, kind: 'group', field: p.field, count: counts.get(p.field) ?? 0, continued });
    }
    rows.push({ key: p.id, kind: 'proc', p });
  }

  const groupCell = (r: Row) => (r.kind === 'group' ? { colSpan: 0 } : {});
  const columns: TableColumnsType<Row> = [
    {
      key: 'name',
      title: t('procedure.name'),
      onCell: (r) => (r.kind === 'group' ? { colSpan: isAdmin ? 5 : 4, className: 'cv-group-cell' } : {}),
      render: (_, r) =>
        r.kind === 'group' ? (
          <span className="cv-group-title" role="heading" aria-level={2}>
            {r.field} {r.continued ? <span className="cv-muted">{t('procedure.continued')}</span> : null}
            <span className="cv-tree-count">{t('procedure.countInField', { count: r.count })}</span>
          </span>
        ) : (
          <div>
            <div className="cv-proc-name">
              {r.p.name}
              {!r.p.active ? <Tag className="cv-inline-tag">{t('common.inactive')}</Tag> : null}
            </div>
            <div className="cv-cell-sub">
              <span className="cv-mono">{r.p.code}</span>
              {manyUnits ? ` · ${r.p.unitName}` : ''}
              {r.p.onlineLevel ? (
                <Tag color={r.p.onlineLevel === 'full' ? 'green' : 'blue'} className="cv-inline-tag">
                  {t(`online.${r.p.onlineLevel}`)}
                </Tag>
              ) : null}
            </div>
          </div>
        ),
    },
    { key: 'time', title: t('procedure.processing'), onCell: groupCell, render: (_, r) => (r.kind === 'proc' ? <span className="cv-nowrap">{processingLabel(t, r.p)}</span> : null) },
    { key: 'fee', title: t('procedure.fee'), onCell: groupCell, render: (_, r) => (r.kind === 'proc' ? <span className="cv-nowrap">{feeLabel(t, r.p.feeVnd)}</span> : null) },
    {
      key: 'docs',
      title: t('procedure.documents'),
      responsive: ['lg'],
      onCell: groupCell,
      render: (_, r) => (r.kind === 'proc' ? r.p.requiredDocuments.length : null),
    },
    ...(isAdmin
      ? [
          {
            key: 'edit',
            title: <span className="cv-sr-only">{t('common.actions')}</span>,
            width: 80,
            onCell: groupCell,
            render: (_: unknown, r: Row) =>
              r.kind === 'proc' ? (
                <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing({ procedure: r.p })} aria-label={`${t('common.edit')}: ${r.p.name}`}>
                  {t('common.edit')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <div data-testid="procedures-page">
      <PageHeader
        title={t('procedure.title')}
        subtitle={t('procedure.subtitle')}
        extra={
          <>
            <Link to="/quan-tri/lich" className="cv-header-link">
              <CalendarOutlined aria-hidden /> {t('procedure.calendarLink')}
            </Link>
            {isAdmin ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({})} data-testid="procedure-add">
                {t('procedure.add')}
              </Button>
            ) : null}
          </>
        }
      />
      <Form component={false} layout="vertical">
        <Row gutter={16} className="cv-filters" align="bottom">
          <Col xs={24} md={unitFilter ? 8 : 12}>
            <Form.Item label={t('procedure.searchLabel')} htmlFor="proc-q">
              <Input
                id="proc-q"
                type="search"
                allowClear
                value={q}
                onChange={(e) => setQ(e.target.value)}
                placeholder={t('procedure.searchPlaceholder')}
                prefix={<SearchOutlined aria-hidden />}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={unitFilter ? 8 : 12}>
            <Form.Item label={t('procedure.fieldFilter')} htmlFor="proc-field">
              <Select
                id="proc-field"
                allowClear
                value={field}
                onChange={(v: string | undefined) => setField(v)}
                placeholder={t('procedure.allFields')}
                options={fields.map((f) => ({ value: f, label: f }))}
              />
            </Form.Item>
          </Col>
          {unitFilter ? (
            <Col xs={24} md={8}>
              <Form.Item label={t('procedure.unitFilter')} htmlFor="proc-unit">
                <UnitTreeSelect
                  id="proc-unit"
                  units={units.data ?? []}
                  value={unitId}
                  onChange={setUnitId}
                  allowClear
                  placeholder={t('common.unitFilterPlaceholder')}
                />
              </Form.Item>
            </Col>
          ) : null}
          {isAdmin ? (
            <Col xs={24}>
              <Form.Item>
                <Checkbox id="proc-inactive" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)}>
                  {t('procedure.showInactive')}
                </Checkbox>
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Form>
      <ProblemAlert error={procedures.error} onRetry={() => void procedures.refetch()} />
      {screens.md ? (
        <Table<Row>
          rowKey="key"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={procedures.isFetching}
          pagination={false}
          locale={{ emptyText: procedures.isPending ? ' ' : t('procedure.none') }}
          rowClassName={(r) => (r.kind === 'group' ? 'cv-group-row' : r.p.active ? '' : 'cv-row-muted')}
          expandable={{
            rowExpandable: (r) => r.kind === 'proc',
            expandedRowRender: (r) => (r.kind === 'proc' ? <ProcedureDetails p={r.p} /> : null),
            expandRowByClick: true,
          }}
          data-testid="procedures-table"
        />
      ) : (
        <div data-testid="procedures-table">
          {!procedures.isPending && !rows.length ? <Typography.Paragraph type="secondary">{t('procedure.none')}</Typography.Paragraph> : null}
          {rows.map((r) =>
            r.kind === 'group' ? (
              <h2 key={r.key} className="cv-group-heading">
                {r.field} <span className="cv-tree-count">{t('procedure.countInField', { count: r.count })}</span>
              </h2>
            ) : (
              <details key={r.key} className="cv-proc-card">
                <summary>
                  <span className="cv-proc-name">{r.p.name}</span>
                  <span className="cv-cell-sub">
                    {processingLabel(t, r.p)} · {feeLabel(t, r.p.feeVnd)}
                    {manyUnits ? ` · ${r.p.unitName}` : ''}
                  </span>
                </summary>
                <ProcedureDetails p={r.p} />
                {isAdmin ? (
                  <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing({ procedure: r.p })}>
                    {t('common.edit')}
                  </Button>
                ) : null}
              </details>
            ),
          )}
        </div>
      )}
      <div className="cv-list-footer">
        <Typography.Text type="secondary" aria-live="polite">
          {sorted.length ? t('common.count', { count: sorted.length }) : null}
        </Typography.Text>
        {sorted.length > PAGE_SIZE ? (
          <Pagination current={page} pageSize={PAGE_SIZE} total={sorted.length} onChange={setPage} showSizeChanger={false} size="small" />
        ) : null}
      </div>
      {editing ? <ProcedureForm procedure={editing.procedure} fields={fields} defaultUnitId={unitId ?? me.unit.id} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
