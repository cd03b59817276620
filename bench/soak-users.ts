/**
 * The soak's virtual users: what each kind of person does, in a loop, until the run ends. Every
 * client address stays under the limits the server sets for it (a citizen looks up a few codes
 * and leaves; staff log in once), so the only 429s are the scraper's, which the scenario expects.
 */
import type { Session, SoakClient } from './soak-client.ts';

export const KIND = {
  login: 'đăng nhập',
  lookup: 'tra cứu hồ sơ công khai',
  lookupMiss: 'tra cứu sai mã (404 dự kiến)',
  rate: 'đánh giá hài lòng',
  portal: 'cổng số liệu công khai',
  receive: 'tiếp nhận hồ sơ',
  slip: 'in giấy tiếp nhận (PDF)',
  act: 'chuyển, trình, duyệt, trả kết quả',
  supplement: 'yêu cầu bổ sung (lần 2: 409 dự kiến)',
  desk: 'hàng đợi, chi tiết hồ sơ',
  dashboard: 'bảng điều hành, xếp hạng',
  report: 'báo cáo tháng XLSX/PDF',
  unit: 'số liệu đơn vị, của tôi',
  inspect: 'thanh tra đọc',
  import: 'nhập hồ sơ qua API',
  scrape: 'tra cứu dồn dập (429 dự kiến)',
} as const;

export interface Tally {
  received: number;
  returned: number;
  supplements: number;
  rated: number;
  importRounds: number;
  scrapes: number;
}

/** What the users share: the codes citizens know, the dossiers waiting for their citizen's rating. */
export interface SoakWorld {
  client: SoakClient;
  stopped(): boolean;
  /** Multiplies every think time (1 = the default pace). */
  pace: number;
  codes: string[];
  toRate: { code: string; phoneLast4: string }[];
  nextCitizenIp(): string;
  tally: Tally;
  procedureIds: string[];
  /** For the import: the counter's unit code and the specialist who handles imported dossiers. */
  unitCode: string;
  procedureCode: string;
  handlerIdNumber: string;
  importToken: string;
  today: string;
  lastMonth: string;
  year: number;
  runId: string;
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const chance = (p: number) => Math.random() < p;
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** Waits a think time (scaled by the pace), cut short when the run ends. */
function pause(w: SoakWorld, minMs: number, maxMs: number): Promise<void> {
  return wait(w, (minMs + Math.random() * (maxMs - minMs)) * w.pace);
}

/** Waits `ms` (a period, not scaled by the pace), cut short when the run ends. */
function wait(w: SoakWorld, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const end = Date.now() + ms;
    const tick = () => (w.stopped() || Date.now() >= end ? resolve() : setTimeout(tick, Math.min(250, end - Date.now())));
    tick();
  });
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Thu', 'Minh', 'Ngọc', 'Quang', 'Thanh'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Giang', 'Hà', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Phương', 'Sơn', 'Trang', 'Tuấn', 'Yến'];

/** A citizen of the province: a well-formed identity number (Phú Thọ, born 1960–1999) and phone. */
function makeApplicant() {
  return {
    fullName: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
    idNumber: `025${pick(['0', '1'])}${60 + Math.floor(Math.random() * 40)}${digits(6)}`,
    phone: `09${digits(8)}`,
    address: 'Phường Việt Trì, tỉnh Phú Thọ',
  };
}

export function rememberCode(w: SoakWorld, code: string) {
  if (w.codes.length >= 5000) w.codes.splice(0, 1);
  w.codes.push(code);
}

async function act(w: SoakWorld, s: Session, id: string, action: Record<string, unknown>) {
  return w.client.request(KIND.act, 'POST', `/api/v1/dossiers/${id}/actions`, { ip: s.ip, session: s, body: action });
}

/**
 * A one-stop desk: the counter officer receives a dossier and assigns it, asks once for
 * supplements (half the time; a second request is refused, as the law says), the specialist
 * proposes, the head decides, the counter returns the result and the citizen may then rate it.
 */
export async function desk(w: SoakWorld, n: number) {
  const c = w.client;
  const [counter, officer, head] = await Promise.all(['motcua', 'chuyenvien', 'truongphong'].map((u, i) => c.login(u, `10.250.${n}.${i + 1}`)));
  if (!counter || !officer || !head || !officer.officialId) return;
  while (!w.stopped()) {
    await c.request(KIND.desk, 'GET', `/api/v1/dossiers?queue=${pick(['to_return', 'due_soon', 'all'])}&limit=20`, { ip: counter.ip, session: counter });
    const applicant = makeApplicant();
    const body = { procedureId: pick(w.procedureIds), channel: pick(['counter', 'counter', 'online', 'postal']), applicant };
    const created = await c.request(KIND.receive, 'POST', '/api/v1/dossiers', { ip: counter.ip, session: counter, body, expect: [201] });
    if (!created) continue;
    const { id, code } = created.body as { id: string; code: string };
    w.tally.received++;
    rememberCode(w, code);
    if (chance(0.5)) await c.request(KIND.slip, 'GET', `/api/v1/dossiers/${id}/forms/receipt`, { ip: counter.ip, session: counter, file: 'pdf' });
    await pause(w, 300, 1200);
    if (!(await act(w, counter, id, { type: 'assign', handlerId: officer.officialId }))) continue;
    if (chance(0.5)) {
      await pause(w, 300, 1000);
      const items = ['Bản sao Căn cước còn hạn', 'Tờ khai có chữ ký của người yêu cầu'];
      if (!(await c.request(KIND.supplement, 'POST', `/api/v1/dossiers/${id}/supplement-request`, { ip: counter.ip, session: counter, body: { items }, expect: [201] }))) continue;
      w.tally.supplements++;
      if (chance(0.4)) {
        const again = await c.request(KIND.supplement, 'POST', `/api/v1/dossiers/${id}/supplement-request`, { ip: officer.ip, session: officer, body: { items: ['Giấy tờ khác'] }, expect: [409] });
        if (again) c.check(KIND.supplement, again.body?.code === 'SUPPLEMENT_ALREADY_REQUESTED', `yêu cầu bổ sung lần 2: mã ${again.body?.code}`);
      }
      await pause(w, 300, 1000);
      if (!(await act(w, counter, id, { type: 'complete_supplement' }))) continue;
    }
    await pause(w, 300, 1200);
    await c.request(KIND.desk, 'GET', '/api/v1/dossiers?queue=mine&limit=20', { ip: officer.ip, session: officer });
    await c.request(KIND.desk, 'GET', `/api/v1/dossiers/${id}`, { ip: officer.ip, session: officer });
    if (!(await act(w, officer, id, { type: 'propose', outcome: 'approved', note: 'Đủ điều kiện giải quyết' }))) continue;
    await pause(w, 300, 1200);
    const decision = chance(0.1) ? { outcome: 'rejected', reasons: ['Không đủ điều kiện theo quy định'] } : { outcome: 'approved' };
    if (!(await act(w, head, id, { type: 'decide', ...decision }))) continue;
    await pause(w, 300, 1200);
    if (!(await act(w, counter, id, { type: 'return_result' }))) continue;
    w.tally.returned++;
    w.toRate.push({ code, phoneLast4: applicant.phone.slice(-4) });
    await pause(w, 500, 1500);
  }
}

/** Citizens, one after another from their own addresses: a few lookups, a rating when their result is back, the portal. */
export async function citizen(w: SoakWorld) {
  const c = w.client;
  while (!w.stopped()) {
    const ip = w.nextCitizenIp();
    const mine = w.toRate.length && chance(0.6) ? w.toRate.shift()! : null;
    if (mine) {
      const path = `/api/v1/public/dossiers/${encodeURIComponent(mine.code)}`;
      const seen = await c.request(KIND.lookup, 'GET', path, { ip });
      if (seen) c.check(KIND.rate, seen.body.canRate === true, `${seen.body.status}: chưa đánh giá được`);
      await pause(w, 800, 2500);
      const level = pick(['very_satisfied', 'very_satisfied', 'satisfied', 'dissatisfied']);
      const rating = { level, phoneLast4: mine.phoneLast4, criteria: { official: level }, ...(level === 'dissatisfied' ? { comment: 'Phải chờ lâu tại quầy' } : {}) };
      if (await c.request(KIND.rate, 'POST', `${path}/rating`, { ip, body: rating, expect: [201] })) w.tally.rated++;
    } else {
      for (let i = 0, n = 1 + Math.floor(Math.random() * 3); i < n && !w.stopped(); i++) {
        const code = pick(w.codes);
        if (chance(0.08)) await c.request(KIND.lookupMiss, 'GET', `/api/v1/public/dossiers/${encodeURIComponent(code.replace(/-\d{6}-/, '-991231-'))}`, { ip, expect: [404] });
        else await c.request(KIND.lookup, 'GET', `/api/v1/public/dossiers/${encodeURIComponent(code)}`, { ip });
        await pause(w, 800, 3000);
      }
    }
    if (chance(0.25)) await c.request(KIND.portal, 'GET', `/api/v1/public/metrics/portal?period=${pick(['month', 'quarter', 'year'])}`, { ip });
    if (chance(0.1)) await c.request(KIND.portal, 'GET', `/api/v1/public/metrics/units?from=${w.year}-01-01&to=${w.today}`, { ip });
    await pause(w, 300, 1500);
  }
}

/** The province's leader: dashboards and rankings, now and then a monthly report. */
export async function leader(w: SoakWorld, n: number) {
  const c = w.client;
  const s = await c.login('lanhdao', `10.251.${n}.1`);
  if (!s) return;
  const get = (kind: string, path: string, file?: 'pdf' | 'xlsx') => c.request(kind, 'GET', path, { ip: s.ip, session: s, ...(file ? { file } : {}) });
  for (let round = 1; !w.stopped(); round++) {
    await get(KIND.dashboard, `/api/v1/metrics/overview?period=${pick(['month', 'quarter'])}`);
    await pause(w, 800, 2500);
    await get(KIND.dashboard, `/api/v1/metrics/overview?period=year&at=${w.year}`);
    await get(KIND.dashboard, '/api/v1/metrics/trend?months=12');
    await pause(w, 800, 2500);
    await get(KIND.dashboard, `/api/v1/metrics/heads?period=${pick(['month', 'quarter', 'year'])}`);
    await get(KIND.dashboard, '/api/v1/metrics/tree?period=month');
    if (round % 6 === 0) await get(KIND.report, `/api/v1/metrics/reports/file?period=month&at=${w.lastMonth}&format=xlsx`, 'xlsx');
    if (round % 20 === 0) await get(KIND.report, `/api/v1/metrics/reports/file?period=month&at=${w.lastMonth}&format=pdf`, 'pdf');
    await pause(w, 1000, 3000);
  }
}

/** A unit head and a specialist of Sở Tư pháp on their own figures and queues. */
export async function unitStaff(w: SoakWorld, n: number) {
  const c = w.client;
  const [head, officer] = await Promise.all([c.login('truongphong', `10.252.${n}.1`), c.login('chuyenvien', `10.252.${n}.2`)]);
  if (!head || !officer) return;
  const get = (s: Session, kind: string, path: string) => c.request(kind, 'GET', path, { ip: s.ip, session: s });
  while (!w.stopped()) {
    await get(head, KIND.unit, `/api/v1/metrics/overview?period=${pick(['month', 'year'])}`);
    await get(head, KIND.unit, `/api/v1/dossiers/figures?from=${w.today.slice(0, 8)}01&to=${w.today}`);
    await pause(w, 800, 2500);
    await get(head, KIND.desk, '/api/v1/dossiers?queue=overdue&limit=50');
    await get(head, KIND.unit, '/api/v1/tasks?view=unit&limit=50');
    await pause(w, 800, 2500);
    await get(officer, KIND.unit, `/api/v1/metrics/me?period=${pick(['month', 'year'])}`);
    await get(officer, KIND.unit, '/api/v1/tasks?view=mine&limit=50');
    await get(officer, KIND.unit, '/api/v1/evaluation/me');
    await pause(w, 1000, 3000);
  }
}

/** The inspector reads across the province; logs out and in again now and then (sessions come and go). */
export async function inspector(w: SoakWorld, n: number) {
  const c = w.client;
  const ip = `10.253.${n}.1`;
  let s = await c.login('thanhtra', ip);
  for (let round = 1; s && !w.stopped(); round++) {
    const session: Session = s;
    const get = (path: string) => c.request(KIND.inspect, 'GET', path, { ip, session });
    await get(`/api/v1/inspections?from=${w.year}-01-01`);
    await get('/api/v1/violations?limit=100');
    await pause(w, 800, 2500);
    await get('/api/v1/complaints?limit=50');
    await get('/api/v1/audit?limit=50');
    await pause(w, 800, 2500);
    const overdue = await get('/api/v1/dossiers?queue=overdue&limit=50');
    const first = overdue?.body.items?.[0];
    if (first) await get(`/api/v1/dossiers/${first.id}`);
    await c.request(KIND.dashboard, 'GET', `/api/v1/metrics/overview?period=year&at=${w.year}`, { ip, session });
    await pause(w, 1000, 3000);
    if (round % 25 === 0) {
      await c.request(KIND.login, 'POST', '/api/v1/auth/logout', { ip, session });
      s = await c.login('thanhtra', ip);
    }
  }
}

/** Three histories opened two hours ago and carried to the returned result, under one source. */
function importBatch(w: SoakWorld, round: number) {
  const base = Date.now() - 2 * 3_600_000;
  const at = (k: number, step: number) => new Date(base + k * 120_000 + step * 15 * 60_000).toISOString();
  const events = [];
  for (let k = 0; k < 3; k++) {
    const ref = `SOAK-${w.runId}-${round}-${k}`;
    const a = makeApplicant();
    events.push(
      { ma_ho_so: ref, su_kien: 'create', thoi_gian: at(k, 0), ma_thu_tuc: w.procedureCode, ma_don_vi: w.unitCode, kenh: 'online', ho_ten: a.fullName, so_dinh_danh: a.idNumber, dien_thoai: a.phone },
      { ma_ho_so: ref, su_kien: 'assign', thoi_gian: at(k, 1), nguoi_xu_ly: w.handlerIdNumber },
      { ma_ho_so: ref, su_kien: 'propose', thoi_gian: at(k, 2), ket_qua: 'approved' },
      { ma_ho_so: ref, su_kien: 'decide', thoi_gian: at(k, 3), ket_qua: 'approved' },
      { ma_ho_so: ref, su_kien: 'return_result', thoi_gian: at(k, 4) },
    );
  }
  return { source: 'soak', events };
}

/**
 * The existing one-stop system syncing through the integration API: a small batch with a new
 * Idempotency-Key, the same request again (a retry after a lost reply: the stored answer), and
 * the previous batch under a new key (a resent file: nothing added).
 */
export async function importer(w: SoakWorld, everyMs: number) {
  const c = w.client;
  const ip = '10.254.0.1';
  const post = (key: string, body: unknown) => c.request(KIND.import, 'POST', '/api/v1/integrations/dossier-events', { ip, bearer: w.importToken, body, headers: { 'idempotency-key': key } });
  let previous: unknown = null;
  for (let round = 1; !w.stopped(); round++) {
    const batch = importBatch(w, round);
    const key = `soak-${w.runId}-${round}`;
    const first = await post(key, batch);
    if (first) {
      const r = first.body;
      c.check(KIND.import, r.dossiersCreated === 3 && r.eventsAdded === 15 && r.errors.length === 0, `lô ${round}: ${JSON.stringify({ ...r, errors: r.errors.slice(0, 3) })}`);
      const retry = await post(key, batch);
      if (retry) c.check(KIND.import, retry.headers.get('idempotent-replayed') === 'true' && JSON.stringify(retry.body) === JSON.stringify(r), `lô ${round} gửi lại cùng khóa: không phải phản hồi đã lưu`);
      w.tally.importRounds++;
    }
    if (previous) {
      const again = await post(`soak-${w.runId}-${round}-resend`, previous);
      const r = again?.body;
      if (r) c.check(KIND.import, r.dossiersCreated === 0 && r.dossiersUpdated === 0 && r.eventsAdded === 0 && r.eventsSkipped === 15, `lô ${round - 1} nhập lại: ${JSON.stringify(r)}`);
    }
    previous = batch;
    await wait(w, everyMs);
  }
}

/** A scraper from one address: 62 lookups in a row; the limit (60 a minute) refuses the last two. */
export async function scraper(w: SoakWorld, everyMs: number) {
  const c = w.client;
  await wait(w, everyMs / 2);
  while (!w.stopped()) {
    const ip = w.nextCitizenIp();
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) {
      const r = await c.request(KIND.scrape, 'GET', `/api/v1/public/dossiers/${encodeURIComponent(pick(w.codes))}`, { ip, expect: [200, 429] });
      if (r) statuses.push(r.status);
    }
    c.check(KIND.scrape, statuses.slice(0, 60).every((s) => s === 200) && statuses.slice(60).join() === '429,429', `trạng thái: ${statuses.join(',')}`);
    w.tally.scrapes++;
    await wait(w, everyMs);
  }
}
