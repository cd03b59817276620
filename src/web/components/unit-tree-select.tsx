import { TreeSelect } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import type { TUnit } from '../../shared/schemas/org.ts';
import { foldDiacritics } from '../lib/fold.ts';
import { buildUnitTree, unitSearchText, type UnitNode } from '../lib/unit-tree.ts';

interface UnitOption {
  value: string;
  title: string;
  searchText: string;
  disabled?: boolean;
  children: UnitOption[];
}

interface UnitTreeSelectProps {
  id?: string;
  units: readonly TUnit[];
  value?: string | null;
  onChange: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Units that cannot be chosen (e.g. a unit and its subtree when moving it). */
  disabledIds?: ReadonlySet<string>;
  loading?: boolean;
  status?: 'error';
  'aria-label'?: string;
  className?: string;
  style?: CSSProperties;
}

function toOptions(nodes: UnitNode[], disabled?: ReadonlySet<string>): UnitOption[] {
  return nodes.map((n) => ({
    value: n.unit.id,
    title: n.unit.active ? n.unit.name : `${n.unit.name} (ngừng hoạt động)`,
    searchText: unitSearchText(n.unit),
    disabled: disabled?.has(n.unit.id) || !n.unit.active,
    children: toOptions(n.children, disabled),
  }));
}

/** Picks a unit from the tree; search ignores diacritics ("so noi vu" finds "Sở Nội vụ"). */
export function UnitTreeSelect({ units, value, onChange, disabledIds, ...rest }: UnitTreeSelectProps) {
  const treeData = useMemo(() => toOptions(buildUnitTree(units), disabledIds), [units, disabledIds]);
  const rootIds = useMemo(() => treeData.map((o) => o.value), [treeData]);
  return (
    <TreeSelect<string | undefined, UnitOption>
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange(v ?? undefined)}
      treeData={treeData}
      treeDefaultExpandedKeys={rootIds}
      showSearch={{
        filterTreeNode: (input, node) => {
          const folded = foldDiacritics(input);
          const text = (node as unknown as UnitOption).searchText ?? '';
          return folded.split(' ').every((w) => text.includes(w));
        },
      }}
      treeNodeLabelProp="title"
      popupMatchSelectWidth={false}
      listHeight={360}
      style={{ width: '100%', ...rest.style }}
    />
  );
}
