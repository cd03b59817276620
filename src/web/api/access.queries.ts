import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TAccount,
  TCreateAccountRequest,
  TUpdateAccountRequest,
  ZApiToken,
  ZCreateApiTokenRequest,
  ZCreateApiTokenResponse,
} from '../../shared/schemas/access.ts';
import { api, type ApiError } from './client.ts';

export type TApiToken = z.infer<typeof ZApiToken>;
export type TCreateApiTokenRequest = z.infer<typeof ZCreateApiTokenRequest>;
export type TCreateApiTokenResponse = z.infer<typeof ZCreateApiTokenResponse>;

export function useAccounts(q = '') {
  return useQuery<TAccount[], ApiError>({
    queryKey: ['accounts', q],
    queryFn: async ({ signal }) => (await api.get<{ items: TAccount[] }>('/accounts', { q: q.trim() || undefined }, signal)).items,
    placeholderData: keepPreviousData,
  });
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation<TAccount, ApiError, TCreateAccountRequest>({
    mutationFn: (body) => api.post<TAccount>('/accounts', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['accounts'] }),
  });
}

export function useUpdateAccount() {
  const queryClient = useQueryClient();
  return useMutation<TAccount, ApiError, { id: string; patch: TUpdateAccountRequest }>({
    mutationFn: ({ id, patch }) => api.patch<TAccount>(`/accounts/${id}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['accounts'] }),
  });
}

export function useApiTokens() {
  return useQuery<TApiToken[], ApiError>({
    queryKey: ['api-tokens'],
    queryFn: async ({ signal }) => (await api.get<{ items: TApiToken[] }>('/api-tokens', undefined, signal)).items,
  });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation<TCreateApiTokenResponse, ApiError, TCreateApiTokenRequest>({
    mutationFn: (body) => api.post<TCreateApiTokenResponse>('/api-tokens', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation<unknown, ApiError, string>({
    mutationFn: (id) => api.delete<unknown>(`/api-tokens/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
}
