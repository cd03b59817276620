import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { TOfficial, TOfficialSummary } from '../../../shared/schemas/org.ts';
import { useOfficials } from '../../api/officials.queries.ts';
import { useUnits } from '../../api/org.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ActiveTag } from '../../components/tags.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { canWriteOfficials } from '../../lib/roles.ts';
import { OfficialDrawer } from './official-drawer.tsx';
import { OfficialForm } from './official-form.tsx';
import { partyKey } from './official-labels.ts';

type FormState = { mode: 'create' } | { mode: 'edit'; official: TOfficial } | null;

export default function OfficialsPage() {
  const t = useT();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const debouncedQ = useDebounced(q, 300);
  const unitId = params.get('unit') ?? undefined;
  const includeInactive = params.get('inactive') === '1';
  const openId = params.get('id');
  const [form, setForm] = useState<FormState>(null);
  const units = useUnits();
  const officials = useOfficials({ q: debouncedQ, unitId, includeInactive });
  const rows = useMemo(() => officials.data?.pages.flatMap((p) => p.items) ?? [], [officials.data]);
  const canWrite = canWriteOfficials(me);

  const setParam = (key: string, value: string | null | undefined) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key !== 'id' },
    );
  };

  useEffect(() => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (debouncedQ.trim()) next.set('q', debouncedQ);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debouncedQ, setParams]);

  const columns: TableColumnsType<TOfficialSummary> = [
    {
      key: 'name',
      title: t('official.fullName'),
      render: (_, o) => (
        <div className="cv-cell-name">
          <button type="button" className="cv-link-button cv-official-link" onClick={() => setParam('id', o.id)}>
            {o.fullName}
          </button>
          {o.isHead ? <Tag color="red" className="cv-inline-tag">{t('official.headTag')}</Tag> : null}
          {!o.active ? <Tag className="cv-inline-tag">{t('common.inactive')}</Tag> : null}
          <div className="cv-cell-sub cv-only-mobile">
            {[o.positionTitle, o.unitName].filter(Boolean).join(' · ')}
          </div>
        </div>
      ),
    },
    { key: 'unit', title: t('official.unit'), dataIndex: 'unitName', responsive: ['md'] },
    {
      key: 'position',
      title: t('official.position'),
      responsive: ['lg'],
      render: (_, o) => o.positionTitle ?? <span className="cv-muted">{t('common.none')}</span>,
    },
    { key: 'rank', title: t('official.rank'), responsive: ['xl'], render: (_, o) => o.rank ?? <span className="cv-muted">{t('common.none')}</span> },
    {
      key: 'party',
      title: t('official.partyRole'),
      responsive: ['xl'],
      render: (_, o) => (o.partyRole === 'none' ? <span className="cv-muted">{t('common.none')}</span> : t(partyKey(o.partyRole))),
    },
    ...(includeInactive
      ? [{ key: 'status', title: t('common.status'), responsive: ['md' as const], render: (_: unknown, o: TOfficialSummary) => <ActiveTag active={o.active} /> }]
      : []),
  ];

  return (
    <div data-testid="officials-page">
      <PageHeader
        title={t('official.title')}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setForm({ mode: 'create' })} data-testid="official-add">
              {t('official.add')}
            </Button>
          ) : null
        }
      />
      <Form component={false} layout="vertical">
        <Row gutter={16} className="cv-filters" align="bottom">
          <Col xs={24} md={9}>
            <Form.Item label={t('official.searchLabel')} htmlFor="officials-q">
              <Input
                id="officials-q"
                type="search"
                allowClear
                value={q}
                onChange={(e) => setQ(e.target.value)}
                placeholder={t('official.searchPlaceholder')}
                prefix={<SearchOutlined aria-hidden />}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={9}>
            <Form.Item label={t('official.unitFilter')} htmlFor="officials-unit">
              <UnitTreeSelect
                id="officials-unit"
                units={units.data ?? []}
                loading={units.isPending}
                value={unitId}
                onChange={(v) => setParam('unit', v)}
                allowClear
                placeholder={t('common.unitFilterPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item>
              <Checkbox id="officials-inactive" checked={includeInactive} onChange={(e) => setParam('inactive', e.target.checked ? '1' : null)}>
                {t('official.showInactive')}
              </Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <ProblemAlert error={officials.error} onRetry={() => void officials.refetch()} />
      <Table<TOfficialSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={officials.isPending || (officials.isFetching && !officials.isFetchingNextPage)}
        pagination={false}
        locale={{ emptyText: officials.isPending ? ' ' : t('official.none') }}
        onRow={(o) => ({ onClick: (e) => { if ((e.target as HTMLElement).closest('button') === null) setParam('id', o.id); }, className: 'cv-clickable-row' })}
        data-testid="officials-table"
      />
      <div className="cv-list-footer">
        <Typography.Text type="secondary" aria-live="polite">
          {rows.length ? t('common.shownOf', { count: rows.length }) : null}
        </Typography.Text>
        {officials.hasNextPage ? (
          <Button onClick={() => void officials.fetchNextPage()} loading={officials.isFetchingNextPage} data-testid="officials-more">
            {t('common.loadMore')}
          </Button>
        ) : null}
      </div>
      <OfficialDrawer
        id={openId}
        onClose={() => setParam('id', null)}
        onEdit={(official) => setForm({ mode: 'edit', official })}
      />
      {form ? (
        <OfficialForm
          open
          official={form.mode === 'edit' ? form.official : undefined}
          defaultUnitId={unitId ?? me.unit.id}
          onClose={() => setForm(null)}
          onSaved={(saved) => {
            setForm(null);
            setParam('id', saved.id);
          }}
        />
      ) : null}
    </div>
  );
}
