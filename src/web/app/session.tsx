import { createContext, useContext, type ReactNode } from 'react';
import type { TMe } from '../../shared/schemas/access.ts';

const SessionContext = createContext<TMe | null>(null);

export function SessionProvider({ me, children }: { me: TMe; children: ReactNode }) {
  return <SessionContext.Provider value={me}>{children}</SessionContext.Provider>;
}

/** The signed-in user inside the authenticated part of the app. */
export function useCurrentUser(): TMe {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useCurrentUser() outside an authenticated route');
  return me;
}
