import { ArrowLeftOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Empty, Grid, Input, Row, Skeleton, Tag, Tree, type TreeDataNode } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { TUnit } from '../../../shared/schemas/org.ts';
import { useUnits } from '../../api/org.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT, type TFunction } from '../../i18n/i18n.tsx';
import { canWriteUnits } from '../../lib/roles.ts';
import { buildUnitTree, filterUnitTree, unitPath, type UnitNode } from '../../lib/unit-tree.ts';
import { UnitDetail } from './unit-detail.tsx';

function toTreeData(nodes: UnitNode[], t: TFunction): TreeDataNode[] {
  return nodes.map(({ unit, children }) => ({
    key: unit.id,
    title: (
      <span className={`cv-tree-title${unit.active ? '' : ' cv-tree-inactive'}`}>
        <span className="cv-tree-name">{unit.name}</span>
        {typeof unit.officialCount === 'number' ? (
          <span className="cv-tree-count" aria-label={`${t('org.officialCount')}: ${unit.officialCount}`}>
            {unit.officialCount}
          </span>
        ) : null}
        {!unit.active ? <Tag className="cv-inline-tag">{t('common.inactive')}</Tag> : null}
      </span>
    ),
    children: toTreeData(children, t),
    isLeaf: children.length === 0,
  }));
}

export default function OrgPage() {
  const t = useT();
  const me = useCurrentUser();
  const screens = Grid.useBreakpoint();
  const wide = Boolean(screens.lg);
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const units = useUnits(includeInactive);
  const list = useMemo(() => units.data ?? [], [units.data]);
  const selectedParam = params.get('unit');
  // On a wide screen the user's own unit (or the first root) is shown until another is chosen.
  const fallbackId = wide ? (list.find((u) => u.id === me.unit.id)?.id ?? list[0]?.id) : undefined;
  const selectedId = selectedParam ?? fallbackId ?? null;
  const selected: TUnit | undefined = list.find((u) => u.id === selectedId);

  const forest = useMemo(() => buildUnitTree(list), [list]);
  const filtered = useMemo(() => filterUnitTree(forest, query), [forest, query]);
  const [expanded, setExpanded] = useState<string[]>([]);

  // Open the roots and the path to the selected unit when the data arrives or the selection changes.
  useEffect(() => {
    if (!list.length) return;
    const roots = forest.map((n) => n.unit.id);
    const path = selectedId ? unitPath(list, selectedId).map((u) => u.id).slice(0, -1) : [];
    setExpanded((prev) => Array.from(new Set([...prev, ...roots, ...path])));
  }, [list, forest, selectedId]);

  const searching = query.trim().length > 0;
  const treeData = useMemo(() => toTreeData(filtered.roots, t), [filtered.roots, t]);
  const select = (id: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('unit', id);
      return next;
    });
  const clearSelection = () =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.delete('unit');
      return next;
    });

  const showTree = wide || !selectedParam;
  const showDetail = wide || Boolean(selectedParam);

  const treePanel = (
    <Card className="cv-card cv-tree-card" data-testid="org-tree-panel">
      <label htmlFor="org-search" className="cv-field-label">
        {t('org.searchLabel')}
      </label>
      <Input
        id="org-search"
        type="search"
        allowClear
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t('org.searchPlaceholder')}
        prefix={<SearchOutlined aria-hidden />}
      />
      {canWriteUnits(me) ? (
        <Checkbox id="org-inactive" className="cv-tree-inactive-toggle" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)}>
          {t('common.showInactive')}
        </Checkbox>
      ) : null}
      <ProblemAlert error={units.error} onRetry={() => void units.refetch()} />
      {units.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : treeData.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noMatch')} />
      ) : (
        <div className="cv-tree-wrap" role="region" aria-label={t('org.treeLabel')}>
          <Tree
            treeData={treeData}
            blockNode
            height={wide ? 620 : undefined}
            selectedKeys={selectedId ? [selectedId] : []}
            expandedKeys={searching ? filtered.expand : expanded}
            onExpand={(keys) => {
              if (!searching) setExpanded(keys.map(String));
            }}
            onSelect={(keys) => {
              const id = keys[0];
              if (id !== undefined) select(String(id));
            }}
            data-testid="org-tree"
          />
        </div>
      )}
    </Card>
  );

  return (
    <div data-testid="org-page">
      <PageHeader title={t('org.title')} />
      <Row gutter={[16, 16]}>
        {showTree ? (
          <Col xs={24} lg={9} xxl={8}>
            {treePanel}
          </Col>
        ) : null}
        {showDetail ? (
          <Col xs={24} lg={15} xxl={16}>
            {!wide ? (
              <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={clearSelection} className="cv-back-link">
                {t('org.back')}
              </Button>
            ) : null}
            {selected ? (
              <UnitDetail
                key={selected.id}
                unit={selected}
                units={list}
                onSelect={(id) => {
                  // A unit reached from the detail panel may be hidden by the tree filter.
                  setQuery('');
                  select(id);
                }}
              />
            ) : units.isPending ? null : (
              <Card className="cv-card">
                <Empty description={t('org.selectHint')} />
              </Card>
            )}
          </Col>
        ) : null}
      </Row>
    </div>
  );
}
