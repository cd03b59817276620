import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TProcedure, TPublicDossier, ZRatingRequest } from '../../shared/schemas/dossiers.ts';
import { api, ApiError } from './client.ts';

export type TRatingRequest = z.input<typeof ZRatingRequest>;

export const publicKeys = {
  dossier: (code: string) => ['public', 'dossier', code] as const,
};

/** The citizen's view of a dossier (no login). */
export function usePublicDossier(code: string) {
  return useQuery<TPublicDossier, ApiError>({
    queryKey: publicKeys.dossier(code),
    queryFn: ({ signal }) => api.get<TPublicDossier>(`/public/dossiers/${encodeURIComponent(code)}`, undefined, signal),
    enabled: Boolean(code),
    retry: (count, error) => count < 2 && error instanceof ApiError && (error.status === 0 || error.status >= 500),
  });
}

export function useRateDossier(code: string) {
  const queryClient = useQueryClient();
  return useMutation<{ ok: true; level: string; at: string }, ApiError, TRatingRequest>({
    mutationFn: (body) => api.post(`/public/dossiers/${encodeURIComponent(code)}/rating`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: publicKeys.dossier(code) }),
  });
}

export interface TPublicProcedures {
  items: TProcedure[];
  /** More procedures match than one answer holds. */
  more: boolean;
}

/** The procedures catalogue citizens browse (no login): found without diacritics, by place. */
export function usePublicProcedures(q: string, unitId: string | undefined, enabled = true) {
  return useQuery<TPublicProcedures, ApiError>({
    enabled,
    queryKey: ['public', 'procedures', q.trim(), unitId ?? ''],
    queryFn: ({ signal }) => api.get<TPublicProcedures>('/public/procedures', { q: q.trim() || undefined, unitId }, signal),
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}
