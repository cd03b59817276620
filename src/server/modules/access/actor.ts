import type { TRole } from '../../../shared/schemas/access.ts';

/** Who is calling, resolved once per request from the session cookie or an API token. */
export interface Actor {
  accountId: string;
  username: string;
  displayName: string;
  roles: TRole[];
  unitId: string;
  unitName: string;
  /** Materialised path of the account's unit ('/<id>/<id>/'): the root of the caller's scope. */
  unitPath: string;
  officialId: string | null;
  via: 'session' | 'token';
  sessionId: string | null;
  csrfToken: string | null;
}

/** Everything a service needs to know about the request besides its payload. */
export interface RequestContext {
  actor: Actor;
  ip: string | null;
  now: Date;
}

export const SYSTEM_LABEL = 'system';
