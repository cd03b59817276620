import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCreateProcedureRequest, TProcedure, TUpdateProcedureRequest } from '../../shared/schemas/dossiers.ts';
import { api, type ApiError } from './client.ts';

export interface ProcedureFilters {
  q?: string;
  unitId?: string;
  includeInactive?: boolean;
}

export const procedureKeys = {
  all: ['procedures'] as const,
  list: (filters: ProcedureFilters) => ['procedures', 'list', filters] as const,
  one: (id: string) => ['procedures', 'one', id] as const,
};

/** The catalogue in the caller's scope; the server folds diacritics in `q`. */
export function useProcedures(filters: ProcedureFilters = {}, enabled = true) {
  return useQuery<TProcedure[], ApiError>({
    queryKey: procedureKeys.list(filters),
    queryFn: async ({ signal }) =>
      (
        await api.get<{ items: TProcedure[] }>(
          '/procedures',
          { q: filters.q?.trim() || undefined, unitId: filters.unitId, includeInactive: filters.includeInactive ? 'true' : undefined },
          signal,
        )
      ).items,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCreateProcedure() {
  const queryClient = useQueryClient();
  return useMutation<TProcedure, ApiError, TCreateProcedureRequest>({
    mutationFn: (body) => api.post<TProcedure>('/procedures', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: procedureKeys.all }),
  });
}

export function useUpdateProcedure() {
  const queryClient = useQueryClient();
  return useMutation<TProcedure, ApiError, { id: string; patch: TUpdateProcedureRequest }>({
    mutationFn: ({ id, patch }) => api.patch<TProcedure>(`/procedures/${id}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: procedureKeys.all }),
  });
}
