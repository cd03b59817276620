import type { TTreeNode } from '../../../shared/schemas/metrics.ts';
import { rateColour } from './metrics-format.ts';

export interface Box {
  name: string;
  value: number;
  id: string;
  rate: number | null;
  received: number;
  itemStyle: { color: string };
}

/**
 * The units directly below `rootId` (or below the top of the list) as boxes sized by dossiers
 * received: one level only, so the boxes stay readable; a click goes one level down.
 */
export function toBoxes(nodes: TTreeNode[], rootId: string | null): Box[] {
  const ids = new Set(nodes.map((n) => n.id));
  const topIds = new Set(nodes.filter((n) => !n.parentId || !ids.has(n.parentId)).map((n) => n.id));
  const below = nodes.filter((n) => (rootId ? n.parentId === rootId : n.parentId !== null && topIds.has(n.parentId)));
  // A unit without dossiers still shows, small and grey.
  return below.map((n) => ({ name: n.name, id: n.id, value: Math.max(n.received, 1), rate: n.onTimeRate, received: n.received, itemStyle: { color: rateColour(n.onTimeRate) } }));
}
