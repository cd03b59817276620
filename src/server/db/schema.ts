import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { EvidenceDeductions, ScoreCriterion } from '../../domain/evaluation/template.ts';

/** Table types for Kysely. Kept by hand beside the migrations; one interface per table. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;
type AnyJson = ColumnType<unknown, string | null, string | null>;

export type UnitKind = 'province' | 'department' | 'commune' | 'division' | 'center' | 'other';

export interface UnitsTable {
  id: string;
  parent_id: string | null;
  code: string;
  admin_code: string | null;
  name: string;
  short_name: string | null;
  kind: UnitKind;
  path: string;
  depth: number;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  search_text: string;
  settings: Json<Record<string, unknown>>;
  /** Electronic identifier of the agency (QCVN 102:2016), the first part of its dossier codes. */
  agency_code: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Competency {
  name: string;
  level: number;
}

export interface PositionsTable {
  id: string;
  unit_id: string;
  code: string | null;
  title: string;
  job_description: Generated<string>;
  competencies: Json<Competency[]>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type Gender = 'male' | 'female';
export type EmploymentType = 'cong_chuc' | 'vien_chuc' | 'hop_dong';
export type PartyRole = 'standing_committee' | 'committee' | 'member' | 'none';

export interface OfficialsTable {
  id: string;
  unit_id: string;
  position_id: string | null;
  full_name: string;
  search_text: string;
  sort_key: string;
  id_number: string;
  gender: Gender | null;
  birth_date: DateOnly | null;
  email: string | null;
  phone: string | null;
  rank: string | null;
  employment_type: Generated<EmploymentType>;
  party_role: Generated<PartyRole>;
  is_head: Generated<boolean>;
  started_on: DateOnly | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccountsTable {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  official_id: string | null;
  unit_id: string;
  roles: string[];
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  csrf_token: string;
  created_at: Date;
  expires_at: Date;
  last_seen_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  account_id: string;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface AuditLogTable {
  seq: number;
  at: Date;
  actor_account_id: string | null;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: AnyJson;
  after: AnyJson;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface CalendarAnnouncementsTable {
  year: number;
  data: Json<Record<string, unknown>>;
  updated_at: Date;
  updated_by: string;
}

export interface RequiredDocument {
  name: string;
  originals: number;
  copies: number;
}

export type ProcessingUnit = 'working_days' | 'working_hours' | 'calendar_days';

export interface ProceduresTable {
  id: string;
  code: string;
  name: string;
  search_text: string;
  field: string;
  unit_id: string;
  processing_amount: number;
  processing_unit: ProcessingUnit;
  fee_vnd: Generated<number>;
  required_documents: Json<RequiredDocument[]>;
  supplement_mode: 'pause' | 'restart' | null;
  cutoff: Json<Record<string, unknown>>;
  incomplete_close_days: Generated<number>;
  online_level: 'partial' | 'full' | null;
  active: Generated<boolean>;
  created_at: Date;
  updated_at: Date;
}

export interface DossierCountersTable {
  agency_code: string;
  day: string;
  last: number;
}

export interface ReceivedDocument {
  name: string;
  originals: number;
  copies: number;
  digitized: boolean;
  reused: boolean;
}

export interface DossiersTable {
  id: string;
  code: string;
  procedure_id: string;
  unit_id: string;
  unit_path: string;
  channel: 'counter' | 'online' | 'postal';
  applicant_name: string;
  applicant_search: string;
  applicant_id_number: string;
  applicant_phone: string;
  applicant_email: string | null;
  applicant_address: string | null;
  status: string;
  status_code: number;
  outcome: 'approved' | 'rejected' | null;
  handler_id: string | null;
  submitted_at: Date;
  received_at: Date | null;
  legal_due_at: Date | null;
  due_at: Date | null;
  supplement_count: Generated<number>;
  supplement_requested_at: Date | null;
  paused_clock: AnyJson;
  incomplete_close_at: Date | null;
  apology_count: Generated<number>;
  finished_at: Date | null;
  returned_at: Date | null;
  visits: Generated<number>;
  fee_vnd: Generated<number>;
  paid_vnd: Generated<number>;
  rules: Json<Record<string, unknown>>;
  documents: Json<ReceivedDocument[]>;
  flags: Generated<string[]>;
  external_ref: string | null;
  version: Generated<number>;
  created_at: Date;
  updated_at: Date;
}

export interface DossierEventsTable {
  id: Generated<number>;
  dossier_id: string;
  seq: number;
  at: Date;
  actor_account_id: string | null;
  actor: string;
  type: string;
  status: string;
  data: Json<Record<string, unknown>>;
}

export interface DossierStepsTable {
  id: string;
  dossier_id: string;
  step: string;
  official_id: string | null;
  started_at: Date;
  due_at: Date | null;
  finished_at: Date | null;
}

export interface DossierFilesTable {
  id: string;
  dossier_id: string;
  kind: 'component' | 'result';
  name: string;
  storage_key: string;
  mime: string;
  size: number;
  sha256: string;
  digitized: boolean;
  reused: boolean;
  created_at: Date;
  created_by: string;
}

export interface DossierRatingsTable {
  dossier_id: string;
  at: Date;
  level: 'very_satisfied' | 'satisfied' | 'dissatisfied';
  criteria: Json<Record<string, unknown>>;
  comment: string | null;
}

export interface OutboxTable {
  id: string;
  created_at: Date;
  channel: 'email' | 'sms' | 'zalo';
  recipient: string;
  subject: string;
  body: string;
  kind: string;
  dossier_id: string | null;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Date;
  locked_until: Date | null;
  last_error: string | null;
  sent_at: Date | null;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status: number;
  response: Json<Record<string, unknown>>;
  created_at: Date;
}

export interface TaskMilestone {
  title: string;
  dueAt: string;
  doneAt: string | null;
}

export interface TasksTable {
  id: string;
  no: Generated<number>;
  title: string;
  description: string;
  search_text: string;
  expected_result: string;
  authority: string | null;
  source_document: string | null;
  priority: Generated<'normal' | 'high' | 'urgent'>;
  hard: Generated<boolean>;
  unit_id: string;
  unit_path: string;
  initial_unit_path: string;
  assigner_unit_path: string;
  owner_id: string;
  accountable_id: string;
  assigner_official_id: string | null;
  assigner_account_id: string | null;
  collaborator_ids: Generated<string[]>;
  milestones: Json<TaskMilestone[]>;
  status: 'open' | 'in_progress' | 'submitted' | 'done' | 'cancelled';
  progress: Generated<number>;
  due_at: Date;
  original_due_at: Date;
  submitted_at: Date | null;
  completed_at: Date | null;
  pending_extension: AnyJson;
  extension_count: Generated<number>;
  transfer_count: Generated<number>;
  bounce_reasons: Generated<string[]>;
  created_at: Date;
  updated_at: Date;
}

export interface TaskEventsTable {
  id: Generated<number>;
  task_id: string;
  seq: number;
  at: Date;
  actor_account_id: string | null;
  actor: string;
  type: string;
  status: string;
  data: Json<Record<string, unknown>>;
}

export interface TaskFilesTable {
  id: string;
  task_id: string;
  name: string;
  storage_key: string;
  mime: string;
  size: number;
  sha256: string;
  created_at: Date;
  created_by: string;
}

export interface CommitmentsTable {
  id: string;
  year: number;
  kind: 'follow_uncle_ho' | 'hard_task';
  official_id: string | null;
  unit_id: string;
  unit_path: string;
  title: string;
  description: Generated<string>;
  task_id: string | null;
  evaluation: 'done' | 'partly' | 'not_done' | null;
  evaluation_note: string | null;
  evaluated_at: Date | null;
  evaluated_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface RulesTable {
  id: string;
  code: string;
  version: number;
  category: 'code_of_conduct' | 'three_no' | 'three_against' | 'communication' | 'other';
  title: string;
  body: string;
  effective_from: string;
  superseded_at: Date | null;
  created_at: Date;
  created_by: string;
}

export interface InspectionPlansTable {
  id: string;
  year: number;
  kind: 'annual' | 'ad_hoc';
  title: string;
  unit_id: string;
  created_at: Date;
  created_by: string;
}

export interface ChecklistItem {
  ruleId: string;
  ruleCode: string;
  text: string;
}

export interface InspectionsTable {
  id: string;
  no: Generated<number>;
  plan_id: string | null;
  surprise: boolean;
  title: string;
  status: 'planned' | 'in_progress' | 'signed_off' | 'concluded' | 'cancelled';
  inspecting_unit_path: string;
  lead_official_id: string;
  team_official_ids: Generated<string[]>;
  target_unit_ids: string[];
  target_official_ids: Generated<string[]>;
  checklist: Json<ChecklistItem[]>;
  scheduled_at: Date;
  started_at: Date | null;
  signed_off_at: Date | null;
  concluded_at: Date | null;
  conclusion: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface InspectionAnswersTable {
  inspection_id: string;
  target_unit_id: string;
  item_index: number;
  result: 'pass' | 'fail' | 'na';
  note: string | null;
  photo_ids: Generated<string[]>;
  answered_by: string;
  answered_at: Date;
}

export interface InspectionFindingsTable {
  id: string;
  inspection_id: string;
  target_unit_id: string | null;
  text: string;
  created_by: string;
  created_at: Date;
}

export interface InspectionFilesTable {
  id: string;
  inspection_id: string;
  name: string;
  storage_key: string;
  mime: string;
  size: number;
  sha256: string;
  created_at: Date;
  created_by: string;
}

export interface ComplaintsTable {
  id: string;
  tracking_code: string;
  token: string;
  kind: 'harassment' | 'delay' | 'attitude' | 'praise' | 'other';
  description: string;
  unit_id: string | null;
  unit_path: string | null;
  official_name: string | null;
  official_id: string | null;
  dossier_code: string | null;
  anonymous: boolean;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  source: 'web' | 'open311';
  api_key_id: string | null;
  fingerprint: string;
  status: 'received' | 'assigned' | 'answered' | 'closed';
  assigned_official_id: string | null;
  response_due_at: Date;
  answer: string | null;
  answered_at: Date | null;
  outcome: 'upheld' | 'not_upheld' | null;
  violation_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ViolationsTable {
  id: string;
  inspection_id: string | null;
  complaint_id: string | null;
  official_id: string | null;
  unit_id: string;
  unit_path: string;
  rule_id: string;
  severity: 'minor' | 'moderate' | 'serious';
  description: string;
  evidence_file_ids: Generated<string[]>;
  found_at: Date;
  status: 'open' | 'remediating' | 'closed';
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface RemediationsTable {
  id: string;
  violation_id: string;
  action: string;
  owner_official_id: string;
  due_at: Date;
  status: 'open' | 'done' | 'verified';
  done_at: Date | null;
  done_note: string | null;
  verified_at: Date | null;
  verified_by: string | null;
  created_at: Date;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  key_hash: string;
  created_at: Date;
  revoked_at: Date | null;
}

export interface ScoreTemplatesTable {
  id: string;
  code: string;
  version: number;
  name: string;
  criteria: Json<ScoreCriterion[]>;
  /** null: the default for every unit kind without a template of its own. */
  unit_kind: string | null;
  deductions: Json<EvidenceDeductions>;
  head_reason_margin: number;
  created_by: string | null;
  created_at: Date;
}

export interface ScorecardsTable {
  id: string;
  official_id: string;
  unit_id: string;
  unit_path: string;
  month: string;
  regime: string;
  template_id: string;
  status: 'self' | 'peer' | 'head' | 'closed';
  is_head: Generated<boolean>;
  auto: Json<Record<string, unknown>>;
  evidence_score: number | null;
  self_general: number | null;
  self_task: number | null;
  self_note: string | null;
  self_at: Date | null;
  peer_mean: number | null;
  head_general: number | null;
  head_task: number | null;
  head_reason: string | null;
  head_at: Date | null;
  final_score: number | null;
  closed_at: Date | null;
  reminded_step: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface PeerReviewsTable {
  scorecard_id: string;
  reviewer_id: string;
  score: number | null;
  note: string | null;
  submitted_at: Date | null;
  reminded_at: Date | null;
}

export interface UnitClassificationsTable {
  id: string;
  unit_id: string;
  unit_path: string;
  year: number;
  score: number | null;
  tasks_due: number;
  tasks_done: number;
  tasks_on_time: number;
  proposed_level: string;
  reasons: Json<string[]>;
  decided_level: string | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
}

export interface ClassificationsTable {
  id: string;
  official_id: string;
  unit_id: string;
  unit_path: string;
  year: number;
  regime: string;
  average: number | null;
  proposed_level: string;
  reasons: Json<string[]>;
  decided_level: string | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
}

export interface CommendationsTable {
  id: string;
  year: number;
  official_id: string | null;
  unit_id: string;
  unit_path: string;
  title: string;
  evidence: Json<Record<string, unknown>>;
  status: 'proposed' | 'approved' | 'rejected';
  decision_no: string | null;
  decided_at: Date | null;
  created_by: string;
  created_at: Date;
}

export interface DisciplineRecordsTable {
  id: string;
  official_id: string;
  unit_path: string;
  form: 'reprimand' | 'warning' | 'demotion' | 'removal' | 'forced_resignation' | 'dismissal';
  regime: string;
  violation_id: string | null;
  duty_related: boolean;
  decision_no: string;
  decided_at: Date;
  reason: string;
  created_by: string;
  created_at: Date;
}

export interface DossierDailyTable {
  unit_id: string;
  day: string;
  received: Generated<number>;
  online: Generated<number>;
  with_supplement: Generated<number>;
  visits: Generated<number>;
  digitized: Generated<number>;
  finished: Generated<number>;
  on_time: Generated<number>;
  early: Generated<number>;
  late: Generated<number>;
  processing_minutes: Generated<number>;
  rated_very_satisfied: Generated<number>;
  rated_satisfied: Generated<number>;
  rated_dissatisfied: Generated<number>;
  /** Processing-time histogram (migration 0009): finished dossiers per bucket of calendar days. */
  proc_le_1d: Generated<number>;
  proc_le_2d: Generated<number>;
  proc_le_3d: Generated<number>;
  proc_le_5d: Generated<number>;
  proc_le_7d: Generated<number>;
  proc_le_10d: Generated<number>;
  proc_le_15d: Generated<number>;
  proc_le_20d: Generated<number>;
  proc_le_30d: Generated<number>;
  proc_le_45d: Generated<number>;
  proc_le_60d: Generated<number>;
  proc_le_90d: Generated<number>;
  proc_over_90d: Generated<number>;
}

/** Daily task, complaint, inspection and violation figures per unit (src/domain/metrics/activity-rollup.ts). */
export interface ActivityDailyTable {
  unit_id: string;
  day: string;
  tasks_due: Generated<number>;
  tasks_done: Generated<number>;
  tasks_on_time: Generated<number>;
  tasks_extended: Generated<number>;
  tasks_late: Generated<number>;
  tasks_bounced: Generated<number>;
  complaints_received: Generated<number>;
  complaints_upheld: Generated<number>;
  inspections_concluded: Generated<number>;
  violations_found: Generated<number>;
}

export interface RateLimitsTable {
  key: string;
  window_start: Date;
  count: number;
}

/** The archive of scheduled metric reports; unit_id null = the whole province. */
export interface MetricReportsTable {
  id: string;
  unit_id: string | null;
  unit_path: string;
  unit_name: string;
  period_kind: 'month' | 'quarter' | 'year';
  period_key: string;
  period_label: string;
  format: 'xlsx' | 'pdf';
  storage_key: string;
  size: number;
  created_at: Generated<Date>;
}

export interface DB {
  metric_reports: MetricReportsTable;
  rate_limits: RateLimitsTable;
  dossier_daily: DossierDailyTable;
  activity_daily: ActivityDailyTable;
  /** Kept by triggers on the daily tables (migration 0011): the same figures per unit and month. */
  dossier_monthly: Omit<DossierDailyTable, 'day'> & { month: string };
  activity_monthly: Omit<ActivityDailyTable, 'day'> & { month: string };
  dossier_yearly: Omit<DossierDailyTable, 'day'> & { year: string };
  activity_yearly: Omit<ActivityDailyTable, 'day'> & { year: string };
  score_templates: ScoreTemplatesTable;
  scorecards: ScorecardsTable;
  peer_reviews: PeerReviewsTable;
  unit_classifications: UnitClassificationsTable;
  classifications: ClassificationsTable;
  commendations: CommendationsTable;
  discipline_records: DisciplineRecordsTable;
  rules: RulesTable;
  inspection_plans: InspectionPlansTable;
  inspections: InspectionsTable;
  inspection_answers: InspectionAnswersTable;
  inspection_findings: InspectionFindingsTable;
  inspection_files: InspectionFilesTable;
  complaints: ComplaintsTable;
  violations: ViolationsTable;
  remediations: RemediationsTable;
  api_keys: ApiKeysTable;
  tasks: TasksTable;
  task_events: TaskEventsTable;
  task_files: TaskFilesTable;
  commitments: CommitmentsTable;
  calendar_announcements: CalendarAnnouncementsTable;
  procedures: ProceduresTable;
  dossier_counters: DossierCountersTable;
  dossiers: DossiersTable;
  dossier_events: DossierEventsTable;
  dossier_steps: DossierStepsTable;
  dossier_files: DossierFilesTable;
  dossier_ratings: DossierRatingsTable;
  outbox: OutboxTable;
  idempotency_keys: IdempotencyKeysTable;
  units: UnitsTable;
  positions: PositionsTable;
  officials: OfficialsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_head: AuditHeadTable;
  audit_log: AuditLogTable;
}
