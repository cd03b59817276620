/**
 * "Đẩy việc", "lòng vòng" (Chỉ thị 24-CT/TU): work pushed sideways, back, or up instead of done.
 * A task is flagged when it was transferred more than `maxTransfers` times, came back to a unit it
 * had left, or was pushed up to a unit above the one holding it.
 */
export interface Transfer {
  fromUnitPath: string;
  toUnitPath: string;
}

export type BounceReason = 'too_many_transfers' | 'returned_to_unit' | 'pushed_up';

export const BOUNCE_LABEL_VI: Record<BounceReason, string> = {
  too_many_transfers: 'Chuyển qua lại quá nhiều lần',
  returned_to_unit: 'Quay lại đơn vị đã chuyển đi',
  pushed_up: 'Đẩy lên cấp trên',
};

export function bounceReasons(initialUnitPath: string, transfers: readonly Transfer[], maxTransfers = 2): BounceReason[] {
  const reasons = new Set<BounceReason>();
  if (transfers.length > maxTransfers) reasons.add('too_many_transfers');
  const left = new Set<string>();
  let current = initialUnitPath;
  for (const t of transfers) {
    if (t.toUnitPath !== current) left.add(current);
    if (left.has(t.toUnitPath)) reasons.add('returned_to_unit');
    // A strict ancestor of the holder: the path of the holder starts with the target's path.
    if (t.toUnitPath !== t.fromUnitPath && t.fromUnitPath.startsWith(t.toUnitPath)) reasons.add('pushed_up');
    current = t.toUnitPath;
  }
  return [...reasons];
}
