import { officialSortKey } from '../../domain/org/official-name.ts';
import { foldDiacritics } from '../../domain/text/fold.ts';
import type { Insertable } from 'kysely';
import type { Competency, EmploymentType, Gender, OfficialsTable, PartyRole, PositionsTable, UnitKind, UnitsTable } from '../db/schema.ts';
import type { Tx } from '../db/transaction.ts';
import { unitSearchText } from '../modules/org/unit.service.ts';
import { type DemoUnit, demoUnitTree } from './demo-province.ts';
import { emailLocalPart, vietnameseName } from './names.ts';
import type { Prng } from './prng.ts';

export interface SeededUnit {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  path: string;
  parentId: string | null;
  headOfficialId: string | null;
  staffOfficialIds: string[];
}

export interface SeededOrg {
  units: Map<string, SeededUnit>;
  rootCode: string;
  officialCount: number;
}

const BASE_COMPETENCIES: Competency[] = [
  { name: 'Đạo đức công vụ và văn hóa giao tiếp với Nhân dân', level: 3 },
  { name: 'Ứng dụng công nghệ thông tin, chuyển đổi số', level: 3 },
  { name: 'Soạn thảo văn bản hành chính', level: 3 },
];

function positionsFor(unit: DemoUnit, parent: DemoUnit | null) {
  const isDivision = unit.kind === 'division' || (unit.kind === 'center' && parent?.kind === 'commune');
  const head = unit.headTitle ?? (isDivision ? (unit.name.startsWith('Văn phòng') ? 'Chánh Văn phòng' : unit.kind === 'center' ? 'Giám đốc Trung tâm' : 'Trưởng phòng') : 'Thủ trưởng đơn vị');
  const deputy = unit.deputyTitle ?? (head.startsWith('Chánh') ? 'Phó Chánh Văn phòng' : head.startsWith('Giám đốc') ? 'Phó Giám đốc Trung tâm' : 'Phó Trưởng phòng');
  const staff = unit.kind === 'center' ? 'Công chức tiếp nhận và trả kết quả' : unit.code.startsWith('TTT') ? 'Thanh tra viên' : 'Chuyên viên';
  const lead: Competency = { name: 'Lãnh đạo, quản lý; tổ chức thực hiện nhiệm vụ', level: 4 };
  return [
    {
      key: 'head',
      title: head,
      description: `Lãnh đạo, điều hành toàn bộ hoạt động của ${unit.name}; chịu trách nhiệm trước cấp trên về kết quả thực hiện nhiệm vụ, kỷ luật, kỷ cương hành chính của đơn vị.`,
      competencies: [...BASE_COMPETENCIES.map((c) => ({ ...c, level: 4 })), lead],
    },
    {
      key: 'deputy',
      title: deputy,
      description: `Giúp người đứng đầu ${unit.name} phụ trách lĩnh vực được phân công; chịu trách nhiệm về kết quả lĩnh vực phụ trách.`,
      competencies: [...BASE_COMPETENCIES.map((c) => ({ ...c, level: 4 })), { ...lead, level: 3 }],
    },
    {
      key: 'staff',
      title: staff,
      description:
        unit.kind === 'center'
          ? 'Hướng dẫn, tiếp nhận, số hóa hồ sơ; trả kết quả đúng hẹn; không yêu cầu bổ sung hồ sơ quá một lần.'
          : `Tham mưu, tổ chức thực hiện nhiệm vụ chuyên môn của ${unit.name}; giải quyết hồ sơ, nhiệm vụ được giao đúng hạn, đúng quy định.`,
      competencies: [...BASE_COMPETENCIES, { name: 'Chuyên môn, nghiệp vụ của lĩnh vực', level: 3 }],
    },
  ];
}

const RANKS_LEADER = ['Chuyên viên cao cấp', 'Chuyên viên chính'];
const RANKS_STAFF: readonly (readonly [string, number])[] = [['Chuyên viên chính', 2], ['Chuyên viên', 6], ['Cán sự', 1]];
const BIRTH_PROVINCES: readonly (readonly [string, number])[] = [['025', 5], ['026', 4], ['017', 3], ['001', 1], ['019', 0.5]];

/** How big the organisation is: the demo, or the province-scale data (more communes, larger divisions). */
export interface OrgSize {
  extraCommunes: number;
  staffScale: number;
}
export const DEMO_ORG: OrgSize = { extraCommunes: 0, staffScale: 1 };

/** Creates the unit tree, positions and officials (~2,400 in the demo), in batches. */
export async function seedOrganisation(trx: Tx, rng: Prng, now: Date, size: OrgSize = DEMO_ORG): Promise<SeededOrg> {
  const tree = demoUnitTree(size.extraCommunes);
  const units = new Map<string, SeededUnit>();
  const unitRows: Insertable<UnitsTable>[] = [];
  const positionRows: Insertable<PositionsTable>[] = [];
  const officialRows: Insertable<OfficialsTable>[] = [];
  const usedIds = new Set<string>();
  let officialCount = 0;

  const identity = (gender: Gender, birthYear: number) => {
    for (;;) {
      const centuryDigit = (birthYear >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0);
      const id = `${rng.weighted(BIRTH_PROVINCES)}${centuryDigit}${String(birthYear % 100).padStart(2, '0')}${String(rng.int(0, 999999)).padStart(6, '0')}`;
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };

  const addOfficial = (unit: SeededUnit, positionId: string, kind: 'head' | 'deputy' | 'staff', unitKind: UnitKind, depth: number) => {
    const gender: Gender = rng.chance(kind === 'staff' ? 0.55 : 0.3) ? 'female' : 'male';
    const fullName = vietnameseName(rng, gender);
    const age = kind === 'staff' ? rng.int(24, 58) : rng.int(38, 59);
    const birthYear = now.getUTCFullYear() - age;
    const birthDate = `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const startYear = Math.max(birthYear + 22, now.getUTCFullYear() - rng.int(1, 30));
    const id = rng.uuid();
    const isUnitLeader = kind !== 'staff' && (unitKind === 'department' || unitKind === 'province' || unitKind === 'commune' || (unitKind === 'center' && depth === 1));
    let partyRole: PartyRole = rng.chance(kind === 'staff' ? 0.55 : 0.95) ? 'member' : 'none';
    if (isUnitLeader && kind === 'head') partyRole = unitKind === 'commune' || unitKind === 'province' ? 'standing_committee' : 'committee';
    else if (isUnitLeader) partyRole = rng.chance(0.5) ? 'committee' : 'member';
    const employment: EmploymentType = unitKind === 'center' && kind === 'staff' && rng.chance(0.3) ? 'vien_chuc' : rng.chance(0.04) ? 'hop_dong' : 'cong_chuc';
    officialRows.push({
      id,
      unit_id: unit.id,
      position_id: positionId,
      full_name: fullName,
      search_text: foldDiacritics(fullName),
      sort_key: officialSortKey(fullName),
      id_number: identity(gender, birthYear),
      gender,
      birth_date: birthDate,
      email: `${emailLocalPart(fullName, foldDiacritics)}.${unit.code.toLowerCase().replace(/\./g, '')}${rng.int(1, 99)}@phutho.gov.vn`,
      phone: `09${rng.int(10000000, 99999999)}`,
      rank: kind === 'staff' ? rng.weighted(RANKS_STAFF) : rng.pick(RANKS_LEADER),
      employment_type: employment,
      party_role: partyRole,
      is_head: kind === 'head',
      started_on: `${startYear}-${String(rng.int(1, 12)).padStart(2, '0')}-01`,
      active: true,
      created_at: now,
      updated_at: now,
    });
    officialCount++;
    if (kind === 'head') unit.headOfficialId = id;
    else if (kind === 'staff') unit.staffOfficialIds.push(id);
  };

  const visit = (node: DemoUnit, parent: SeededUnit | null, parentNode: DemoUnit | null, depth: number, order: number) => {
    const id = rng.uuid();
    const path = `${parent?.path ?? '/'}${id}/`;
    const unit: SeededUnit = { id, code: node.code, name: node.name, kind: node.kind, path, parentId: parent?.id ?? null, headOfficialId: null, staffOfficialIds: [] };
    units.set(node.code, unit);
    unitRows.push({
      id,
      parent_id: parent?.id ?? null,
      code: node.code,
      admin_code: node.adminCode ?? null,
      name: node.name,
      short_name: node.shortName ?? null,
      kind: node.kind,
      path,
      depth,
      sort_order: order,
      search_text: unitSearchText(node.name, node.code, node.shortName ?? null, node.adminCode ?? null),
      settings: '{}',
      created_at: now,
      updated_at: now,
    });
    const positionIds: Record<string, string> = {};
    for (const p of positionsFor(node, parentNode)) {
      positionIds[p.key] = rng.uuid();
      positionRows.push({
        id: positionIds[p.key]!,
        unit_id: id,
        code: `${node.code}.${p.key.toUpperCase()}`,
        title: p.title,
        job_description: p.description,
        competencies: JSON.stringify(p.competencies),
        created_at: now,
        updated_at: now,
      });
    }
    const deputies = node.kind === 'province' ? 4 : node.kind === 'division' || (node.kind === 'center' && depth > 1) ? 1 : 2;
    const drawn = node.kind === 'province' ? 0 : node.kind === 'department' || node.kind === 'commune' ? 0 : parent?.code === 'PT' ? rng.int(8, 14) : depth === 2 && parentNode?.kind === 'department' ? rng.int(5, 10) : rng.int(3, 6);
    const staff = Math.round(drawn * size.staffScale);
    addOfficial(unit, positionIds.head!, 'head', node.kind, depth);
    for (let i = 0; i < deputies; i++) addOfficial(unit, positionIds.deputy!, 'deputy', node.kind, depth);
    for (let i = 0; i < staff; i++) addOfficial(unit, positionIds.staff!, 'staff', node.kind, depth);
    node.children?.forEach((child, i) => visit(child, unit, node, depth + 1, i));
  };
  visit(tree, null, null, 0, 0);

  for (let i = 0; i < unitRows.length; i += 500) await trx.insertInto('units').values(unitRows.slice(i, i + 500)).execute();
  for (let i = 0; i < positionRows.length; i += 500) await trx.insertInto('positions').values(positionRows.slice(i, i + 500)).execute();
  for (let i = 0; i < officialRows.length; i += 500) await trx.insertInto('officials').values(officialRows.slice(i, i + 500)).execute();
  return { units, rootCode: tree.code, officialCount };
}
