import fc from 'fast-check';
import { sql } from 'kysely';
import type { Database } from '../../../src/server/db/database.ts';
import type { FuzzParam } from './route-catalogue.ts';
import type { RealValues } from './schema-arbitraries.ts';

/** The table behind the collection in front of a path's `{id}` ("/api/v1/evaluation/scorecards/{id}" → scorecards). */
const COLLECTION_TABLES: Record<string, string> = {
  accounts: 'accounts',
  'api-tokens': 'api_tokens',
  units: 'units',
  positions: 'positions',
  officials: 'officials',
  procedures: 'procedures',
  dossiers: 'dossiers',
  tasks: 'tasks',
  commitments: 'commitments',
  complaints: 'complaints',
  inspections: 'inspections',
  violations: 'violations',
  remediations: 'remediations',
  scorecards: 'scorecards',
  classifications: 'classifications',
  'unit-classifications': 'unit_classifications',
  commendations: 'commendations',
  archive: 'metric_reports',
};
/** Files nested under a parent: parent table → (file table, its parent column). */
const FILE_TABLES: Record<string, [string, string]> = {
  dossiers: ['dossier_files', 'dossier_id'],
  tasks: ['task_files', 'task_id'],
  inspections: ['inspection_files', 'inspection_id'],
};
/** Body and query field names → the table their ids come from (plural "…Ids" fields too). */
const FIELD_TABLES: Record<string, string> = {
  unitId: 'units',
  parentId: 'units',
  targetUnitId: 'units',
  officialId: 'officials',
  ownerId: 'officials',
  handlerId: 'officials',
  accountableId: 'officials',
  collaboratorId: 'officials',
  toOwnerId: 'officials',
  leadId: 'officials',
  teamId: 'officials',
  targetOfficialId: 'officials',
  positionId: 'positions',
  ruleId: 'rules',
  accountId: 'accounts',
  procedureId: 'procedures',
  taskId: 'tasks',
  planId: 'inspection_plans',
  inspectionId: 'inspections',
  violationId: 'violations',
  photoId: 'inspection_files',
};

export interface RealData {
  ids: Map<string, string[]>;
  /** [parent id, file id] per parent table. */
  files: Map<string, [string, string][]>;
  dossierCodes: string[];
  complaintCodes: string[];
  complaintTokens: string[];
}

/** Reads a sample of real ids and codes from the demo data; `keepOut` account ids (the fuzzing callers) are never offered. */
export async function loadRealData(db: Database, keepOut: string[]): Promise<RealData> {
  const ids = new Map<string, string[]>();
  const tables = new Set([...Object.values(COLLECTION_TABLES), ...Object.values(FIELD_TABLES)]);
  for (const table of tables) {
    const { rows } = await sql<{ id: string }>`select id::text as id from ${sql.table(table)} order by id limit 60`.execute(db);
    ids.set(table, rows.map((r) => r.id).filter((id) => !(table === 'accounts' && keepOut.includes(id))));
  }
  const files = new Map<string, [string, string][]>();
  for (const [parent, [table, column]] of Object.entries(FILE_TABLES)) {
    const { rows } = await sql<{ p: string; id: string }>`select ${sql.ref(column)}::text as p, id::text as id from ${sql.table(table)} order by id limit 30`.execute(db);
    files.set(parent, rows.map((r) => [r.p, r.id]));
  }
  const dossierCodes = (await sql<{ c: string }>`select code as c from dossiers order by id limit 40`.execute(db)).rows.map((r) => r.c);
  const complaints = (await sql<{ c: string; t: string }>`select tracking_code as c, token::text as t from complaints order by id limit 40`.execute(db)).rows;
  return { ids, files, dossierCodes, complaintCodes: complaints.map((r) => r.c), complaintTokens: complaints.map((r) => r.t) };
}

/** Mostly a real value, sometimes a well-formed stranger (another uuid), never an empty choice. */
function mostlyReal(values: string[], stranger: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return values.length ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: stranger }) : stranger;
}

/** Field name → arbitrary of real values, for the schema arbitraries. */
export function realValuesFor(data: RealData): RealValues {
  const allIds = [...data.ids.values()].flat();
  return (name) => {
    if (name === '*uuid') return mostlyReal(allIds, fc.uuid());
    const table = FIELD_TABLES[name] ?? FIELD_TABLES[name.replace(/Ids$/, 'Id')];
    return table ? mostlyReal(data.ids.get(table) ?? [], fc.uuid()) : undefined;
  };
}

/**
 * Real values for a route's path parameters: ids of the collection in front of `{id}`, a file of
 * that same parent for `{fileId}`, dossier or complaint codes for `{code}`, Open311 file names, the
 * schema's own choices for an enum. Undefined names the first parameter with no source of real values.
 */
export function realPathValues(data: RealData, path: string, params: FuzzParam[]): fc.Arbitrary<Record<string, string>> | string {
  const segments = path.split('/');
  const before = (name: string) => segments[segments.indexOf(`{${name}}`) - 1] ?? '';
  const parts: Record<string, fc.Arbitrary<string>> = {};
  for (const { name, schema } of params) {
    const prev = before(name);
    if (schema.enum) parts[name] = fc.constantFrom(...schema.enum.map(String));
    else if (name === 'id' && path.includes('{fileId}')) continue;
    else if (name === 'fileId') {
      // A file of the same parent when there are files; else a real parent and a stranger's file id.
      const parent = COLLECTION_TABLES[before('id')] ?? '';
      const pairs = data.files.get(parent) ?? [];
      const parents = data.ids.get(parent) ?? [];
      if (!pairs.length && !parents.length) return name;
      const pair = pairs.length ? fc.constantFrom(...pairs) : fc.tuple(fc.constantFrom(...parents), fc.uuid());
      return fc.record({ ...parts, pair }).map(({ pair, ...rest }) => ({ ...rest, id: pair[0], fileId: pair[1] }));
    } else if (name === 'id') parts.id = COLLECTION_TABLES[prev] ? mostlyReal(data.ids.get(COLLECTION_TABLES[prev]!) ?? [], fc.uuid()) : realValuesFor(data)('*uuid')!;
    else if (name === 'code') parts.code = mostlyReal(path.includes('complaints') ? data.complaintCodes : data.dossierCodes, fc.string({ minLength: 5, maxLength: 20 }));
    else if (name === 'year') parts.year = fc.oneof(fc.constant('2026'), fc.integer({ min: 2023, max: 2028 }).map(String));
    else if (name === 'file') parts.file = open311File(data, prev);
    else if (name === '*' && path.startsWith('/api/docs')) parts['*'] = fc.constantFrom('static/index.html', 'static/swagger-initializer.js', 'json', 'yaml', 'static/logo.svg', 'static/../../../package.json');
    else if (name === '*') parts['*'] = fc.constantFrom('assets/app.js', 'index.html', 'tra-cuu/ho-so', 'api/v1/nothing', 'assets/../../package.json', '../../../../etc/passwd', 'assets/..%2f..%2f..%2fetc%2fpasswd');
    else return name;
  }
  return fc.record(parts);
}

function open311File(data: RealData, collection: string): fc.Arbitrary<string> {
  const names =
    collection === 'services'
      ? fc.constantFrom('harassment', 'delay', 'attitude', 'praise', 'other')
      : mostlyReal(collection === 'tokens' ? data.complaintTokens : data.complaintCodes, fc.string({ maxLength: 12 }));
  return fc.tuple(names, fc.constantFrom('.json', '.xml', '.json', '.html', '')).map(([n, ext]) => n + ext);
}
