import type { TRole } from '../../shared/schemas/access.ts';
import type { DossierActionType } from './transitions.ts';

/**
 * Who may do what to a dossier (within their unit scope, which the service checks). The counter
 * receives, asks once for supplements, takes payments and returns results; the specialist handles
 * and proposes; the head assigns and decides.
 */
export const DOSSIER_ACTION_ROLES: Record<DossierActionType | 'create', readonly TRole[]> = {
  create: ['counter_officer', 'unit_head', 'admin'],
  receive: ['counter_officer', 'unit_head', 'admin'],
  refuse_reception: ['counter_officer', 'unit_head', 'admin'],
  assign: ['counter_officer', 'unit_head', 'admin'],
  request_supplement: ['counter_officer', 'officer', 'unit_head', 'admin'],
  complete_supplement: ['counter_officer', 'unit_head', 'admin'],
  request_payment: ['counter_officer', 'officer', 'unit_head', 'admin'],
  record_payment: ['counter_officer', 'unit_head', 'admin'],
  apologize: ['officer', 'unit_head', 'admin'],
  propose: ['officer', 'unit_head', 'admin'],
  decide: ['unit_head', 'admin'],
  return_result: ['counter_officer', 'unit_head', 'admin'],
  withdraw: ['counter_officer', 'unit_head', 'admin'],
  stop: ['counter_officer', 'unit_head', 'admin'],
  close_incomplete: ['counter_officer', 'unit_head', 'admin'],
  record_visit: ['counter_officer', 'officer', 'unit_head', 'admin'],
};

export function mayActOnDossier(roles: readonly TRole[], action: DossierActionType | 'create'): boolean {
  return roles.some((r) => DOSSIER_ACTION_ROLES[action].includes(r));
}
