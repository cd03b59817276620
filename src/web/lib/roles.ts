import type { TMe, TRole } from '../../shared/schemas/access.ts';
import { ROLES } from '../../shared/schemas/access.ts';
import type { TKey } from '../i18n/vi.ts';

export { ROLES };
export type { TRole };

export const roleLabelKey = (role: TRole): TKey => `role.${role}`;

export function hasAnyRole(me: Pick<TMe, 'roles'> | null | undefined, roles: readonly TRole[] | undefined): boolean {
  if (!roles) return true;
  if (!me) return false;
  return me.roles.some((r) => roles.includes(r));
}

/** Who may write what (mirrors the server's policy; the server still decides). */
export const canWriteUnits = (me: TMe | null | undefined) => hasAnyRole(me, ['admin']);
export const canWriteOfficials = (me: TMe | null | undefined) => hasAnyRole(me, ['admin', 'unit_head']);
export const canManageAccess = (me: TMe | null | undefined) => hasAnyRole(me, ['admin']);
