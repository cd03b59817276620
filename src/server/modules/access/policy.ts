import type { TRole } from '../../../shared/schemas/access.ts';
import { forbidden } from '../../http/problem.ts';
import type { Actor } from './actor.ts';

/**
 * All authorisation rules in one place. A permission names what may be done; `scope` names where:
 * 'all' (the whole province) or 'unit' (the caller's unit subtree).
 */
export type Permission =
  | 'org.read'
  | 'org.units.write'
  | 'org.officials.write'
  | 'org.officials.read_identity'
  | 'access.accounts.manage'
  | 'access.tokens.manage'
  | 'audit.read'
  | 'calendar.manage'
  | 'procedures.manage'
  | 'dossiers.read'
  | 'dossiers.work'
  | 'tasks.read'
  | 'tasks.assign'
  | 'commitments.manage'
  | 'complaints.handle'
  | 'inspections.manage'
  | 'inspections.read'
  | 'rules.manage'
  | 'evaluation.read'
  | 'evaluation.manage'
  | 'metrics.read';

type Grant = { scope: 'all' | 'unit' };

const GRANTS: Record<TRole, Partial<Record<Permission, Grant>>> = {
  admin: {
    'org.read': { scope: 'all' },
    'org.units.write': { scope: 'all' },
    'org.officials.write': { scope: 'all' },
    'org.officials.read_identity': { scope: 'all' },
    'access.accounts.manage': { scope: 'all' },
    'access.tokens.manage': { scope: 'all' },
    'audit.read': { scope: 'all' },
    'calendar.manage': { scope: 'all' },
    'procedures.manage': { scope: 'all' },
    'dossiers.read': { scope: 'all' },
    'dossiers.work': { scope: 'all' },
    'tasks.read': { scope: 'all' },
    'tasks.assign': { scope: 'all' },
    'commitments.manage': { scope: 'all' },
    'complaints.handle': { scope: 'all' },
    'inspections.manage': { scope: 'all' },
    'inspections.read': { scope: 'all' },
    'rules.manage': { scope: 'all' },
    'evaluation.read': { scope: 'all' },
    'evaluation.manage': { scope: 'all' },
    'metrics.read': { scope: 'all' },
  },
  leader: {
    'org.read': { scope: 'all' },
    'dossiers.read': { scope: 'all' },
    'tasks.read': { scope: 'all' },
    'tasks.assign': { scope: 'all' },
    'commitments.manage': { scope: 'all' },
    'complaints.handle': { scope: 'all' },
    'inspections.read': { scope: 'all' },
    'evaluation.read': { scope: 'all' },
    'evaluation.manage': { scope: 'all' },
    'metrics.read': { scope: 'all' },
  },
  inspector: {
    'org.read': { scope: 'all' },
    'audit.read': { scope: 'all' },
    'dossiers.read': { scope: 'all' },
    'tasks.read': { scope: 'all' },
    'complaints.handle': { scope: 'all' },
    'inspections.manage': { scope: 'all' },
    'inspections.read': { scope: 'all' },
    'metrics.read': { scope: 'all' },
  },
  unit_head: {
    'org.read': { scope: 'unit' },
    'org.officials.write': { scope: 'unit' },
    'org.officials.read_identity': { scope: 'unit' },
    'dossiers.read': { scope: 'unit' },
    'dossiers.work': { scope: 'unit' },
    'tasks.read': { scope: 'unit' },
    'tasks.assign': { scope: 'unit' },
    'commitments.manage': { scope: 'unit' },
    'complaints.handle': { scope: 'unit' },
    'inspections.read': { scope: 'unit' },
    'evaluation.read': { scope: 'unit' },
    'evaluation.manage': { scope: 'unit' },
    'metrics.read': { scope: 'unit' },
  },
  officer: {
    'org.read': { scope: 'unit' },
    'dossiers.read': { scope: 'unit' },
    'dossiers.work': { scope: 'unit' },
    'tasks.read': { scope: 'unit' },
  },
  counter_officer: {
    'org.read': { scope: 'unit' },
    'dossiers.read': { scope: 'unit' },
    'dossiers.work': { scope: 'unit' },
    'tasks.read': { scope: 'unit' },
  },
};

/**
 * The path prefix the actor may act on for a permission: '' for the whole province,
 * the unit path for a subtree, or null when the permission is not granted at all.
 */
export function scopePrefix(actor: Actor, permission: Permission): string | null {
  let best: string | null = null;
  for (const role of actor.roles) {
    const grant = GRANTS[role]?.[permission];
    if (!grant) continue;
    if (grant.scope === 'all') return '';
    best = actor.unitPath;
  }
  return best;
}

export function can(actor: Actor, permission: Permission): boolean {
  return scopePrefix(actor, permission) !== null;
}

/** Throws 403 unless the permission is granted somewhere; returns the scope prefix. */
export function requirePermission(actor: Actor, permission: Permission): string {
  const prefix = scopePrefix(actor, permission);
  if (prefix === null) throw forbidden();
  return prefix;
}

export function pathInScope(path: string, prefix: string): boolean {
  return prefix === '' || path.startsWith(prefix);
}
