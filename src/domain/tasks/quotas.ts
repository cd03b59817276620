
export type PartyRole = 'standing_committee' | 'committee' | 'member' | 'none';

/**
 * "Việc khó" registered each year: standing-committee members at least 3, committee members at
 * least 2, grassroots officials at least 1 (configurable per deployment).
 */
export const DEFAULT_HARD_TASK_QUOTAS: Record<PartyRole, number> = {
  standing_committee: 3,
  committee: 2,
  member: 1,
  none: 1,
};

export interface QuotaStanding {
  required: number;
  registered: number;
  delivered: number;
  shortfall: number;
}

/** The hard tasks an official must register: by party role, and at least one for a head of unit. */
export function hardTaskQuota(official: { partyRole: PartyRole; isHead: boolean }, quotas: Record<PartyRole, number> = DEFAULT_HARD_TASK_QUOTAS): number {
  if (official.partyRole === 'standing_committee' || official.partyRole === 'committee') return quotas[official.partyRole];
  return official.isHead ? quotas[official.partyRole] : 0;
}

export function hardTaskStanding(
  official: { partyRole: PartyRole; isHead: boolean },
  registered: number,
  delivered: number,
  quotas: Record<PartyRole, number> = DEFAULT_HARD_TASK_QUOTAS,
): QuotaStanding {
  const required = hardTaskQuota(official, quotas);
  return { required, registered, delivered, shortfall: Math.max(0, required - registered) };
}
