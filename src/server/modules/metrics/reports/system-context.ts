import type { Executor } from '../../audit/audit.store.ts';
import { type RequestContext, SYSTEM_LABEL } from '../../access/actor.ts';
import { findRootUnit } from '../../org/unit.store.ts';

/**
 * The province-wide context under which the scheduler and the command line build reports: an
 * administrator at the root unit, with no account behind it (audit rows name it "system").
 */
export async function systemReportContext(db: Executor, now: Date): Promise<RequestContext> {
  const root = await findRootUnit(db);
  if (!root) throw new Error('Chưa có đơn vị gốc (tỉnh): hãy nạp cơ cấu tổ chức trước.');
  return {
    actor: {
      accountId: '00000000-0000-0000-0000-000000000000',
      username: SYSTEM_LABEL,
      displayName: 'Hệ thống',
      roles: ['admin'],
      unitId: root.id,
      unitName: root.name,
      unitPath: root.path,
      officialId: null,
      via: 'token',
      sessionId: null,
      csrfToken: null,
    },
    ip: null,
    now,
  };
}
