import type { Insertable } from 'kysely';
import { addDays, computeDueAt, createDefaultWorkingCalendar, vnDateOf, vnInstant } from '../../domain/calendar/index.ts';
import { COMPLAINT_KINDS, RESPONSE_WORKING_DAYS, complaintFingerprint, formatTrackingCode } from '../../domain/oversight/complaints.ts';
import type { ComplaintsTable, InspectionAnswersTable, InspectionsTable, RemediationsTable, RulesTable, ViolationsTable } from '../db/schema.ts';
import type { Tx } from '../db/transaction.ts';
import type { Prng } from './prng.ts';
import type { SeededOrg, SeededUnit } from './seed-org.ts';

type Category = RulesTable['category'];
const RULES: [string, Category, string, string][] = [
  ['QTUX.01', 'code_of_conduct', 'Đeo thẻ công chức, mặc trang phục đúng quy định khi thi hành công vụ', 'Cán bộ, công chức đeo thẻ và mặc trang phục theo quy định của cơ quan trong giờ làm việc.'],
  ['QTUX.02', 'code_of_conduct', 'Có mặt tại vị trí làm việc đúng giờ, không làm việc riêng trong giờ hành chính', 'Bảo đảm thời gian làm việc; không rời vị trí khi không có lý do; không làm việc riêng.'],
  ['QTUX.03', 'code_of_conduct', 'Không sử dụng đồ uống có cồn trong giờ làm việc và giờ nghỉ trưa của ngày làm việc', 'Nghiêm cấm sử dụng rượu, bia trong giờ làm việc, giờ nghỉ trưa.'],
  ['QTUX.04', 'code_of_conduct', 'Công khai thủ tục hành chính, mức phí, lệ phí tại nơi tiếp nhận hồ sơ', 'Niêm yết đầy đủ, đúng thủ tục đang có hiệu lực, mức thu phí, lệ phí, đường dây nóng.'],
  ['3K.01', 'three_no', 'Không trễ hẹn trong giải quyết hồ sơ', 'Trả kết quả đúng hoặc sớm hơn ngày hẹn; hồ sơ có nguy cơ trễ phải xin lỗi và hẹn lại trước hạn.'],
  ['3K.02', 'three_no', 'Không gây phiền hà, sách nhiễu người dân, doanh nghiệp', 'Không yêu cầu thêm giấy tờ ngoài quy định, không gợi ý, nhận tiền, quà.'],
  ['3K.03', 'three_no', 'Không yêu cầu bổ sung hồ sơ quá một lần', 'Hướng dẫn đầy đủ một lần tất cả nội dung cần bổ sung, hoàn thiện.'],
  ['3C.01', 'three_against', 'Chống tham nhũng, tiêu cực', 'Không lợi dụng chức vụ, quyền hạn; kê khai, công khai đúng quy định.'],
  ['3C.02', 'three_against', 'Chống lãng phí', 'Sử dụng tiết kiệm thời gian, tài sản, kinh phí của cơ quan.'],
  ['3C.03', 'three_against', 'Chống quan liêu', 'Sâu sát cơ sở, giải quyết dứt điểm kiến nghị của người dân.'],
  ['GT.01', 'communication', 'Chào hỏi, lắng nghe, hướng dẫn tận tình khi người dân đến làm việc', 'Thái độ niềm nở, tôn trọng; hướng dẫn rõ ràng, đầy đủ.'],
  ['GT.02', 'communication', 'Giải thích rõ ràng, dễ hiểu; không hách dịch, cửa quyền', 'Không thờ ơ, vô cảm, gây khó khăn khi giao tiếp với người dân.'],
  ['GT.03', 'communication', 'Xin lỗi khi có sai sót, chậm trễ', 'Chủ động xin lỗi người dân khi để xảy ra sai sót, chậm trễ trong giải quyết công việc.'],
];

const COMPLAINT_TEXTS: Record<(typeof COMPLAINT_KINDS)[number], string[]> = {
  harassment: ['Cán bộ yêu cầu nộp thêm bản sao có chứng thực không có trong danh mục thủ tục', 'Được gợi ý nộp thêm phí dịch vụ để giải quyết nhanh', 'Cán bộ yêu cầu về nhà lấy thêm giấy xác nhận không cần thiết'],
  delay: ['Hồ sơ đã quá hẹn 5 ngày nhưng chưa có kết quả, không được thông báo', 'Phải đi lại 3 lần mới nhận được kết quả', 'Hồ sơ trực tuyến nộp 2 tuần chưa được tiếp nhận'],
  attitude: ['Cán bộ một cửa nói chuyện thiếu tôn trọng, không hướng dẫn', 'Cán bộ sử dụng điện thoại, để người dân chờ lâu', 'Thái độ cáu gắt khi người dân hỏi lại'],
  praise: ['Cán bộ hướng dẫn rất tận tình, nhận kết quả trước hẹn', 'Cảm ơn bộ phận một cửa đã hỗ trợ người cao tuổi', 'Thủ tục nhanh gọn, cán bộ niềm nở'],
  other: ['Đề nghị bố trí thêm ghế chờ tại bộ phận một cửa', 'Đề nghị niêm yết số điện thoại đường dây nóng rõ hơn', 'Bãi gửi xe của trung tâm thu phí không rõ ràng'],
};

/**
 * The rules library (one rule with an older version), a year of planned and surprise inspections
 * with checklists, violations and remediation (some overdue), and citizens' complaints, answered
 * or still open, some upheld and linked to violations.
 */
export async function seedOversight(trx: Tx, org: SeededOrg, rng: Prng, now: Date, volume: number) {
  const calendar = createDefaultWorkingCalendar();
  const rules: Insertable<RulesTable>[] = [];
  for (const [code, category, title, body] of RULES) {
    if (code === 'QTUX.02') {
      rules.push({ id: rng.uuid(), code, version: 1, category, title: 'Có mặt tại vị trí làm việc đúng giờ', body: 'Bảo đảm thời gian làm việc theo quy định.', effective_from: '2024-01-01', superseded_at: new Date('2026-01-01T00:00:00+07:00'), created_at: now, created_by: 'seed' });
      rules.push({ id: rng.uuid(), code, version: 2, category, title, body, effective_from: '2026-01-01', superseded_at: null, created_at: now, created_by: 'seed' });
    } else rules.push({ id: rng.uuid(), code, version: 1, category, title, body, effective_from: '2025-07-01', superseded_at: null, created_at: now, created_by: 'seed' });
  }
  await trx.insertInto('rules').values(rules).execute();
  const current = rules.filter((r) => r.superseded_at === null);
  const rule = (code: string) => current.find((r) => r.code === code)!.id;

  const root = org.units.get(org.rootCode)!;
  const targets = [...org.units.values()].filter((u) => u.parentId === root.id && u.code !== 'TTT');
  const inspectorate = org.units.get('TTT')!;
  const inspectors = [...org.units.values()].filter((u) => u.path.startsWith(inspectorate.path)).flatMap((u) => [u.headOfficialId, ...u.staffOfficialIds]).filter((x): x is string => !!x);
  const lead = org.units.get('TTT.2')!.staffOfficialIds[0]!;
  const planId = rng.uuid();
  const year = Number(vnDateOf(now).slice(0, 4));
  await trx.insertInto('inspection_plans').values({ id: planId, year, kind: 'annual', title: `Kế hoạch kiểm tra công vụ năm ${year}`, unit_id: inspectorate.id, created_at: vnInstant(`${year}-01-05` as never, 9 * 60), created_by: 'seed' }).execute();
  const poor = new Set(['X.DABAC', 'X.YENLAP', 'SXD']);

  const inspections: Insertable<InspectionsTable>[] = [];
  const answers: Insertable<InspectionAnswersTable>[] = [];
  const violations: Insertable<ViolationsTable>[] = [];
  const remediations: Insertable<RemediationsTable>[] = [];
  const count = Math.max(8, Math.round(120 * volume));
  for (let n = 0; n < count; n++) {
    const surprise = n % 3 === 0;
    const day = calendar.nextWorkingDay(addDays(vnDateOf(now), rng.int(-330, 30)));
    const scheduledAt = vnInstant(day, rng.int(8 * 60, 14 * 60));
    const targetUnits = poor.size && n < 3 ? [org.units.get([...poor][n]!)!] : rng.chance(0.7) ? [rng.pick(targets)] : [rng.pick(targets), rng.pick(targets)].filter((u, i, a) => a.indexOf(u) === i);
    const checklist = ['QTUX.01', 'QTUX.02', 'QTUX.04', '3K.01', '3K.02', '3K.03', 'GT.01'].filter(() => rng.chance(0.8)).map((code) => ({ ruleId: rule(code), ruleCode: code, text: current.find((r) => r.code === code)!.title }));
    if (checklist.length === 0) checklist.push({ ruleId: rule('QTUX.02'), ruleCode: 'QTUX.02', text: current.find((r) => r.code === 'QTUX.02')!.title });
    const past = scheduledAt < now && vnDateOf(scheduledAt) < vnDateOf(now);
    const today = vnDateOf(scheduledAt) === vnDateOf(now);
    const id = rng.uuid();
    const team = [rng.pick(inspectors), rng.pick(inspectors)].filter((t, i, a) => t !== lead && a.indexOf(t) === i);
    inspections.push({
      id,
      plan_id: surprise ? null : planId,
      surprise,
      title: `${surprise ? 'Kiểm tra đột xuất' : 'Kiểm tra công vụ'} tại ${targetUnits.map((u) => u.name).join(', ')}`,
      status: past ? 'concluded' : today ? 'in_progress' : 'planned',
      inspecting_unit_path: inspectorate.path,
      lead_official_id: lead,
      team_official_ids: team,
      target_unit_ids: targetUnits.map((u) => u.id),
      target_official_ids: targetUnits.map((u) => u.headOfficialId).filter((x): x is string => !!x),
      checklist: JSON.stringify(checklist),
      scheduled_at: scheduledAt,
      started_at: past || today ? scheduledAt : null,
      signed_off_at: past ? new Date(scheduledAt.getTime() + 5 * 3_600_000) : null,
      concluded_at: past ? vnInstant(calendar.addWorkingDays(vnDateOf(scheduledAt), 3), 10 * 60) : null,
      conclusion: past ? 'Đơn vị cơ bản chấp hành kỷ luật, kỷ cương hành chính; yêu cầu khắc phục ngay các tồn tại đã nêu.' : null,
      created_at: new Date(scheduledAt.getTime() - 7 * 86_400_000),
      updated_at: scheduledAt,
    });
    if (!past) continue;
    for (const unit of targetUnits) {
      checklist.forEach((item, index) => {
        const fail = rng.chance(poor.has(unit.code) ? 0.3 : 0.06);
        answers.push({ inspection_id: id, target_unit_id: unit.id, item_index: index, result: fail ? 'fail' : rng.chance(0.05) ? 'na' : 'pass', note: fail ? 'Tại thời điểm kiểm tra, nội dung này chưa được thực hiện đúng quy định' : null, answered_by: 'seed', answered_at: new Date(scheduledAt.getTime() + (index + 1) * 600_000) });
        if (fail) {
          const vid = rng.uuid();
          const foundAt = new Date(scheduledAt.getTime() + 5 * 3_600_000);
          const staff = unit.staffOfficialIds.length ? rng.pick(unit.staffOfficialIds) : null;
          violations.push({ id: vid, inspection_id: id, complaint_id: null, official_id: rng.chance(0.5) ? staff : null, unit_id: unit.id, unit_path: unit.path, rule_id: item.ruleId, severity: rng.weighted([['minor', 6], ['moderate', 3], ['serious', 1]] as const), description: `Vi phạm: ${item.text}`, found_at: foundAt, status: 'remediating', created_by: 'seed', created_at: foundAt, updated_at: foundAt });
          const dueAt = new Date(foundAt.getTime() + 30 * 86_400_000);
          const done = dueAt < now && rng.chance(0.7);
          remediations.push({ id: rng.uuid(), violation_id: vid, action: 'Chấn chỉnh, kiểm điểm và báo cáo kết quả khắc phục', owner_official_id: unit.headOfficialId ?? staff!, due_at: dueAt, status: done ? 'verified' : 'open', done_at: done ? new Date(dueAt.getTime() - 5 * 86_400_000) : null, done_note: done ? 'Đã tổ chức kiểm điểm, chấn chỉnh' : null, verified_at: done ? new Date(dueAt.getTime() - 2 * 86_400_000) : null, verified_by: done ? 'seed' : null, created_at: foundAt });
          if (done) violations.at(-1)!.status = 'closed';
        }
      });
    }
  }

  const complaints: Insertable<ComplaintsTable>[] = [];
  const dossierCodes = await trx.selectFrom('dossiers').select(['code', 'unit_id', 'unit_path']).orderBy('code').limit(400).execute();
  const byUnit = (u: SeededUnit) => dossierCodes.filter((d) => d.unit_path.startsWith(u.path));
  const complaintCount = Math.max(20, Math.round(640 * volume));
  const codes = new Set<string>();
  for (let n = 0; n < complaintCount; n++) {
    const kind = rng.weighted([['delay', 4], ['attitude', 3], ['harassment', 1], ['praise', 3], ['other', 1]] as const);
    const unit = poor.size && rng.chance(0.25) ? org.units.get(rng.pick([...poor]))! : rng.pick(targets);
    const createdAt = vnInstant(addDays(vnDateOf(now), -rng.int(0, 300)), rng.int(6 * 60, 22 * 60));
    if (createdAt >= now) continue;
    const description = `${rng.pick(COMPLAINT_TEXTS[kind])} (${unit.name}).`;
    const dossier = rng.chance(0.3) ? byUnit(unit)[0] : undefined;
    const responseDueAt = computeDueAt({ receivedAt: createdAt, amount: RESPONSE_WORKING_DAYS[kind], unit: 'working_days', calendar });
    const answered = responseDueAt < now ? rng.chance(poor.has(unit.code) ? 0.75 : 0.95) : rng.chance(0.3);
    const upheld = answered && kind !== 'praise' && kind !== 'other' && rng.chance(0.35);
    let tracking = formatTrackingCode(vnDateOf(createdAt), () => rng.next());
    while (codes.has(tracking)) tracking = formatTrackingCode(vnDateOf(createdAt), () => rng.next());
    codes.add(tracking);
    const id = rng.uuid();
    let violationId: string | null = null;
    const answeredAt = answered ? new Date(Math.min(now.getTime() - 60_000, responseDueAt.getTime() - rng.int(0, 3) * 86_400_000)) : null;
    if (upheld && (kind === 'harassment' || kind === 'attitude' || kind === 'delay')) {
      violationId = rng.uuid();
      const ruleCode = kind === 'harassment' ? '3K.02' : kind === 'attitude' ? 'GT.02' : '3K.01';
      violations.push({ id: violationId, inspection_id: null, complaint_id: null, official_id: null, unit_id: unit.id, unit_path: unit.path, rule_id: rule(ruleCode), severity: kind === 'harassment' ? 'serious' : 'moderate', description: `Phản ánh ${tracking} được xác minh đúng`, found_at: answeredAt!, status: 'open', created_by: 'seed', created_at: answeredAt!, updated_at: answeredAt! });
    }
    const anonymous = rng.chance(0.3);
    complaints.push({
      id,
      tracking_code: tracking,
      token: rng.uuid(),
      kind,
      description,
      unit_id: unit.id,
      unit_path: unit.path,
      official_name: null,
      dossier_code: dossier?.code ?? null,
      anonymous,
      contact_name: anonymous ? null : 'Người dân',
      contact_phone: anonymous ? null : `09${rng.int(10000000, 99999999)}`,
      contact_email: null,
      source: rng.chance(0.15) ? 'open311' : 'web',
      fingerprint: complaintFingerprint({ kind, description: `${description} ${id}`, unitId: unit.id, dossierCode: dossier?.code ?? null }),
      status: answered ? 'answered' : rng.chance(0.5) ? 'assigned' : 'received',
      assigned_official_id: answered || rng.chance(0.5) ? unit.headOfficialId : null,
      response_due_at: responseDueAt,
      answer: answered ? (upheld ? 'Qua xác minh, phản ánh là đúng. Đơn vị đã kiểm điểm cán bộ liên quan và xin lỗi Ông/Bà.' : kind === 'praise' ? 'Cảm ơn Ông/Bà đã ghi nhận; đơn vị sẽ phát huy.' : 'Qua xác minh, hồ sơ được giải quyết đúng quy định; đơn vị đã giải thích để Ông/Bà rõ.') : null,
      answered_at: answeredAt,
      outcome: answered && kind !== 'praise' ? (upheld ? 'upheld' : 'not_upheld') : null,
      violation_id: null,
      created_at: createdAt,
      updated_at: answeredAt ?? createdAt,
    });
    if (violationId) (complaints.at(-1) as { violation_id: string | null }).violation_id = violationId;
    if (violationId) (violations.at(-1) as { complaint_id: string | null }).complaint_id = id;
  }

  for (let i = 0; i < inspections.length; i += 200) await trx.insertInto('inspections').values(inspections.slice(i, i + 200)).execute();
  for (let i = 0; i < answers.length; i += 1000) await trx.insertInto('inspection_answers').values(answers.slice(i, i + 1000)).execute();
  // Complaints and violations refer to each other: insert complaints without the link, then link.
  const links = complaints.filter((c) => c.violation_id).map((c) => ({ id: c.id, violation: c.violation_id! }));
  for (let i = 0; i < complaints.length; i += 500) await trx.insertInto('complaints').values(complaints.slice(i, i + 500).map((c) => ({ ...c, violation_id: null }))).execute();
  for (let i = 0; i < violations.length; i += 500) await trx.insertInto('violations').values(violations.slice(i, i + 500)).execute();
  for (const l of links) await trx.updateTable('complaints').set({ violation_id: l.violation }).where('id', '=', l.id).execute();
  for (let i = 0; i < remediations.length; i += 500) await trx.insertInto('remediations').values(remediations.slice(i, i + 500)).execute();
  return { rules: rules.length, inspections: inspections.length, violations: violations.length, remediations: remediations.length, complaints: complaints.length };
}
