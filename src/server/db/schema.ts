import type { ColumnType, Generated, JSONColumnType } from 'kysely';

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

export interface DB {
  units: UnitsTable;
  positions: PositionsTable;
  officials: OfficialsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_head: AuditHeadTable;
  audit_log: AuditLogTable;
}
