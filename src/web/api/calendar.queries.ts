import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { YearAnnouncement } from '../../domain/calendar/calendar-data.ts';
import { api, apiRequest, type ApiError } from './client.ts';

export type DayKind = 'holiday' | 'compensatory-day' | 'extra-day-off' | 'make-up-working-day';

export interface TCalendarYear {
  year: number;
  workingDays: number;
  specialDays: { date: string; kind: DayKind; name?: string }[];
  announcement: YearAnnouncement | null;
  source: 'administrator' | 'shipped' | 'rules';
  sources: string[];
  updatedAt: string | null;
  updatedBy: string | null;
}

export const calendarKeys = {
  all: ['calendar'] as const,
  year: (year: number) => ['calendar', year] as const,
};

export function useCalendarYear(year: number) {
  return useQuery<TCalendarYear, ApiError>({
    queryKey: calendarKeys.year(year),
    queryFn: ({ signal }) => api.get<TCalendarYear>(`/calendar/${year}`, undefined, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useSaveAnnouncement(year: number) {
  const queryClient = useQueryClient();
  return useMutation<TCalendarYear, ApiError, YearAnnouncement>({
    mutationFn: (body) => apiRequest<TCalendarYear>(`/calendar/${year}`, { method: 'PUT', json: body }),
    onSuccess: (data) => {
      queryClient.setQueryData(calendarKeys.year(year), data);
      void queryClient.invalidateQueries({ queryKey: calendarKeys.all });
    },
  });
}

/** N working days after a receipt (ISO with offset), as the server computes appointment dates. */
export function useComputeDue() {
  return useMutation<{ dueAt: string }, ApiError, { received: string; days: number }>({
    mutationFn: ({ received, days }) => api.get<{ dueAt: string }>('/calendar/due', { received, days }),
  });
}
