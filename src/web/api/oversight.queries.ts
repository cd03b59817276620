import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZComplaint, ZPublicComplaint } from '../../shared/schemas/oversight.ts';
import { api, ApiError, apiRequest, buildUrl } from './client.ts';

// ---------------------------------------------------------------- types (the server's answers)

export type TPublicComplaint = z.infer<typeof ZPublicComplaint>;
export type TComplaint = z.infer<typeof ZComplaint>;
export type ComplaintKind = 'harassment' | 'delay' | 'attitude' | 'praise' | 'other';
export type ComplaintStatus = 'received' | 'assigned' | 'answered' | 'closed';
export type Severity = 'minor' | 'moderate' | 'serious';
export type RuleCategory = 'code_of_conduct' | 'three_no' | 'three_against' | 'communication' | 'other';
export type InspectionStatus = 'planned' | 'in_progress' | 'signed_off' | 'concluded' | 'cancelled';
export type AnswerResult = 'pass' | 'fail' | 'na';
export type InspectionAction = 'start' | 'sign_off' | 'conclude' | 'cancel';

export const COMPLAINT_KINDS: readonly ComplaintKind[] = ['harassment', 'delay', 'attitude', 'praise', 'other'];
export const SEVERITIES: readonly Severity[] = ['minor', 'moderate', 'serious'];
export const RULE_CATEGORIES: readonly RuleCategory[] = ['code_of_conduct', 'three_no', 'three_against', 'communication', 'other'];

export interface TFileComplaintBody {
  kind: ComplaintKind;
  description: string;
  unitId?: string | null;
  officialName?: string | null;
  dossierCode?: string | null;
  anonymous: boolean;
  contact?: { name?: string | null; phone?: string | null; email?: string | null } | null;
}

export interface TRule {
  id: string;
  code: string;
  version: number;
  category: RuleCategory;
  categoryLabel: string;
  title: string;
  body: string;
  effectiveFrom: string;
  current: boolean;
}

export interface TRuleBody {
  code: string;
  category: RuleCategory;
  title: string;
  body: string;
  effectiveFrom: string;
}

export interface TPlan {
  id: string;
  year: number;
  kind: 'annual' | 'ad_hoc';
  title: string;
}

export interface TNamed {
  id: string;
  name: string;
}

export interface TInspectionSummary {
  id: string;
  no: number;
  title: string;
  surprise: boolean;
  status: InspectionStatus;
  statusLabel: string;
  scheduledAt: string;
  targets: TNamed[];
}

export interface TChecklistItem {
  ruleId: string;
  ruleCode: string;
  text: string;
}

export interface TAnswer {
  targetUnitId: string;
  itemIndex: number;
  result: AnswerResult;
  note: string | null;
  photoIds: string[];
  answeredBy: string;
  answeredAt: string;
}

export interface TInspection extends TInspectionSummary {
  planId: string | null;
  lead: { id: string; fullName: string };
  team: { id: string; fullName: string }[];
  targetOfficials: { id: string; fullName: string }[];
  checklist: TChecklistItem[];
  startedAt: string | null;
  signedOffAt: string | null;
  concludedAt: string | null;
  conclusion: string | null;
  answers: TAnswer[];
  findings: { id: string; targetUnitId: string | null; text: string; createdBy: string; createdAt: string }[];
  photos: { id: string; name: string; mime: string; size: number; createdAt: string }[];
}

export interface TCreateInspectionBody {
  title: string;
  surprise: boolean;
  planId?: string | null;
  leadId: string;
  teamIds: string[];
  targetUnitIds: string[];
  targetOfficialIds: string[];
  ruleIds: string[];
  scheduledAt: string;
}

export interface TSuggestion {
  unitId: string;
  unitName: string;
  score: number;
  reasons: { signal: string; points: number; text: string }[];
}

export interface TViolationInput {
  unitId: string;
  officialId?: string | null;
  ruleId: string;
  severity: Severity;
  description: string;
}

export interface TRemediation {
  id: string;
  action: string;
  ownerId: string;
  ownerName: string;
  dueAt: string;
  status: 'open' | 'done' | 'verified';
  doneAt: string | null;
  verifiedAt: string | null;
  overdue: boolean;
}

export interface TViolation {
  id: string;
  unitId: string;
  unitName: string;
  officialId: string | null;
  officialName: string | null;
  rule: { id: string; code: string; title: string; version: number };
  severity: Severity;
  description: string;
  foundAt: string;
  status: 'open' | 'remediating' | 'closed';
  inspectionId: string | null;
  complaintId: string | null;
  remediations: TRemediation[];
}

// ---------------------------------------------------------------- keys

export const oversightKeys = {
  publicUnits: ['public', 'complaint-units'] as const,
  publicComplaint: (code: string) => ['public', 'complaint', code] as const,
  complaints: ['complaints'] as const,
  complaintList: (f: ComplaintFilters) => ['complaints', 'list', f] as const,
  complaint: (id: string) => ['complaints', 'one', id] as const,
  rules: (history: boolean) => ['rules', { history }] as const,
  plans: (year: number) => ['inspection-plans', year] as const,
  inspections: ['inspections'] as const,
  inspectionList: (f: InspectionFilters) => ['inspections', 'list', f] as const,
  inspection: (id: string) => ['inspections', 'one', id] as const,
  suggestions: ['inspections', 'suggestions'] as const,
  violations: ['violations'] as const,
  violationList: (f: ViolationFilters) => ['violations', 'list', f] as const,
};

// ---------------------------------------------------------------- public (no login)

/**
 * The departments and communes a citizen can name, from the Open311 service definition (there is
 * no public units endpoint). Open311 lives outside /api/v1, hence the plain fetch.
 */
export function usePublicUnits() {
  return useQuery<TNamed[], ApiError>({
    queryKey: oversightKeys.publicUnits,
    queryFn: async ({ signal }) => {
      let res: Response;
      try {
        res = await fetch('/open311/v2/services/delay.json', { signal, headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') throw error;
        throw new ApiError({ type: 'about:blank', title: 'Lỗi', status: 0, detail: 'Không kết nối được máy chủ.', code: 'NETWORK' });
      }
      if (!res.ok) throw new ApiError({ type: 'about:blank', title: 'Lỗi', status: res.status, detail: `Không tải được danh sách cơ quan (mã ${res.status}).`, code: `HTTP_${res.status}` });
      const body = (await res.json()) as { attributes?: { code: string; values?: { key: string; name: string }[] }[] };
      const attr = body.attributes?.find((a) => a.code === 'unit_id') ?? body.attributes?.[0];
      return (attr?.values ?? []).map((v) => ({ id: v.key, name: v.name }));
    },
    staleTime: 10 * 60_000,
  });
}

export function useFileComplaint() {
  return useMutation<{ trackingCode: string; responseDueAt: string }, ApiError, TFileComplaintBody>({
    mutationFn: (body) => api.post('/public/complaints', body),
  });
}

export function usePublicComplaint(code: string) {
  return useQuery<TPublicComplaint, ApiError>({
    queryKey: oversightKeys.publicComplaint(code),
    queryFn: ({ signal }) => api.get<TPublicComplaint>(`/public/complaints/${encodeURIComponent(code)}`, undefined, signal),
    enabled: Boolean(code),
  });
}

// ---------------------------------------------------------------- complaint inbox

export interface ComplaintFilters {
  status?: string;
  kind?: string;
  overdue?: boolean;
  limit?: number;
  /** A dashboard's drill-down (unitId, from, to, basis, outcome), passed through as is. */
  drill?: Record<string, string>;
}

interface ComplaintPage {
  items: TComplaint[];
  nextCursor: string | null;
}

export function useComplaints(filters: ComplaintFilters) {
  return useInfiniteQuery<ComplaintPage, ApiError>({
    queryKey: oversightKeys.complaintList(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<ComplaintPage>(
        '/complaints',
        {
          ...filters.drill,
          status: filters.status,
          kind: filters.kind,
          overdue: filters.overdue ? 'true' : undefined,
          limit: filters.limit ?? 30,
          cursor: typeof pageParam === 'string' ? pageParam : undefined,
        },
        signal,
      ),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useComplaint(id: string | undefined) {
  return useQuery<TComplaint, ApiError>({
    queryKey: oversightKeys.complaint(id ?? ''),
    queryFn: ({ signal }) => api.get<TComplaint>(`/complaints/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

function useComplaintMutation<B>(id: string, path: 'assign' | 'answer') {
  const queryClient = useQueryClient();
  return useMutation<TComplaint, ApiError, B>({
    mutationFn: (body) => api.post<TComplaint>(`/complaints/${id}/${path}`, body),
    onSuccess: (c) => {
      queryClient.setQueryData(oversightKeys.complaint(id), c);
      void queryClient.invalidateQueries({ queryKey: oversightKeys.complaints });
      void queryClient.invalidateQueries({ queryKey: oversightKeys.violations });
    },
  });
}

export const useAssignComplaint = (id: string) => useComplaintMutation<{ officialId: string; unitId?: string | null }>(id, 'assign');
export const useAnswerComplaint = (id: string) =>
  useComplaintMutation<{ answer: string; outcome: 'upheld' | 'not_upheld'; violation?: { ruleId: string; severity: Severity; officialId?: string | null } | null }>(id, 'answer');

// ---------------------------------------------------------------- rules

export function useRules(history = false) {
  return useQuery<TRule[], ApiError>({
    queryKey: oversightKeys.rules(history),
    queryFn: async ({ signal }) => (await api.get<{ items: TRule[] }>('/rules', { history: history ? 'true' : 'false' }, signal)).items,
    staleTime: 60_000,
  });
}

export function useSaveRule() {
  const queryClient = useQueryClient();
  return useMutation<TRule, ApiError, TRuleBody>({
    mutationFn: (body) => api.post<TRule>('/rules', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['rules'] }),
  });
}

// ---------------------------------------------------------------- plans and inspections

export function usePlans(year: number, enabled = true) {
  return useQuery<TPlan[], ApiError>({
    queryKey: oversightKeys.plans(year),
    queryFn: async ({ signal }) => (await api.get<{ items: TPlan[] }>('/inspection-plans', { year }, signal)).items,
    enabled,
  });
}

export function useCreatePlan() {
  const queryClient = useQueryClient();
  return useMutation<TPlan, ApiError, { year: number; kind: 'annual' | 'ad_hoc'; title: string }>({
    mutationFn: (body) => api.post<TPlan>('/inspection-plans', body),
    onSuccess: (p) => queryClient.invalidateQueries({ queryKey: oversightKeys.plans(p.year) }),
  });
}

export interface InspectionFilters {
  from?: string;
  to?: string;
  status?: string;
  unitId?: string;
  /** 'concluded': from/to apply to the conclusion date (a dashboard's drill-down). */
  basis?: string;
}

export function useInspections(filters: InspectionFilters) {
  return useQuery<TInspectionSummary[], ApiError>({
    queryKey: oversightKeys.inspectionList(filters),
    queryFn: async ({ signal }) => (await api.get<{ items: TInspectionSummary[] }>('/inspections', { ...filters }, signal)).items,
    placeholderData: keepPreviousData,
  });
}

export function useSuggestions(enabled: boolean) {
  return useQuery<TSuggestion[], ApiError>({
    queryKey: oversightKeys.suggestions,
    queryFn: async ({ signal }) => (await api.get<{ items: TSuggestion[] }>('/inspections/suggestions', undefined, signal)).items,
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useCreateInspection() {
  const queryClient = useQueryClient();
  return useMutation<TInspection, ApiError, TCreateInspectionBody>({
    mutationFn: (body) => api.post<TInspection>('/inspections', body),
    onSuccess: (i) => {
      queryClient.setQueryData(oversightKeys.inspection(i.id), i);
      void queryClient.invalidateQueries({ queryKey: oversightKeys.inspections });
    },
  });
}

export function useInspection(id: string | undefined) {
  return useQuery<TInspection, ApiError>({
    queryKey: oversightKeys.inspection(id ?? ''),
    queryFn: ({ signal }) => api.get<TInspection>(`/inspections/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** Every on-site call answers with the whole inspection: keep it as the cached copy. */
function useInspectionMutation<B>(id: string, call: (body: B) => Promise<TInspection>) {
  const queryClient = useQueryClient();
  return useMutation<TInspection, ApiError, B>({
    mutationFn: call,
    onSuccess: (i) => {
      queryClient.setQueryData(oversightKeys.inspection(id), i);
      void queryClient.invalidateQueries({ queryKey: oversightKeys.inspections, predicate: (q) => q.queryKey[1] !== 'one' });
    },
  });
}

export interface TAnswerBody {
  targetUnitId: string;
  itemIndex: number;
  result: AnswerResult;
  note?: string | null;
  photoIds?: string[];
}

export const useAnswerItem = (id: string) => useInspectionMutation<TAnswerBody>(id, (b) => api.post<TInspection>(`/inspections/${id}/answers`, b));
export const useAddFinding = (id: string) =>
  useInspectionMutation<{ text: string; targetUnitId?: string | null }>(id, (b) => api.post<TInspection>(`/inspections/${id}/findings`, b));

export function useInspectionTransition(id: string) {
  const queryClient = useQueryClient();
  return useMutation<TInspection, ApiError, { action: InspectionAction; conclusion?: string | null; violations?: TViolationInput[] }>({
    mutationFn: (b) => api.post<TInspection>(`/inspections/${id}/transition`, b),
    onSuccess: (i) => {
      queryClient.setQueryData(oversightKeys.inspection(id), i);
      void queryClient.invalidateQueries({ queryKey: oversightKeys.inspections, predicate: (q) => q.queryKey[1] !== 'one' });
      void queryClient.invalidateQueries({ queryKey: oversightKeys.violations });
    },
  });
}

export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

export function useUploadPhoto(id: string) {
  const queryClient = useQueryClient();
  return useMutation<{ id: string; name: string }, ApiError, File>({
    mutationFn: (file) =>
      apiRequest<{ id: string; name: string }>(`/inspections/${id}/photos`, {
        method: 'POST',
        query: { name: file.name || 'anh.jpg' },
        body: file,
        contentType: file.type || 'application/octet-stream',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: oversightKeys.inspection(id) }),
  });
}

export const conclusionPdfUrl = (id: string) => buildUrl(`/inspections/${id}/conclusion.pdf`);
export const photoUrl = (id: string, fileId: string) => buildUrl(`/inspections/${id}/photos/${fileId}`);

// ---------------------------------------------------------------- violations and remediation

export interface ViolationFilters {
  status?: string;
  unitId?: string;
  from?: string;
  to?: string;
  limit?: number;
}

export function useViolations(filters: ViolationFilters) {
  return useQuery<TViolation[], ApiError>({
    queryKey: oversightKeys.violationList(filters),
    queryFn: async ({ signal }) => (await api.get<{ items: TViolation[] }>('/violations', { ...filters, limit: filters.limit ?? 200 }, signal)).items,
    placeholderData: keepPreviousData,
  });
}

export function useAddRemediation(violationId: string) {
  const queryClient = useQueryClient();
  return useMutation<{ id: string }, ApiError, { action: string; ownerId: string; dueAt: string }>({
    mutationFn: (body) => api.post(`/violations/${violationId}/remediations`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: oversightKeys.violations }),
  });
}

export function useProgressRemediation(remediationId: string) {
  const queryClient = useQueryClient();
  return useMutation<{ ok: true }, ApiError, { step: 'done' | 'verify'; note: string }>({
    mutationFn: (body) => api.post(`/remediations/${remediationId}/progress`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: oversightKeys.violations }),
  });
}
