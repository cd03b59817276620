import type { Insertable } from 'kysely';
import { addDays, createDefaultWorkingCalendar, vnDateOf, vnInstant } from '../../domain/calendar/index.ts';
import { bounceReasons } from '../../domain/tasks/bounce.ts';
import { hardTaskQuota, type PartyRole } from '../../domain/tasks/quotas.ts';
import { type TaskAction, type TaskState, applyTaskAction, isTaskRefusal } from '../../domain/tasks/transitions.ts';
import { foldDiacritics } from '../../domain/text/fold.ts';
import type { CommitmentsTable, TaskEventsTable, TasksTable } from '../db/schema.ts';
import type { Tx } from '../db/transaction.ts';
import type { Prng } from './prng.ts';
import type { SeededOrg, SeededUnit } from './seed-org.ts';

const WORK = [
  ['Rà soát, đơn giản hóa thủ tục hành chính thuộc lĩnh vực', 'Báo cáo rà soát và phương án đơn giản hóa trình UBND tỉnh'],
  ['Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính năm', 'Tỷ lệ hồ sơ được số hóa đạt trên 80%, có báo cáo kiểm tra'],
  ['Xây dựng kế hoạch cải cách hành chính', 'Kế hoạch được ban hành, có phân công "5 rõ"'],
  ['Giải quyết dứt điểm hồ sơ tồn đọng', 'Không còn hồ sơ quá hạn, danh sách đối chiếu'],
  ['Tổng hợp báo cáo kết quả thực hiện Chỉ thị 05-CT/TW', 'Báo cáo gửi Ban Thường vụ đúng hạn'],
  ['Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính', 'Biên bản kiểm tra và kiến nghị xử lý'],
  ['Tuyên truyền Chỉ thị 24 về "5 rõ" đến toàn thể cán bộ', 'Hội nghị quán triệt, danh sách người tham dự'],
  ['Chuẩn bị nội dung tiếp công dân định kỳ của lãnh đạo', 'Tài liệu, danh sách kiến nghị và phương án trả lời'],
  ['Cập nhật dữ liệu cán bộ, công chức lên hệ thống', 'Dữ liệu 100% cán bộ được cập nhật, có xác nhận'],
  ['Xử lý kiến nghị của người dân về thời gian giải quyết hồ sơ', 'Văn bản trả lời người dân và báo cáo nguyên nhân'],
] as const;

const HARD = [
  'Giải phóng mặt bằng dự án trọng điểm đúng tiến độ',
  'Xử lý dứt điểm đơn thư khiếu nại kéo dài',
  'Đưa tỷ lệ hồ sơ trực tuyến toàn trình lên trên 60%',
  'Sắp xếp lại bộ máy, tinh giản đầu mối trực thuộc',
  'Thu hồi nợ đọng thuế, phí của các doanh nghiệp',
];

const FOLLOW = [
  'Giữ thái độ niềm nở, tận tình khi tiếp công dân',
  'Mỗi tháng một sáng kiến nhỏ cải tiến cách làm việc',
  'Tiết kiệm văn phòng phẩm, điện, nước tại cơ quan',
  'Không để hồ sơ trễ hẹn do lỗi của bản thân',
  'Giúp đỡ một hộ gia đình khó khăn trên địa bàn',
];

interface Person {
  id: string;
  unit: SeededUnit;
  partyRole: PartyRole;
  isHead: boolean;
}

/**
 * A year of "5 rõ" tasks, replayed through the task rules: most done on time, some extended, some
 * late, a few bounced between units or pushed up; and the year's commitments with hard tasks
 * linked to tasks, a few officials below quota, and last year's commitments evaluated.
 */
export async function seedTasks(trx: Tx, org: SeededOrg, rng: Prng, now: Date, volume: number) {
  const calendar = createDefaultWorkingCalendar();
  const officials = await trx.selectFrom('officials').select(['id', 'unit_id', 'party_role', 'is_head']).where('active', '=', true).execute();
  const unitById = new Map([...org.units.values()].map((u) => [u.id, u]));
  const people: Person[] = officials.map((o) => ({ id: o.id, unit: unitById.get(o.unit_id)!, partyRole: o.party_role, isHead: o.is_head }));
  const peopleUnder = (u: SeededUnit) => people.filter((p) => p.unit.path.startsWith(u.path));
  const root = org.units.get(org.rootCode)!;
  const provinceLeader = root.headOfficialId!;
  const leaders = [...org.units.values()].filter((u) => u.kind === 'department' || u.kind === 'commune' || (u.kind === 'center' && u.parentId === root.id));

  const tasks: Insertable<TasksTable>[] = [];
  const events: Insertable<TaskEventsTable>[] = [];
  const commitments: Insertable<CommitmentsTable>[] = [];
  const hardTasksByOwner = new Map<string, string[]>();
  const quality = new Map(leaders.map((u) => [u.id, rng.weighted([[0.95, 3], [0.85, 5], [0.65, 2]] as const)]));

  const makeTask = (assigner: { officialId: string; unitPath: string }, owner: Person, accountable: string, start: Date, hard: boolean, pool: Person[]) => {
    const [title, result] = hard ? [rng.pick(HARD), 'Kết quả cụ thể được Ban Thường vụ ghi nhận'] : rng.pick(WORK);
    const dueDay = calendar.addWorkingDays(vnDateOf(start), hard ? rng.int(60, 180) : rng.int(5, 30));
    const due = vnInstant(dueDay, 17 * 60);
    const id = rng.uuid();
    let state: TaskState = { status: 'open', ownerId: owner.id, unitId: owner.unit.id, dueAt: due, originalDueAt: due, progress: 0, submittedAt: null, completedAt: null, pendingExtension: null, extensionCount: 0, transferCount: 0 };
    let unitPath = owner.unit.path;
    const transfers: { fromUnitPath: string; toUnitPath: string }[] = [];
    let seq = 0;
    const push = (at: Date, type: string, data: Record<string, unknown>) =>
      events.push({ task_id: id, seq: ++seq, at, actor_account_id: null, actor: 'seed', type, status: state.status, data: JSON.stringify(data) });
    push(start, 'create', { ownerId: owner.id, dueAt: due.toISOString(), unitPath });
    const act = (at: Date, action: TaskAction, extra: Record<string, unknown> = {}) => {
      if (at >= now) return false;
      const r = applyTaskAction(state, action, at);
      if (isTaskRefusal(r)) return false;
      state = r.next;
      push(at, action.type, { ...r.data, ...extra });
      return true;
    };
    const q = quality.get(leaders.find((l) => owner.unit.path.startsWith(l.path))?.id ?? '') ?? 0.85;
    const span = due.getTime() - start.getTime();
    // "Đẩy việc": sideways to another unit, sometimes back, sometimes up.
    if (!hard && rng.chance(0.06) && pool.length > 1) {
      const other = rng.pick(pool.filter((p) => !p.unit.path.startsWith(owner.unit.path) && !owner.unit.path.startsWith(p.unit.path)));
      if (other) {
        const at = new Date(start.getTime() + span * 0.1);
        if (act(at, { type: 'transfer', toOwnerId: other.id, toUnitId: other.unit.id, reason: 'Không thuộc chức năng của đơn vị' }, { fromUnitPath: unitPath, toUnitPath: other.unit.path })) {
          transfers.push({ fromUnitPath: unitPath, toUnitPath: other.unit.path });
          unitPath = other.unit.path;
          if (rng.chance(0.5) && act(new Date(start.getTime() + span * 0.2), { type: 'transfer', toOwnerId: owner.id, toUnitId: owner.unit.id, reason: 'Trả về đơn vị chủ trì' }, { fromUnitPath: unitPath, toUnitPath: owner.unit.path })) {
            transfers.push({ fromUnitPath: unitPath, toUnitPath: owner.unit.path });
            unitPath = owner.unit.path;
          }
        }
      }
    }
    act(new Date(start.getTime() + span * 0.3), { type: 'report_progress', percent: rng.int(20, 50), note: 'Đã triển khai, đang thu thập số liệu' });
    const roll = rng.next();
    let submitAt: Date;
    if (roll < q) submitAt = new Date(start.getTime() + span * (0.6 + rng.next() * 0.38));
    else if (roll < q + (1 - q) / 2) {
      const newDue = vnInstant(calendar.addWorkingDays(dueDay, rng.int(3, 10)), 17 * 60);
      const askAt = new Date(start.getTime() + span * 0.8);
      act(askAt, { type: 'request_extension', newDueAt: newDue, reason: 'Chờ ý kiến của cơ quan phối hợp' });
      act(new Date(askAt.getTime() + 3_600_000 * rng.int(2, 30)), { type: 'decide_extension', approve: true, reason: 'Đồng ý gia hạn' });
      submitAt = new Date(due.getTime() + (newDue.getTime() - due.getTime()) * rng.next() * 0.9);
    } else submitAt = vnInstant(calendar.addWorkingDays(dueDay, rng.int(1, 8)), rng.int(8, 16) * 60);
    if (act(submitAt, { type: 'submit', note: 'Đã hoàn thành, gửi kèm báo cáo' })) {
      if (rng.chance(0.08)) {
        const back = new Date(submitAt.getTime() + 86_400_000);
        if (act(back, { type: 'send_back', reason: 'Báo cáo còn thiếu số liệu, đề nghị bổ sung' })) act(new Date(back.getTime() + 2 * 86_400_000), { type: 'submit', note: 'Đã bổ sung số liệu' });
      }
      act(new Date((state.submittedAt ?? submitAt).getTime() + 3_600_000 * rng.int(2, 48)), { type: 'accept', note: 'Đạt yêu cầu' });
    }
    tasks.push({
      id,
      title: `${title}${hard ? '' : ` ${rng.pick(['2026', 'quý IV', 'tháng cao điểm', 'trên địa bàn'])}`}`,
      description: `${title}. Thực hiện theo chỉ đạo, đảm bảo "5 rõ": rõ người, rõ việc, rõ tiến độ, rõ kết quả, rõ trách nhiệm.`,
      search_text: foldDiacritics(title),
      expected_result: result,
      source_document: rng.chance(0.6) ? rng.pick(['Chỉ thị 05-CT/TW', 'Kế hoạch 120/KH-UBND', 'Thông báo kết luận 45/TB-UBND']) : null,
      priority: hard ? 'high' : rng.weighted([['normal', 8], ['high', 2], ['urgent', 1]] as const),
      hard,
      unit_id: state.unitId,
      unit_path: unitPath,
      initial_unit_path: owner.unit.path,
      assigner_unit_path: assigner.unitPath,
      owner_id: state.ownerId,
      accountable_id: accountable,
      assigner_official_id: assigner.officialId,
      milestones: JSON.stringify([]),
      status: state.status,
      progress: state.progress,
      due_at: state.dueAt,
      original_due_at: state.originalDueAt,
      submitted_at: state.submittedAt,
      completed_at: state.completedAt,
      pending_extension: state.pendingExtension ? JSON.stringify({ ...state.pendingExtension, newDueAt: state.pendingExtension.newDueAt.toISOString(), requestedAt: state.pendingExtension.requestedAt.toISOString() }) : null,
      extension_count: state.extensionCount,
      transfer_count: state.transferCount,
      bounce_reasons: bounceReasons(owner.unit.path, transfers),
      created_at: start,
      updated_at: start,
    });
    return id;
  };

  const firstDay = addDays(vnDateOf(now), -330);
  const randomStart = () => vnInstant(calendar.nextWorkingDay(addDays(firstDay, rng.int(0, 320))), rng.int(8 * 60, 16 * 60));
  const heads = people.filter((p) => p.isHead && leaders.some((l) => l.id === p.unit.id));
  // The province leader's tasks to heads of departments and communes.
  for (let i = 0; i < Math.round(160 * volume); i++) {
    const owner = rng.pick(heads);
    makeTask({ officialId: provinceLeader, unitPath: root.path }, owner, provinceLeader, randomStart(), false, heads);
  }
  // Each head's tasks to the staff of their unit.
  for (const unit of leaders) {
    const staff = peopleUnder(unit).filter((p) => !p.isHead || p.unit.id !== unit.id);
    if (!unit.headOfficialId || staff.length === 0) continue;
    for (let i = 0; i < Math.round(rng.int(20, 40) * volume); i++) {
      makeTask({ officialId: unit.headOfficialId, unitPath: unit.path }, rng.pick(staff), unit.headOfficialId, randomStart(), false, heads);
    }
  }

  // Commitments of this year and last year.
  const thisYear = Number(vnDateOf(now).slice(0, 4));
  for (const year of [thisYear - 1, thisYear]) {
    const yearStart = vnInstant(`${year}-01-15` as never, 9 * 60);
    for (const p of people) {
      const quota = hardTaskQuota(p);
      if (quota > 0) {
        const count = rng.chance(0.15) ? quota - 1 : quota;
        for (let i = 0; i < count; i++) {
          const superior = p.unit.id === root.id ? provinceLeader : (unitById.get(p.unit.parentId ?? '')?.headOfficialId ?? provinceLeader);
          const linkTask = year === thisYear && rng.chance(0.7);
          const taskId = linkTask ? makeTask({ officialId: superior, unitPath: root.path }, p, superior, yearStart, true, heads) : null;
          if (taskId) hardTasksByOwner.set(p.id, [...(hardTasksByOwner.get(p.id) ?? []), taskId]);
          commitments.push(commitment(rng, year, 'hard_task', p, rng.pick(HARD), taskId, year < thisYear, yearStart));
        }
      }
      if (rng.chance(0.25)) commitments.push(commitment(rng, year, 'follow_uncle_ho', p, rng.pick(FOLLOW), null, year < thisYear, yearStart));
    }
    for (const unit of leaders) {
      commitments.push({
        id: rng.uuid(), year, kind: 'follow_uncle_ho', official_id: null, unit_id: unit.id, unit_path: unit.path,
        title: `Tập thể ${unit.name}: ${rng.pick(['"3 không" trong giải quyết thủ tục hành chính', 'Nói đi đôi với làm, 100% nhiệm vụ đúng hạn', 'Cơ quan văn hóa, thân thiện với Nhân dân'])}`,
        description: '', task_id: null, created_at: yearStart, updated_at: yearStart,
        ...(year < thisYear ? { evaluation: rng.weighted([['done', 7], ['partly', 2], ['not_done', 1]] as const), evaluation_note: 'Đánh giá tại hội nghị tổng kết năm', evaluated_at: vnInstant(`${year}-12-20` as never, 9 * 60), evaluated_by: 'seed' } : {}),
      });
    }
  }

  for (let i = 0; i < tasks.length; i += 500) await trx.insertInto('tasks').values(tasks.slice(i, i + 500)).execute();
  for (let i = 0; i < events.length; i += 1000) await trx.insertInto('task_events').values(events.slice(i, i + 1000)).execute();
  for (let i = 0; i < commitments.length; i += 1000) await trx.insertInto('commitments').values(commitments.slice(i, i + 1000)).execute();
  return { tasks: tasks.length, task_events: events.length, commitments: commitments.length };
}

function commitment(rng: Prng, year: number, kind: 'hard_task' | 'follow_uncle_ho', p: Person, title: string, taskId: string | null, evaluated: boolean, at: Date): Insertable<CommitmentsTable> {
  return {
    id: rng.uuid(),
    year,
    kind,
    official_id: p.id,
    unit_id: p.unit.id,
    unit_path: p.unit.path,
    title,
    description: '',
    task_id: taskId,
    created_at: at,
    updated_at: at,
    ...(evaluated
      ? { evaluation: rng.weighted([['done', 6], ['partly', 3], ['not_done', 1]] as const), evaluation_note: 'Có minh chứng kèm theo', evaluated_at: vnInstant(`${year}-12-20` as never, 9 * 60), evaluated_by: 'seed' }
      : {}),
  };
}
