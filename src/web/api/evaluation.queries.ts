import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiError } from './client.ts';

// The evaluation API has no shared schemas yet (src/server/modules/evaluation/*.ts answer with
// plain objects): these types follow those services. Months are 'YYYY-MM'.

export type ScorecardStatus = 'self' | 'peer' | 'head' | 'closed';
export type ClassLevel = 'excellent' | 'good' | 'complete' | 'incomplete' | 'not_classified';
export type FlatReason = 'same_scores' | 'all_at_top';
export type DisciplineForm = 'reprimand' | 'warning' | 'demotion' | 'removal' | 'forced_resignation' | 'dismissal';

/** The month's record behind a scorecard; `{}` on cards made before the figures were collected. */
export interface TEvidence {
  dossiers?: { handled: number; late: number; ids: string[] };
  tasks?: { due: number; done: number; sentBack: number; ids: string[] };
  violations?: { count: number; ids: string[] };
  upheldComplaints?: { count: number; codes: string[] };
  taskScore?: number | null;
  generalFromEvidence?: number;
}

export interface TPoints {
  general: number | null;
  task: number | null;
  total: number | null;
}

/** A step of the month's scoring and its deadline (self by the 3rd, peers by the 5th, head by the 8th of the next month). */
export type ScoreStep = 'self' | 'peer' | 'head';
/** Each step's deadline: the instant (ISO) the step becomes late, i.e. the end of the due day in Vietnam. */
export type TDeadlines = Record<ScoreStep, string>;

export type UnitKind = 'province' | 'department' | 'commune' | 'division' | 'center' | 'other';

export interface TCriterion {
  code: string;
  name: string;
  group: 'general' | 'task';
  max: number;
}

/** The template a scorecard is scored on (the version in force when the month was opened). */
export interface TCardTemplate {
  id: string;
  name: string;
  version: number;
  criteria: TCriterion[];
  deductions: { violation: number; upheldComplaint: number };
  /** The head must give a reason when their total is further than this from the evidence. */
  headReasonMargin: number;
}

/** One version of a unit kind's template (null kind = the default for every kind). */
export interface TTemplate extends TCardTemplate {
  code: string;
  unitKind: UnitKind | null;
  createdAt: string;
  createdBy: string | null;
  inForce: boolean;
}

export interface TCreateTemplateRequest {
  unitKind: UnitKind | null;
  name: string;
  criteria: TCriterion[];
  deductions: { violation: number; upheldComplaint: number };
  headReasonMargin: number;
}

export interface TScorecard {
  id: string;
  officialId: string;
  officialName: string;
  month: string;
  regime: string;
  status: ScorecardStatus;
  evidence: TEvidence;
  evidenceScore: number | null;
  self: TPoints & { note: string | null };
  peerMean: number | null;
  peerCount: number;
  /** Who scored what: only for the heads in scope, null for the person scored (peers are anonymous to them). */
  peers: { reviewerId: string; reviewerName: string; score: number | null }[] | null;
  head: TPoints & { reason: string | null };
  finalScore: number | null;
  /** Null on cards made before templates existed. */
  template: TCardTemplate | null;
  deadlines: TDeadlines;
  /** The step the card waits for, when it is past its deadline. */
  lateStep: 'self' | 'head' | null;
}

export interface TPeerItem {
  scorecardId: string;
  month: string;
  officialName: string;
  status: ScorecardStatus;
  selfTotal: number | null;
  selfNote: string | null;
  evidence: TEvidence;
  myScore: number | null;
  /** The peers' deadline (ISO instant). */
  dueAt: string;
  /** Not scored by me and past the deadline. */
  late: boolean;
}

export interface TSpread {
  count: number;
  min: number;
  max: number;
  spread: number;
  mean: number;
  stdDev: number;
}

export interface TUnitMonthItem {
  scorecardId: string;
  officialId: string;
  officialName: string;
  unitName: string;
  status: ScorecardStatus;
  evidenceScore: number | null;
  evidence: TEvidence;
  selfTotal: number | null;
  peerMean: number | null;
  headTotal: number | null;
  headReason: string | null;
  finalScore: number | null;
  /** Peers assigned who have not scored yet. */
  peersPending: number;
  lateStep: 'self' | 'head' | null;
  /** The card template's reason margin, where the server gives it (else the default template's applies). */
  headReasonMargin?: number;
}

export interface TUnitMonth {
  month: string;
  spread: TSpread | null;
  flat: FlatReason[];
  items: TUnitMonthItem[];
  deadlines: TDeadlines;
  /** Cards late at their owner's step, peer scores missing past the peers' deadline, cards late at the head's step. */
  late: Record<ScoreStep, number>;
}

export interface TFlatUnits {
  /** The month asked for, else the last complete calendar month (never null). */
  month: string;
  units: { unitId: string; code: string; name: string; reasons: FlatReason[]; reasonLabels: string[]; spread: TSpread }[];
  mutualPairs: { a: { id: string; fullName: string }; b: { id: string; fullName: string }; months: number }[];
}

export interface TClassification {
  id: string;
  officialId: string;
  fullName: string;
  unitName: string;
  isHead: boolean;
  regime: string;
  average: number | null;
  proposedLevel: ClassLevel;
  proposedLabel: string;
  reasons: string[];
  decidedLevel: ClassLevel | null;
  decisionReason: string | null;
}

export interface TUnitClassification {
  id: string;
  unitId: string;
  code: string;
  name: string;
  /** Depth in the unit tree (0 = the province). */
  depth: number;
  score: number | null;
  tasks: { due: number; done: number; onTime: number };
  proposedLevel: ClassLevel;
  reasons: string[];
  decidedLevel: ClassLevel | null;
  decisionReason: string | null;
}

export interface TClassifications {
  year: number;
  counts: Record<ClassLevel, number>;
  /** "Thay thế, điều chuyển": each with why ("Không hoàn thành nhiệm vụ", "Đứng cuối đơn vị 3 tháng (…)"). */
  toReview: (TClassification & { reviewReasons: string[] })[];
  items: TClassification[];
  /** Units are rated before their people (their level caps their head's). */
  units: TUnitClassification[];
}

export interface TDisciplineRecord {
  id: string;
  fullName: string;
  form: DisciplineForm;
  formLabel: string;
  regime: string;
  dutyRelated: boolean;
  decisionNo: string;
  decidedAt: string;
  reason: string;
  violationId: string | null;
}

export interface TRecordDisciplineRequest {
  officialId: string;
  form: DisciplineForm;
  violationId?: string | null;
  dutyRelated: boolean;
  decisionNo: string;
  decidedAt: string;
  reason: string;
}

export interface TCommendation {
  id: string;
  title: string;
  status: 'proposed' | 'approved' | 'rejected';
  evidence: { averageScore?: number; hardTasksDelivered?: number; violations?: number };
  decisionNo: string | null;
  fullName: string | null;
  unitName: string;
}

/** A violation on the oversight register (to link a discipline decision to it). */
export interface TViolationRef {
  id: string;
  officialId: string | null;
  officialName: string | null;
  rule: { code: string; title: string };
  description: string;
  foundAt: string;
}

export const evaluationKeys = {
  all: ['evaluation'] as const,
  mine: ['evaluation', 'me'] as const,
  card: (id: string) => ['evaluation', 'card', id] as const,
  peerInbox: ['evaluation', 'peer-inbox'] as const,
  unitMonth: (month: string, unitId: string | undefined) => ['evaluation', 'unit-month', { month, unitId }] as const,
  flatUnits: (month: string | undefined) => ['evaluation', 'flat-units', { month }] as const,
  classifications: (year: number, unitId: string | undefined) => ['evaluation', 'classifications', { year, unitId }] as const,
  discipline: (year: number) => ['evaluation', 'discipline', year] as const,
  commendations: (year: number) => ['evaluation', 'commendations', year] as const,
  templates: ['evaluation', 'templates'] as const,
};

/** Every evaluation figure may move after a write (a score moves the spread, a proposal the counts). */
function useInvalidateEvaluation() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: evaluationKeys.all });
}

// ---------------------------------------------------------------- monthly scorecards

export function useMyScorecards(enabled = true) {
  return useQuery<{ items: TScorecard[] }, ApiError>({
    queryKey: evaluationKeys.mine,
    queryFn: ({ signal }) => api.get('/evaluation/me', undefined, signal),
    enabled,
  });
}

export function useScorecard(id: string | null | undefined) {
  return useQuery<TScorecard, ApiError>({
    queryKey: evaluationKeys.card(id ?? ''),
    queryFn: ({ signal }) => api.get(`/evaluation/scorecards/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useSelfAssess() {
  const invalidate = useInvalidateEvaluation();
  return useMutation<TScorecard, ApiError, { id: string; general: number; task: number; note: string | null }>({
    mutationFn: ({ id, ...body }) => api.post(`/evaluation/scorecards/${id}/self`, body),
    onSuccess: () => void invalidate(),
  });
}

export function usePeerInbox(enabled = true) {
  return useQuery<{ items: TPeerItem[] }, ApiError>({
    queryKey: evaluationKeys.peerInbox,
    queryFn: ({ signal }) => api.get('/evaluation/peer-inbox', undefined, signal),
    enabled,
  });
}

export function usePeerReview() {
  const invalidate = useInvalidateEvaluation();
  return useMutation<{ ok: true }, ApiError, { id: string; score: number; note: string | null }>({
    mutationFn: ({ id, ...body }) => api.post(`/evaluation/scorecards/${id}/peer`, body),
    onSuccess: () => void invalidate(),
  });
}

export function useHeadScore() {
  const invalidate = useInvalidateEvaluation();
  return useMutation<TScorecard, ApiError, { id: string; general: number; task: number; reason: string | null }>({
    mutationFn: ({ id, ...body }) => api.post(`/evaluation/scorecards/${id}/head`, body),
    onSuccess: () => void invalidate(),
  });
}

export function useUnitMonth(month: string, unitId: string | undefined) {
  return useQuery<TUnitMonth, ApiError>({
    queryKey: evaluationKeys.unitMonth(month, unitId),
    queryFn: ({ signal }) => api.get('/evaluation/unit-month', { month, unitId }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOpenMonth() {
  const invalidate = useInvalidateEvaluation();
  return useMutation<{ month: string; created: number }, ApiError, { month: string; unitId?: string }>({
    mutationFn: (body) => api.post('/evaluation/months', body),
    onSuccess: () => void invalidate(),
  });
}

export type StillOpen = Partial<Record<'self' | 'peer' | 'head', number>>;

export function useCloseMonth() {
  const invalidate = useInvalidateEvaluation();
  return useMutation<{ month: string; closed: number; stillOpen: StillOpen }, ApiError, { month: string; unitId?: string }>({
    mutationFn: (body) => api.post('/evaluation/months/close', body),
    onSuccess: () => void invalidate(),
  });
}

export function useFlatUnits(month: string | undefined) {
  return useQuery<TFlatUnits, ApiError>({
    queryKey: evaluationKeys.flatUnits(month),
    queryFn: ({ signal }) => api.get('/evaluation/flat-units', { month }, signal),
    placeholderData: keepPreviousData,
  });
}

// ---------------------------------------------------------------- yearly classification

export function useClassifications(year: number, unitId: string | undefined) {
  return useQuery<TClassifications, ApiError>({
    queryKey: evaluationKeys.classifications(year, unitId),
    queryFn: ({ signal }) => api.get('/evaluation/classifications', { year, unitId }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProposeClassifications() {
  const invalidate = useInvalidateEvaluation();
  return useMutation<{ year: number; proposals: number; written: number }, ApiError, { year: number; unitId?: string }>({
    mutationFn: (body) => api.post('/evaluation/classifications/propose', body),
    onSuccess: () => void invalidate(),
  });
}

export function useDecideClassification() {
  const invalidate = useInvalidateEvaluation();
  return useMutation<{ id: string; proposedLevel: ClassLevel; decidedLevel: ClassLevel }, ApiError, { id: string; level: ClassLevel; reason: string | null }>({
    mutationFn: ({ id, ...body }) => api.post(`/evaluation/classifications/${id}/decision`, body),
    onSuccess: () => void invalidate(),
  });
}

export function useDecideUnitClassification() {
  const invalidate = useInvalidateEvaluation();
  return useMutation<{ id: string; proposedLevel: ClassLevel; decidedLevel: ClassLevel }, ApiError, { id: string; level: ClassLevel; reason: string | null }>({
    mutationFn: ({ id, ...body }) => api.post(`/evaluation/unit-classifications/${id}/decision`, body),
    onSuccess: () => void invalidate(),
  });
}

// ---------------------------------------------------------------- scoring templates

export function useTemplates() {
  return useQuery<{ items: TTemplate[] }, ApiError>({
    queryKey: evaluationKeys.templates,
    queryFn: ({ signal }) => api.get('/evaluation/templates', undefined, signal),
  });
}

export function useCreateTemplate() {
  const invalidate = useInvalidateEvaluation();
  return useMutation<{ id: string; code: string; version: number }, ApiError, TCreateTemplateRequest>({
    mutationFn: (body) => api.post('/evaluation/templates', body),
    onSuccess: () => void invalidate(),
  });
}

// ---------------------------------------------------------------- commendation and discipline

export function useDiscipline(year: number) {
  return useQuery<{ items: TDisciplineRecord[] }, ApiError>({
    queryKey: evaluationKeys.discipline(year),
    queryFn: ({ signal }) => api.get('/evaluation/discipline', { year }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRecordDiscipline() {
  const invalidate = useInvalidateEvaluation();
  return useMutation<{ id: string; regime: string; formLabel: string }, ApiError, TRecordDisciplineRequest>({
    mutationFn: (body) => api.post('/evaluation/discipline', body),
    onSuccess: () => void invalidate(),
  });
}

export function useCommendations(year: number) {
  return useQuery<{ items: TCommendation[] }, ApiError>({
    queryKey: evaluationKeys.commendations(year),
    queryFn: ({ signal }) => api.get('/evaluation/commendations', { year }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProposeCommendations() {
  const invalidate = useInvalidateEvaluation();
  return useMutation<{ year: number; created: number }, ApiError, { year: number }>({
    mutationFn: (body) => api.post('/evaluation/commendations/propose', body),
    onSuccess: () => void invalidate(),
  });
}

export function useDecideCommendation() {
  const invalidate = useInvalidateEvaluation();
  return useMutation<{ id: string; status: string }, ApiError, { id: string; approve: boolean; decisionNo: string | null }>({
    mutationFn: ({ id, ...body }) => api.post(`/evaluation/commendations/${id}/decision`, body),
    onSuccess: () => void invalidate(),
  });
}

/**
 * Recent violations on the oversight register, to link a discipline decision to one of the
 * official's (the register has no official filter: the form filters the latest 500).
 */
export function useRecentViolations(enabled: boolean) {
  return useQuery<TViolationRef[], ApiError>({
    queryKey: ['evaluation', 'violations'],
    queryFn: async ({ signal }) => (await api.get<{ items: TViolationRef[] }>('/violations', { limit: 500 }, signal)).items,
    enabled,
    staleTime: 60_000,
    retry: false,
  });
}

/** A task's number and title, to name it in the evidence (the full task lives on the tasks pages). */
export function useTaskRef(id: string) {
  return useQuery<{ id: string; no: number; title: string }, ApiError>({
    queryKey: ['evaluation', 'task-ref', id],
    queryFn: ({ signal }) => api.get(`/tasks/${id}`, undefined, signal),
    staleTime: 60_000,
    retry: false,
  });
}
