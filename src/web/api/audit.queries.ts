import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZAuditEntry } from '../../shared/schemas/access.ts';
import { api, type ApiError } from './client.ts';

export type TAuditEntry = z.infer<typeof ZAuditEntry>;

interface AuditPage {
  items: TAuditEntry[];
  nextCursor: string | null;
}

export function useAuditLog(entityType: string | undefined) {
  return useInfiniteQuery<AuditPage, ApiError>({
    queryKey: ['audit', entityType ?? ''],
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditPage>('/audit', { entityType, cursor: typeof pageParam === 'string' ? pageParam : undefined }, signal),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
