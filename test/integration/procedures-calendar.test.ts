import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, login, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe.each(BACKENDS)('procedure catalogue and working calendar on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  const csv = [
    'Mã thủ tục,Tên thủ tục,Lĩnh vực,Mã đơn vị,Thời hạn giải quyết,Đơn vị thời hạn,"Phí, lệ phí",Thành phần hồ sơ,Giờ chốt tiếp nhận,Mức độ trực tuyến',
    'HT.CMND,Cấp bản sao trích lục kết hôn,Hộ tịch,P.VINHYEN,0,ngày làm việc,8000,Tờ khai,15:00,toàn trình',
    'TP.MOI,Cấp lại Phiếu lý lịch tư pháp,Lý lịch tư pháp,STP,10,ngày làm việc,"200.000",Tờ khai; CCCD (bản sao),,một phần',
    'X,Thiếu đơn vị,Khác,KHONGCO,3,ngày làm việc,0,,,',
    'Y,Thời hạn sai,Khác,STP,mười,ngày làm việc,0,,,',
  ].join('\n');

  it('imports a catalogue CSV, reports bad rows by line, and re-importing changes nothing', async () => {
    const admin = await login(t.app, 'admin');
    const dry = await admin.request('POST', '/api/v1/procedures/import?dryRun=true', csv, { 'content-type': 'text/csv' });
    expect(dry.json()).toMatchObject({ dryRun: true, total: 4, created: 2, updated: 0 });
    expect(dry.json().errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([[4, 'unitCode'], [5, 'amount']]);
    expect((await admin.request('GET', '/api/v1/procedures?q=cap%20lai%20phieu')).json().items).toHaveLength(0);
    const real = await admin.request('POST', '/api/v1/procedures/import', csv, { 'content-type': 'text/csv' });
    expect(real.json()).toMatchObject({ created: 2, updated: 0 });
    const imported = (await admin.request('GET', '/api/v1/procedures?q=cap%20lai%20phieu')).json().items[0];
    expect(imported).toMatchObject({ code: 'TP.MOI', processingDays: 10, feeVnd: 200000, onlineLevel: 'partial' });
    expect(imported.requiredDocuments).toEqual([{ name: 'Tờ khai', originals: 1, copies: 0 }, { name: 'CCCD', originals: 0, copies: 1 }]);
    const again = await admin.request('POST', '/api/v1/procedures/import', csv, { 'content-type': 'text/csv' });
    expect(again.json()).toMatchObject({ created: 0, updated: 0 });
    const head = await login(t.app, 'truongphong');
    expect((await head.request('POST', '/api/v1/procedures/import', csv, { 'content-type': 'text/csv' })).statusCode).toBe(403);
  });

  it('shows the 2026 calendar with 24/11 and the announced swaps, and lets an administrator announce 2027', async () => {
    const admin = await login(t.app, 'admin');
    const y2026 = (await admin.request('GET', '/api/v1/calendar/2026')).json();
    expect(y2026.workingDays).toBe(249);
    expect(y2026.specialDays).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2026-11-24', kind: 'holiday' })]));
    const announcement = { year: 2027, sources: ['Thông báo thử'], extraDaysOff: [{ date: '2027-04-30', name: 'Nghỉ thử' }], swaps: [{ dayOff: '2027-05-03', workDay: '2027-05-08' }] };
    const bad = await admin.request('PUT', '/api/v1/calendar/2027', { year: 2027, swaps: [{ dayOff: 'hôm nay', workDay: '2027-05-08' }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toMatch(/swaps/);
    const saved = await admin.request('PUT', '/api/v1/calendar/2027', announcement);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ source: 'administrator', updatedBy: 'admin' });
    expect(saved.json().specialDays).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2027-05-08', kind: 'make-up-working-day' })]));
    const due = (await admin.request('GET', '/api/v1/calendar/due?received=2027-04-29T10:00:00%2B07:00&days=2')).json();
    // 30/04 (Fri) and 01/05 (Sat) are holidays; 03/05 is swapped off, so 01/05's compensatory day
    // moves to Tue 04/05: Thu 29 → Wed 05 (1), Thu 06 (2).
    expect(due.dueAt).toBe('2027-05-06T17:00:00+07:00');
    const head = await login(t.app, 'truongphong');
    expect((await head.request('PUT', '/api/v1/calendar/2027', announcement)).statusCode).toBe(403);
  });

  it.runIf(backend === 'postgres')('the calendar CLI uses the same calendar as the server', () => {
    const env = { ...process.env, DATABASE_URL: t.database.url };
    const due = spawnSync(process.execPath, [path.join(root, 'bin/congvu.mjs'), 'calendar', 'due', '--received', '2026-11-20T10:00:00+07:00', '--days', '3'], { env, encoding: 'utf8' });
    expect(due.status).toBe(0);
    expect(due.stdout.trim()).toBe('2026-11-26T17:00:00+07:00');
    const count = spawnSync(process.execPath, [path.join(root, 'bin/congvu.mjs'), 'calendar', 'working-days', '--from', '2026-11-23', '--to', '2026-11-27'], { env, encoding: 'utf8' });
    expect(count.stdout.trim()).toBe('4');
    const bad = spawnSync(process.execPath, [path.join(root, 'bin/congvu.mjs'), 'calendar', 'due', '--received', '20/11/2026', '--days', '3'], { env, encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
  });
});
