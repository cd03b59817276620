/**
 * The soak's traffic: sets up what the users need through the API (an import key, the counter's
 * procedures, codes citizens know), then runs every virtual user at once until the time is up.
 * Shared by `npm run soak` (bench/soak.ts) and its short form in CI (test/integration/soak.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { vnDateOf } from '../src/domain/calendar/vn-time.ts';
import type { SoakClient } from './soak-client.ts';
import { type SoakWorld, type Tally, citizen, desk, importer, inspector, leader, scraper, unitStaff } from './soak-users.ts';

export interface UserCounts {
  citizens: number;
  desks: number;
  leaders: number;
  unitStaff: number;
  inspectors: number;
  importers: number;
  scrapers: number;
}

export interface TrafficSettings {
  seconds: number;
  users: UserCounts;
  /** Multiplies every think time (1 = the default pace). */
  pace: number;
  importEveryMs: number;
  scrapeEveryMs: number;
}

export interface TrafficResult {
  client: SoakClient;
  tally: Tally;
  /** When the users started (epoch ms) and for how long they ran. */
  startedAt: number;
  seconds: number;
}

/** What the users need, read through the API as an administrator and the counter officer would. */
async function prepare(client: SoakClient): Promise<Omit<SoakWorld, 'client' | 'stopped' | 'pace' | 'toRate' | 'nextCitizenIp' | 'tally' | 'today' | 'lastMonth' | 'year' | 'runId'>> {
  const ip = '10.249.0.1';
  const admin = await client.login('admin', ip);
  const counter = await client.login('motcua', '10.249.0.2');
  if (!admin || !counter) throw new Error('không đăng nhập được tài khoản mẫu');
  const get = async (path: string, session = admin) => (await client.request('chuẩn bị', 'GET', path, { ip: session.ip, session }))?.body;
  const accounts = (await get('/api/v1/accounts'))?.items as { id: string; username: string; officialId: string | null; unit: { id: string } }[] | undefined;
  const byName = (u: string) => accounts?.find((a) => a.username === u);
  const specialist = byName('chuyenvien');
  const unit = await get(`/api/v1/units/${byName('motcua')?.unit.id}`);
  const official = await get(`/api/v1/officials/${specialist?.officialId}`);
  const procedures = ((await get('/api/v1/procedures', counter))?.items ?? []) as { id: string; code: string; active: boolean; processingDays: number }[];
  const usable = procedures.filter((p) => p.active && p.processingDays > 0);
  const token = await client.request('chuẩn bị', 'POST', '/api/v1/api-tokens', { ip, session: admin, body: { name: 'Đồng bộ thử (kiểm thử tải dài)', accountId: byName('admin')?.id }, expect: [201] });
  // Codes citizens already hold: dossiers across the province, as the inspector's list shows them.
  const listed = ((await get('/api/v1/dossiers?limit=200'))?.items ?? []) as { code: string }[];
  if (!unit || !official || !usable.length || !token || !listed.length) throw new Error(`chuẩn bị thất bại: ${client.errors.map((e) => `${e.request} ${e.status} ${e.detail}`).join('; ')}`);
  await client.request('chuẩn bị', 'POST', '/api/v1/auth/logout', { ip, session: admin });
  await client.request('chuẩn bị', 'POST', '/api/v1/auth/logout', { ip: counter.ip, session: counter });
  const lltp = usable.find((p) => p.code === 'TP.LLTP') ?? usable[0]!;
  return {
    codes: listed.map((d) => d.code),
    procedureIds: usable.slice(0, 8).map((p) => p.id),
    procedureCode: lltp.code,
    unitCode: unit.code,
    handlerIdNumber: official.idNumber,
    importToken: token.body.token,
  };
}

export async function runTraffic(client: SoakClient, s: TrafficSettings): Promise<TrafficResult> {
  const shared = await prepare(client);
  const now = new Date();
  const today = vnDateOf(now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const started = Date.now();
  client.startedAt = started;
  const until = started + s.seconds * 1000;
  let citizens = 0;
  const w: SoakWorld = {
    ...shared,
    client,
    stopped: () => Date.now() >= until,
    pace: s.pace,
    toRate: [],
    // Each citizen comes from an address of their own, as the proxy reports it (X-Forwarded-For).
    nextCitizenIp: () => {
      citizens++;
      return `10.${(citizens >> 16) & 255}.${(citizens >> 8) & 255}.${citizens & 255}`;
    },
    tally: { received: 0, returned: 0, supplements: 0, rated: 0, importRounds: 0, scrapes: 0 },
    today,
    lastMonth,
    year: y,
    runId: randomBytes(3).toString('hex'),
  };
  const u = s.users;
  const times = <T>(n: number, f: (i: number) => Promise<T>) => Array.from({ length: n }, (_, i) => f(i));
  await Promise.all([
    ...times(u.citizens, () => citizen(w)),
    ...times(u.desks, (i) => desk(w, i)),
    ...times(u.leaders, (i) => leader(w, i)),
    ...times(u.unitStaff, (i) => unitStaff(w, i)),
    ...times(u.inspectors, (i) => inspector(w, i)),
    ...times(u.importers, () => importer(w, s.importEveryMs)),
    ...times(u.scrapers, () => scraper(w, s.scrapeEveryMs)),
  ]);
  return { client, tally: w.tally, startedAt: started, seconds: (Date.now() - started) / 1000 };
}
