import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateOfficialRequest,
  TImportReport,
  TOfficial,
  TOfficialSummary,
  TUpdateOfficialRequest,
} from '../../shared/schemas/org.ts';
import { api, apiRequest, type ApiError } from './client.ts';

export interface OfficialFilters {
  q?: string;
  unitId?: string;
  includeInactive?: boolean;
  limit?: number;
}

interface OfficialPage {
  items: TOfficialSummary[];
  nextCursor: string | null;
}

export const officialKeys = {
  all: ['officials'] as const,
  list: (filters: OfficialFilters) => ['officials', 'list', filters] as const,
  one: (id: string) => ['officials', 'one', id] as const,
};

/** Cursor-paginated list; `fetchNextPage()` backs the "Tải thêm" button. */
export function useOfficials(filters: OfficialFilters, enabled = true) {
  return useInfiniteQuery<OfficialPage, ApiError>({
    queryKey: officialKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<OfficialPage>(
        '/officials',
        {
          q: filters.q?.trim() || undefined,
          unitId: filters.unitId,
          includeInactive: filters.includeInactive ? 'true' : undefined,
          limit: filters.limit ?? 50,
          cursor: typeof pageParam === 'string' ? pageParam : undefined,
        },
        signal,
      ),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOfficial(id: string | null | undefined) {
  return useQuery<TOfficial, ApiError>({
    queryKey: officialKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<TOfficial>(`/officials/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useCreateOfficial() {
  const queryClient = useQueryClient();
  return useMutation<TOfficial, ApiError, TCreateOfficialRequest>({
    mutationFn: (body) => api.post<TOfficial>('/officials', body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: officialKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['units'] });
    },
  });
}

export function useUpdateOfficial() {
  const queryClient = useQueryClient();
  return useMutation<TOfficial, ApiError, { id: string; patch: TUpdateOfficialRequest }>({
    mutationFn: ({ id, patch }) => api.patch<TOfficial>(`/officials/${id}`, patch),
    onSuccess: (official) => {
      queryClient.setQueryData(officialKeys.one(official.id), official);
      void queryClient.invalidateQueries({ queryKey: officialKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['units'] });
    },
  });
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const IMPORT_TEMPLATE_URL = '/api/v1/officials/import-template.csv';

export function importContentType(fileName: string): string | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'text/csv';
  if (lower.endsWith('.xlsx')) return XLSX_MIME;
  return null;
}

export function useImportOfficials() {
  const queryClient = useQueryClient();
  return useMutation<TImportReport, ApiError, { file: File; dryRun: boolean }>({
    mutationFn: ({ file, dryRun }) =>
      apiRequest<TImportReport>('/officials/import', {
        method: 'POST',
        query: { dryRun: dryRun ? 'true' : 'false' },
        body: file,
        contentType: importContentType(file.name) ?? 'text/csv',
      }),
    onSuccess: (report) => {
      if (!report.dryRun) {
        void queryClient.invalidateQueries({ queryKey: officialKeys.all });
        void queryClient.invalidateQueries({ queryKey: ['units'] });
      }
    },
  });
}
