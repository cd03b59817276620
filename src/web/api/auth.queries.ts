import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TLoginRequest, TLoginResponse, TMe } from '../../shared/schemas/access.ts';
import { api, ApiError, setCsrfToken } from './client.ts';

export const meKey = ['me'] as const;

/** The signed-in user, or null when there is no session (401). */
export function useMe(enabled = true) {
  return useQuery<TMe | null, ApiError>({
    queryKey: meKey,
    queryFn: async ({ signal }) => {
      try {
        return await api.get<TMe>('/me', undefined, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
    enabled,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation<TLoginResponse, ApiError, TLoginRequest>({
    mutationFn: (body) => api.post<TLoginResponse>('/auth/login', body),
    onSuccess: (res) => {
      setCsrfToken(res.csrfToken);
      queryClient.clear();
      const { csrfToken: _csrf, ...me } = res;
      queryClient.setQueryData<TMe | null>(meKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, void>({
    mutationFn: async () => {
      try {
        await api.post('/auth/logout');
      } catch (error) {
        // Already signed out on the server: nothing left to do.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
    },
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData<TMe | null>(meKey, null);
    },
  });
}
