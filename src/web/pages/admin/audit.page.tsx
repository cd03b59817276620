import { EyeOutlined } from '@ant-design/icons';
import { Button, Col, Descriptions, Drawer, Empty, Form, Grid, Row, Select, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAuditLog, type TAuditEntry } from '../../api/audit.queries.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT, type TFunction, type TKey } from '../../i18n/i18n.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { diffEntries, type DiffRow } from './audit-diff.ts';

const KNOWN_ENTITIES = ['unit', 'position', 'official', 'account', 'api_token', 'session'] as const;

function entityLabel(t: TFunction, type: string): string {
  return (KNOWN_ENTITIES as readonly string[]).includes(type) ? t(`entity.${type}` as TKey) : type;
}

function DiffDrawer({ entry, onClose }: { entry: TAuditEntry | null; onClose: () => void }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const [changedOnly, setChangedOnly] = useState(true);
  const rows = useMemo(() => (entry ? diffEntries(entry.before, entry.after) : []), [entry]);
  const shown = changedOnly ? rows.filter((r) => r.changed) : rows;
  const columns: TableColumnsType<DiffRow> = [
    { key: 'field', title: t('audit.field'), dataIndex: 'field', width: 160, render: (v: string) => <span className="cv-mono">{v}</span> },
    {
      key: 'before',
      title: t('audit.before'),
      width: '42%',
      render: (_, r) => <pre className={`cv-diff-value${r.changed && r.before ? ' cv-diff-before' : ''}`}>{r.before}</pre>,
    },
    {
      key: 'after',
      title: t('audit.after'),
      width: '42%',
      render: (_, r) => <pre className={`cv-diff-value${r.changed && r.after ? ' cv-diff-after' : ''}`}>{r.after}</pre>,
    },
  ];
  return (
    <Drawer open={Boolean(entry)} onClose={onClose} title={t('audit.diff')} size={screens.md ? 820 : '100%'} destroyOnHidden>
      {entry ? (
        <div data-testid="audit-diff">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'seq', label: t('audit.seq'), children: entry.seq },
              { key: 'at', label: t('audit.at'), children: formatDateTime(entry.at) },
              { key: 'actor', label: t('audit.actor'), children: entry.actor },
              { key: 'action', label: t('audit.action'), children: <span className="cv-mono">{entry.action}</span> },
              { key: 'type', label: t('audit.entityType'), children: entityLabel(t, entry.entityType) },
              { key: 'id', label: t('audit.entityId'), children: <span className="cv-mono cv-break">{entry.entityId ?? '—'}</span> },
            ]}
          />
          {rows.length > 0 ? (
            <div className="cv-switch-row">
              <Switch id="audit-changed-only" size="small" checked={changedOnly} onChange={setChangedOnly} />
              <label htmlFor="audit-changed-only">{t('audit.changedOnly')}</label>
            </div>
          ) : null}
          {rows.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.noChanges')} />
          ) : (
            <Table<DiffRow>
              rowKey="field"
              size="small"
              columns={columns}
              dataSource={shown}
              pagination={false}
              scroll={{ x: 560 }}
              rowClassName={(r) => (r.changed ? 'cv-diff-changed' : '')}
            />
          )}
        </div>
      ) : null}
    </Drawer>
  );
}

export default function AuditPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const entityType = params.get('type') ?? undefined;
  const audit = useAuditLog(entityType);
  const rows = useMemo(() => audit.data?.pages.flatMap((p) => p.items) ?? [], [audit.data]);
  const [open, setOpen] = useState<TAuditEntry | null>(null);

  const typeOptions = useMemo(() => {
    const seen = new Set<string>([...KNOWN_ENTITIES, ...rows.map((r) => r.entityType)]);
    if (entityType) seen.add(entityType);
    return [{ value: '', label: t('common.all') }, ...Array.from(seen).map((v) => ({ value: v, label: entityLabel(t, v) }))];
  }, [rows, entityType, t]);

  const columns: TableColumnsType<TAuditEntry> = [
    { key: 'seq', title: t('audit.seq'), dataIndex: 'seq', width: 90, responsive: ['md'] },
    {
      key: 'at',
      title: t('audit.at'),
      width: 150,
      render: (_, e) => (
        <div>
          <span className="cv-nowrap">{formatDateTime(e.at)}</span>
          <div className="cv-cell-sub cv-only-mobile">
            {e.actor} · <span className="cv-mono">{e.action}</span>
          </div>
        </div>
      ),
    },
    { key: 'actor', title: t('audit.actor'), dataIndex: 'actor', responsive: ['sm'] },
    { key: 'action', title: t('audit.action'), dataIndex: 'action', responsive: ['sm'], render: (v: string) => <span className="cv-mono">{v}</span> },
    { key: 'type', title: t('audit.entityType'), responsive: ['md'], render: (_, e) => <Tag>{entityLabel(t, e.entityType)}</Tag> },
    {
      key: 'entityId',
      title: t('audit.entityId'),
      responsive: ['xl'],
      render: (_, e) => <span className="cv-mono cv-muted">{e.entityId ? `${e.entityId.slice(0, 8)}…` : '—'}</span>,
    },
    {
      key: 'view',
      title: <span className="cv-sr-only">{t('common.actions')}</span>,
      width: 80,
      render: (_, e) => (
        <Button size="small" icon={<EyeOutlined aria-hidden />} onClick={() => setOpen(e)} aria-label={`${t('audit.view')} #${e.seq}`}>
          {t('audit.view')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="audit-page">
      <PageHeader title={t('audit.title')} subtitle={t('audit.intro')} />
      <Form component={false} layout="vertical">
        <Row gutter={16}>
          <Col xs={24} sm={12} md={8}>
            <Form.Item label={t('audit.filterLabel')} htmlFor="audit-type">
              <Select
                id="audit-type"
                value={entityType ?? ''}
                options={typeOptions}
                onChange={(v: string) =>
                  setParams((prev) => {
                    const next = new URLSearchParams(prev);
                    if (v) next.set('type', v);
                    else next.delete('type');
                    return next;
                  })
                }
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <ProblemAlert error={audit.error} onRetry={() => void audit.refetch()} />
      <Table<TAuditEntry>
        rowKey="seq"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={audit.isPending || (audit.isFetching && !audit.isFetchingNextPage)}
        pagination={false}
        data-testid="audit-table"
      />
      <div className="cv-list-footer">
        <Typography.Text type="secondary">{rows.length ? t('common.shownOf', { count: rows.length }) : null}</Typography.Text>
        {audit.hasNextPage ? (
          <Button onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : null}
      </div>
      <DiffDrawer entry={open} onClose={() => setOpen(null)} />
    </div>
  );
}
