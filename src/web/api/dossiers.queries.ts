import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TCreateDossierRequest,
  TDossier,
  TDossierActionRequest,
  TDossierSummary,
  ZDossierCreated,
  ZDossierFile,
} from '../../shared/schemas/dossiers.ts';
import { api, apiRequest, buildUrl, type ApiError } from './client.ts';

export type TDossierCreated = z.infer<typeof ZDossierCreated>;
export type TDossierFile = z.infer<typeof ZDossierFile>;
export type DossierQueue = 'all' | 'mine' | 'due_soon' | 'overdue' | 'awaiting_supplement' | 'to_receive' | 'to_return' | 'flagged';
export type DossierForm = 'receipt' | 'supplement' | 'refusal' | 'apology';

interface DossierPage {
  items: TDossierSummary[];
  nextCursor: string | null;
}

export const dossierKeys = {
  all: ['dossiers'] as const,
  list: (queue: DossierQueue, q: string, limit: number, filters: Record<string, string> = {}) => ['dossiers', 'list', { queue, q, limit, ...filters }] as const,
  one: (id: string) => ['dossiers', 'one', id] as const,
};

/** One queue, cursor-paginated ("Tải thêm"); the server folds diacritics in `q`. `filters`: a dashboard's drill-down. */
export function useDossierQueue(queue: DossierQueue, q = '', limit = 50, filters: Record<string, string> = {}) {
  return useInfiniteQuery<DossierPage, ApiError>({
    queryKey: dossierKeys.list(queue, q.trim(), limit, filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<DossierPage>(
        '/dossiers',
        { ...filters, queue, q: q.trim() || undefined, limit, cursor: typeof pageParam === 'string' ? pageParam : undefined },
        signal,
      ),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useDossier(id: string | undefined) {
  return useQuery<TDossier, ApiError>({
    queryKey: dossierKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<TDossier>(`/dossiers/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useCreateDossier() {
  const queryClient = useQueryClient();
  return useMutation<TDossierCreated, ApiError, TCreateDossierRequest>({
    mutationFn: (body) => api.post<TDossierCreated>('/dossiers', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dossierKeys.all }),
  });
}

export function useDossierAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation<TDossierSummary, ApiError, TDossierActionRequest>({
    mutationFn: (body) => api.post<TDossierSummary>(`/dossiers/${id}/actions`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dossierKeys.all }),
  });
}

export function useSupplementRequest(id: string) {
  const queryClient = useQueryClient();
  return useMutation<TDossierSummary & { items: string[] }, ApiError, { items: string[]; note?: string | null }>({
    mutationFn: (body) => api.post(`/dossiers/${id}/supplement-request`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dossierKeys.all }),
  });
}

export interface UploadFileInput {
  file: File;
  kind: 'component' | 'result';
  name: string;
  digitized: boolean;
  reused: boolean;
}

export const DOSSIER_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const MAX_DOSSIER_FILE_BYTES = 20 * 1024 * 1024;

export function useUploadDossierFile(id: string) {
  const queryClient = useQueryClient();
  return useMutation<TDossierFile, ApiError, UploadFileInput>({
    mutationFn: ({ file, kind, name, digitized, reused }) =>
      apiRequest<TDossierFile>(`/dossiers/${id}/files`, {
        method: 'POST',
        query: { kind, name, digitized: String(digitized), reused: String(reused) },
        body: file,
        contentType: file.type || 'application/octet-stream',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dossierKeys.one(id) }),
  });
}

/** The official form as PDF (opened in a new tab; the session cookie authorises it). */
export const dossierFormUrl = (id: string, form: DossierForm) => buildUrl(`/dossiers/${id}/forms/${form}`);
export const dossierFileUrl = (id: string, fileId: string) => buildUrl(`/dossiers/${id}/files/${fileId}`);
