import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TCreateUnitRequest,
  TPosition,
  TUnit,
  TUpdateUnitRequest,
  ZCreatePositionRequest,
  ZUpdatePositionRequest,
} from '../../shared/schemas/org.ts';
import { api, type ApiError } from './client.ts';

export type TCreatePositionRequest = z.input<typeof ZCreatePositionRequest>;
export type TUpdatePositionRequest = z.input<typeof ZUpdatePositionRequest>;

export const unitKeys = {
  all: ['units'] as const,
  list: (includeInactive: boolean) => ['units', 'list', { includeInactive }] as const,
  one: (id: string) => ['units', 'one', id] as const,
};
export const positionKeys = {
  all: ['positions'] as const,
  byUnit: (unitId: string) => ['positions', unitId] as const,
};

/** All units in the caller's scope, flat (the tree is built client-side). */
export function useUnits(includeInactive = false) {
  return useQuery<TUnit[], ApiError>({
    queryKey: unitKeys.list(includeInactive),
    queryFn: async ({ signal }) =>
      (await api.get<{ items: TUnit[] }>('/units', { includeInactive: includeInactive ? 'true' : 'false' }, signal)).items,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useUnit(id: string | null | undefined) {
  return useQuery<TUnit, ApiError>({
    queryKey: unitKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<TUnit>(`/units/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation<TUnit, ApiError, TCreateUnitRequest>({
    mutationFn: (body) => api.post<TUnit>('/units', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitKeys.all }),
  });
}

export function useUpdateUnit() {
  const queryClient = useQueryClient();
  return useMutation<TUnit, ApiError, { id: string; patch: TUpdateUnitRequest }>({
    mutationFn: ({ id, patch }) => api.patch<TUnit>(`/units/${id}`, patch),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: unitKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['officials'] });
    },
  });
}

export function usePositions(unitId: string | null | undefined) {
  return useQuery<TPosition[], ApiError>({
    queryKey: positionKeys.byUnit(unitId ?? ''),
    queryFn: async ({ signal }) => (await api.get<{ items: TPosition[] }>('/positions', { unitId }, signal)).items,
    enabled: Boolean(unitId),
    staleTime: 60_000,
  });
}

export function useCreatePosition() {
  const queryClient = useQueryClient();
  return useMutation<TPosition, ApiError, TCreatePositionRequest>({
    mutationFn: (body) => api.post<TPosition>('/positions', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: positionKeys.all }),
  });
}

export function useUpdatePosition() {
  const queryClient = useQueryClient();
  return useMutation<TPosition, ApiError, { id: string; patch: TUpdatePositionRequest }>({
    mutationFn: ({ id, patch }) => api.patch<TPosition>(`/positions/${id}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: positionKeys.all }),
  });
}
