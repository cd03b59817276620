import type { TUnit } from '../../shared/schemas/org.ts';
import { foldDiacritics } from './fold.ts';

export interface UnitNode {
  unit: TUnit;
  children: UnitNode[];
}

/** Builds the forest from the flat list (server order kept); units whose parent is out of scope become roots. */
export function buildUnitTree(units: readonly TUnit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const unit of units) nodes.set(unit.id, { unit, children: [] });
  const roots: UnitNode[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id);
    if (!node) continue;
    const parent = unit.parentId ? nodes.get(unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export function unitSearchText(unit: TUnit): string {
  return foldDiacritics([unit.name, unit.shortName ?? '', unit.code, unit.adminCode ?? ''].join(' '));
}

/** True when every word of the folded query occurs in the unit's folded name, short name or codes. */
export function unitMatches(unit: TUnit, foldedQuery: string): boolean {
  if (!foldedQuery) return true;
  const text = unitSearchText(unit);
  return foldedQuery.split(' ').every((word) => text.includes(word));
}

/**
 * Keeps matching units and their ancestors. Returns the pruned forest and the keys to expand
 * (every ancestor of a match) so the matches are visible.
 */
export function filterUnitTree(roots: UnitNode[], query: string): { roots: UnitNode[]; expand: string[]; matches: number } {
  const folded = foldDiacritics(query);
  if (!folded) return { roots, expand: [], matches: 0 };
  const expand: string[] = [];
  let matches = 0;
  const visit = (node: UnitNode): UnitNode | null => {
    const children = node.children.map(visit).filter((c): c is UnitNode => c !== null);
    const self = unitMatches(node.unit, folded);
    if (self) matches += 1;
    if (!self && children.length === 0) return null;
    if (children.length > 0) expand.push(node.unit.id);
    return { unit: node.unit, children };
  };
  return { roots: roots.map(visit).filter((c): c is UnitNode => c !== null), expand, matches };
}

/** The ids of a unit and all its descendants (to forbid moving a unit under itself). */
export function subtreeIds(units: readonly TUnit[], rootId: string): Set<string> {
  const byParent = new Map<string, string[]>();
  for (const u of units) {
    if (!u.parentId) continue;
    const list = byParent.get(u.parentId) ?? [];
    list.push(u.id);
    byParent.set(u.parentId, list);
  }
  const out = new Set<string>([rootId]);
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop() as string;
    for (const child of byParent.get(id) ?? []) {
      if (!out.has(child)) {
        out.add(child);
        stack.push(child);
      }
    }
  }
  return out;
}

/** Ancestor chain from the root down to the unit (inclusive). */
export function unitPath(units: readonly TUnit[], id: string): TUnit[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chain: TUnit[] = [];
  let cur = byId.get(id);
  while (cur && chain.length < 50) {
    chain.unshift(cur);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return chain;
}
