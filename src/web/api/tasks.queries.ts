import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TCommitment,
  TTask,
  TTaskActionRequest,
  TTaskSummary,
  ZCreateCommitmentRequest,
  ZCreateTaskRequest,
  ZEvaluateCommitmentRequest,
  ZQuotaRow,
  ZTaskFigures,
} from '../../shared/schemas/tasks.ts';
import { api, apiRequest, buildUrl, type ApiError } from './client.ts';

export type TaskView = 'mine' | 'unit' | 'assigned' | 'bounced' | 'all';
export type TaskStatus = TTaskSummary['status'];
export type TTaskFigures = z.infer<typeof ZTaskFigures>;
export type TQuotaRow = z.infer<typeof ZQuotaRow>;
export type TCreateTaskBody = z.input<typeof ZCreateTaskRequest>;
export type TCreateCommitmentBody = z.input<typeof ZCreateCommitmentRequest>;
export type TEvaluateCommitmentBody = z.infer<typeof ZEvaluateCommitmentRequest>;
export type TTaskFile = TTask['files'][number];
export type CommitmentKind = TCommitment['kind'];

export interface TaskFilters {
  view: TaskView;
  /** One status or several, comma-separated ("open,in_progress"). */
  status?: string;
  due?: 'soon' | 'overdue';
  hard?: boolean;
  q?: string;
  unitId?: string;
  limit?: number;
  /** A dashboard's drill-down (from, to, timeliness), passed through as is. */
  drill?: Record<string, string>;
}

interface TaskPage {
  items: TTaskSummary[];
  nextCursor: string | null;
}

export const taskKeys = {
  all: ['tasks'] as const,
  list: (f: TaskFilters) => ['tasks', 'list', f] as const,
  one: (id: string) => ['tasks', 'one', id] as const,
  figures: (from: string, to: string, unitId?: string) => ['tasks', 'figures', { from, to, unitId }] as const,
};

export const commitmentKeys = {
  all: ['commitments'] as const,
  list: (year: number, kind?: CommitmentKind, unitId?: string) => ['commitments', 'list', { year, kind, unitId }] as const,
  quotas: (year: number, unitId?: string) => ['commitments', 'quotas', { year, unitId }] as const,
};

/** One list of tasks, the most urgent first, cursor-paginated ("Tải thêm"); the server folds diacritics in `q`. */
export function useTasks(filters: TaskFilters, enabled = true) {
  const f: TaskFilters = { ...filters, q: filters.q?.trim() || undefined };
  return useInfiniteQuery<TaskPage, ApiError>({
    queryKey: taskKeys.list(f),
    queryFn: ({ pageParam, signal }) =>
      api.get<TaskPage>(
        '/tasks',
        {
          ...f.drill,
          view: f.view,
          status: f.status,
          due: f.due,
          hard: f.hard === undefined ? undefined : String(f.hard),
          q: f.q,
          unitId: f.unitId,
          limit: f.limit ?? 30,
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

export function useTask(id: string | undefined) {
  return useQuery<TTask, ApiError>({
    queryKey: taskKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<TTask>(`/tasks/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** The on-time figure of the caller's unit (or the province for leaders) for tasks due in a period. */
export function useTaskFigures(from: string, to: string, unitId?: string) {
  return useQuery<TTaskFigures, ApiError>({
    queryKey: taskKeys.figures(from, to, unitId),
    queryFn: ({ signal }) => api.get<TTaskFigures>('/tasks/figures', { from, to, unitId }, signal),
    staleTime: 60_000,
  });
}

export function useCreateTask() {
  const queryClient = useQueryClient();
  return useMutation<TTask, ApiError, TCreateTaskBody>({
    mutationFn: (body) => api.post<TTask>('/tasks', body),
    onSuccess: (task) => {
      queryClient.setQueryData(taskKeys.one(task.id), task);
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
  });
}

export function useTaskAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation<TTask, ApiError, TTaskActionRequest>({
    mutationFn: (body) => api.post<TTask>(`/tasks/${id}/actions`, body),
    onSuccess: (task) => queryClient.setQueryData(taskKeys.one(id), task),
    onSettled: () => queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });
}

export const TASK_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const MAX_TASK_FILE_BYTES = 20 * 1024 * 1024;

export function useUploadTaskFile(id: string) {
  const queryClient = useQueryClient();
  return useMutation<TTaskFile, ApiError, { file: File; name: string }>({
    mutationFn: ({ file, name }) =>
      apiRequest<TTaskFile>(`/tasks/${id}/files`, {
        method: 'POST',
        query: { name },
        body: file,
        contentType: file.type || 'application/octet-stream',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: taskKeys.one(id) }),
  });
}

export const taskFileUrl = (id: string, fileId: string) => buildUrl(`/tasks/${id}/files/${fileId}`);

// ---------------------------------------------------------------- commitments

export function useCommitments(year: number, kind?: CommitmentKind, unitId?: string) {
  return useQuery<TCommitment[], ApiError>({
    queryKey: commitmentKeys.list(year, kind, unitId),
    queryFn: async ({ signal }) => (await api.get<{ items: TCommitment[] }>('/commitments', { year, kind, unitId }, signal)).items,
    placeholderData: keepPreviousData,
  });
}

export function useHardTaskQuotas(year: number, unitId?: string) {
  return useQuery<{ year: number; belowQuota: number; items: TQuotaRow[] }, ApiError>({
    queryKey: commitmentKeys.quotas(year, unitId),
    queryFn: ({ signal }) => api.get('/commitments/hard-task-quotas', { year, unitId }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateCommitment() {
  const queryClient = useQueryClient();
  return useMutation<TCommitment, ApiError, TCreateCommitmentBody>({
    mutationFn: (body) => api.post<TCommitment>('/commitments', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: commitmentKeys.all }),
  });
}

export function useEvaluateCommitment() {
  const queryClient = useQueryClient();
  return useMutation<TCommitment, ApiError, { id: string; body: TEvaluateCommitmentBody }>({
    mutationFn: ({ id, body }) => api.post<TCommitment>(`/commitments/${id}/evaluation`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: commitmentKeys.all }),
  });
}
