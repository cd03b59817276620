import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { csrfOf, DESKTOP, login, newPage, PHONE, shot } from './helpers.ts';

/** 'YYYY-MM' in Vietnam, `offset` months from now. */
function vnMonth(offset = 0): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
const label = (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`;

/**
 * A screenshot of an open dialog: a dialog is fixed to the window and does not grow with a
 * full-page screenshot, so the page is held to one tall window while it is taken.
 */
async function dialogShot(page: Page, name: string) {
  await page.setViewportSize({ width: DESKTOP.width, height: 1150 });
  await page.evaluate(() => {
    const root = document.getElementById('root')!;
    root.style.height = '100vh';
    root.style.overflow = 'hidden';
    document.querySelector('.ant-modal-wrap')?.scrollTo(0, 0);
  });
  await shot(page, name);
  await page.evaluate(() => {
    const root = document.getElementById('root')!;
    root.style.height = '';
    root.style.overflow = '';
  });
  await page.setViewportSize(DESKTOP);
}

/** Fills and sends the self-assessment on "Phiếu của tôi" (the card of `month` must be open). */
async function selfAssess(page: Page, baseUrl: string, month: string, general: string, task: string, note: string) {
  await page.goto(`${baseUrl}/danh-gia/phieu-cua-toi?thang=${month}`);
  const card = page.getByTestId('my-card');
  await card.waitFor();
  expect(await card.getAttribute('data-month')).toBe(month);
  await page.getByLabel('Tiêu chí chung (tối đa 30 điểm)').fill(general);
  await page.getByLabel('Kết quả thực hiện nhiệm vụ (tối đa 70 điểm)').fill(task);
  await page.getByLabel('Tự nhận xét').fill(note);
  await page.getByTestId('self-submit').click();
  await page.getByTestId('self-readout').waitFor();
}

describe('monthly scoring: self-assessment, the head’s score against the evidence, flat units', () => {
  let server: RunningServer;
  let browser: Browser;
  // The demo scores last month in Sở Tư pháp (self-assessment open); the months before are closed.
  const openMonth = vnMonth(-1);
  const closedMonth = vnMonth(-2);
  // A month the head opens in the test (a task of the officer's falls due in it).
  const evidenceMonth = vnMonth(1);
  // A month the demo never scored: opened a year late, every step is overdue.
  const lateMonth = vnMonth(-12);
  let officer = { name: '', officialId: '' };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('chuyenvien self-assesses last month’s scorecard next to the evidence and the template’s criteria', async () => {
    const { context, page } = await newPage(browser);
    await login(page, server.url, 'chuyenvien');
    // The menu leads there, to the card still open (last month's).
    await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Phiếu của tôi' }).click();
    const card = page.getByTestId('my-card');
    await card.waitFor();
    expect(await card.getAttribute('data-month')).toBe(openMonth);
    expect(await card.getByTestId('scorecard-status').first().innerText()).toBe('Chờ tự đánh giá');
    expect(await card.getByRole('heading', { level: 2 }).first().innerText()).toContain(`Phiếu chấm điểm tháng ${label(openMonth)}`);
    // The step's deadline: the 3rd of the next month; overdue only once that day is over.
    expect(await card.getByTestId('my-deadline').innerText()).toContain(`Hạn tự đánh giá: 03/${label(vnMonth(0))}`);
    const selfLate = Date.now() >= Date.parse(`${vnMonth(0)}-04T00:00:00+07:00`);
    expect(await card.getByTestId('my-late').count()).toBe(selfLate ? 1 : 0);
    // Sở Tư pháp is scored on the default template: its criteria guide the self-assessment.
    const guide = card.getByTestId('criteria-guide');
    expect(await guide.getByTestId('guide-criterion').count()).toBe(4);
    expect(await guide.innerText()).toContain('Phẩm chất chính trị, đạo đức, lối sống');
    expect(await guide.innerText()).toContain('Kết quả thực hiện nhiệm vụ (70 điểm)');
    await shot(page, 'evaluation-01-my-scorecard');

    // The running total names the level it reaches; 31 is refused before sending.
    await page.getByLabel('Tiêu chí chung (tối đa 30 điểm)').fill('27');
    await page.getByLabel('Kết quả thực hiện nhiệm vụ (tối đa 70 điểm)').fill('61');
    await expect.poll(() => page.getByTestId('self-total').innerText()).toContain('88/100 điểm');
    expect(await page.getByTestId('self-total').innerText()).toContain('Hoàn thành tốt nhiệm vụ');
    await page.getByLabel('Tự nhận xét').fill('Hoàn thành các hồ sơ được giao; còn chậm một báo cáo tháng.');
    await shot(page, 'evaluation-02-self-filled');
    await page.getByTestId('self-submit').click();
    await page.getByTestId('self-readout').waitFor();
    await expect.poll(() => card.getByTestId('scorecard-status').first().innerText()).toBe('Chờ thủ trưởng chấm');
    expect(await page.getByTestId('self-total-readout').innerText()).toContain('88');
    // Peers are anonymous to the person scored.
    expect(await page.getByTestId('my-peer-mean').innerText()).toContain('Ẩn danh');
    await shot(page, 'evaluation-03-self-sent');

    await page.setViewportSize(PHONE);
    await shot(page, 'evaluation-04-my-scorecard-phone');
    await page.setViewportSize(DESKTOP);
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'My scorecard' }).waitFor();
    await shot(page, 'evaluation-05-my-scorecard-en');
    await page.getByText('VI', { exact: true }).click();

    const me = (await (await page.request.get(`${server.url}/api/v1/evaluation/me`)).json()) as { items: { month: string; officialName: string; officialId: string }[] };
    const mine = me.items.find((c) => c.month === openMonth)!;
    officer = { name: mine.officialName, officialId: mine.officialId };
    await context.close();
  });

  it('truongphong opens a month, and a score far from the evidence is refused until a reason is given', async () => {
    const { context, page } = await newPage(browser);
    await login(page, server.url, 'truongphong');
    // Evidence for the month: a "5 rõ" task of the officer's due in it (not done: the evidence scores 30 = general criteria only).
    const head = (await (await page.request.get(`${server.url}/api/v1/me`)).json()) as { officialId: string };
    const task = await page.request.post(`${server.url}/api/v1/tasks`, {
      headers: { 'X-CSRF-Token': await csrfOf(page) },
      data: { title: 'Báo cáo kết quả rà soát thủ tục', description: 'Rà soát, tổng hợp thủ tục hành chính của Sở', ownerId: officer.officialId, accountableId: head.officialId, dueAt: `${evidenceMonth}-15T17:00:00+07:00`, expectedResult: 'Báo cáo rà soát' },
    });
    expect(task.status()).toBe(201);

    await page.goto(`${server.url}/danh-gia/don-vi?thang=${evidenceMonth}`);
    await page.getByTestId('no-cards').waitFor();
    await page.getByTestId('open-month').click();
    await dialogShot(page, 'evaluation-06-unit-open-confirm');
    await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Mở tháng chấm điểm' }).click();
    const row = page.locator(`[data-testid="unit-row"][data-official="${officer.name}"]`);
    await row.waitFor();
    expect(await row.getByTestId('evidence-summary').innerText()).toBe('30\n0 hồ sơ · 0/1 nhiệm vụ');
    // Before the officer has assessed themselves the head cannot score.
    expect(await row.getByTestId('score-button').isDisabled()).toBe(true);
    await shot(page, 'evaluation-07-unit-month-opened');

    const officerPage = await newPage(browser);
    await login(officerPage.page, server.url, 'chuyenvien');
    await selfAssess(officerPage.page, server.url, evidenceMonth, '28', '60', 'Đã tổng hợp xong số liệu, báo cáo đang hoàn thiện.');
    await officerPage.context.close();

    // The head's screen picks up the self-assessment on "Làm mới".
    await page.getByTestId('unit-refresh').click();
    await expect.poll(() => row.getByTestId('scorecard-status').innerText()).toBe('Chờ thủ trưởng chấm');
    await row.getByTestId('score-button').click();
    const modal = page.getByTestId('head-modal');
    await modal.getByTestId('head-form').waitFor();
    expect(await modal.getByTestId('head-evidence').getByTestId('evidence-score').innerText()).toBe('30/100 điểm');
    // The task behind the figure opens from the evidence.
    await modal.getByTestId('evidence-task-list').locator('summary').click();
    expect(await modal.getByTestId('evidence-task-link').first().getAttribute('href')).toMatch(/^\/nhiem-vu\/[0-9a-f-]{36}$/);

    // 88 against evidence of 30, no reason: refused, on the reason field.
    await page.getByLabel('Tiêu chí chung (tối đa 30 điểm)').fill('28');
    await page.getByLabel('Kết quả thực hiện nhiệm vụ (tối đa 70 điểm)').fill('60');
    await expect.poll(() => modal.getByTestId('head-diff').innerText()).toContain('+58');
    await modal.getByTestId('head-submit').click();
    const reasonItem = modal.locator('.ant-form-item').filter({ has: page.locator('#head-reason') });
    await expect.poll(() => reasonItem.locator('.ant-form-item-explain-error').innerText()).toContain('phải ghi rõ lý do');
    expect(await page.locator('#head-reason').evaluate((el) => el === document.activeElement)).toBe(true);
    await dialogShot(page, 'evaluation-08-head-reason-refused');

    await page.getByLabel('Lý do, nhận xét của thủ trưởng').fill('Báo cáo đã hoàn thành ngoài hệ thống ngày 14, chưa cập nhật trạng thái nhiệm vụ.');
    await modal.getByTestId('head-submit').click();
    await modal.waitFor({ state: 'detached' });
    await expect.poll(() => row.getByTestId('head-cell').innerText()).toContain('88');
    expect(await row.getByTestId('head-cell').innerText()).toContain('+58');
    await shot(page, 'evaluation-09-head-scored');

    // Closing the month closes the scored card and reports the others still open.
    await page.getByTestId('close-month').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Chốt điểm tháng' }).click();
    const result = page.getByTestId('close-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('Đã chốt 1 phiếu');
    expect(await result.innerText()).toMatch(/Còn chưa xong: \d+ phiếu chờ tự đánh giá/);
    await expect.poll(() => row.getByTestId('scorecard-status').innerText()).toBe('Đã chốt');
    await page.getByTestId('spread-chart').waitFor();
    await shot(page, 'evaluation-10-month-closed');

    // A month closed by the seed: the unit's spread over the 50/70/90 thresholds.
    await page.goto(`${server.url}/danh-gia/don-vi?thang=${closedMonth}`);
    const chart = page.getByTestId('spread-chart');
    await chart.waitFor();
    expect(await chart.locator('svg[role="img"] > title').textContent()).toContain(`Phân bố điểm tháng ${label(closedMonth)}`);
    expect(await chart.locator('[data-threshold]').count()).toBe(3);
    expect(await chart.getByTestId('spread-dot').count()).toBeGreaterThan(5);
    await shot(page, 'evaluation-11-unit-spread');
    await page.setViewportSize(PHONE);
    await shot(page, 'evaluation-12-unit-spread-phone');
    await context.close();
  });

  it('a month opened late shows every step overdue: the head’s deadlines and counts, the officer’s card, the peers’ inbox', async () => {
    const { context, page } = await newPage(browser);
    await login(page, server.url, 'truongphong');
    await page.goto(`${server.url}/danh-gia/don-vi?thang=${lateMonth}`);
    await page.getByTestId('no-cards').waitFor();
    await page.getByTestId('open-month').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Mở tháng chấm điểm' }).click();
    const deadlines = page.getByTestId('unit-deadlines');
    await deadlines.waitFor();
    const next = vnMonth(-11);
    expect(await deadlines.getByTestId('late-self').innerText()).toContain(`Hạn tự đánh giá: 03/${label(next)}`);
    expect(await deadlines.getByTestId('late-peer').innerText()).toContain(`Hạn đánh giá chéo: 05/${label(next)}`);
    expect(await deadlines.getByTestId('late-head').innerText()).toContain(`Hạn thủ trưởng chấm: 08/${label(next)}`);
    // Every card waits for its owner past the 3rd; every peer score is missing past the 5th.
    const rows = page.getByTestId('unit-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    const cards = await rows.count();
    expect(Number(await deadlines.getByTestId('late-self').getAttribute('data-count'))).toBe(cards);
    expect(Number(await deadlines.getByTestId('late-peer').getAttribute('data-count'))).toBeGreaterThan(0);
    expect(await page.getByTestId('unit-table').getByTestId('late-tag').count()).toBe(cards);
    expect(await page.getByTestId('unit-table').locator('thead').innerText()).toContain('Chờ đánh giá chéo');
    expect(await page.getByTestId('unit-table').getByTestId('peers-pending').count()).toBeGreaterThan(0);
    await shot(page, 'evaluation-21-unit-late');
    await page.setViewportSize(PHONE);
    await shot(page, 'evaluation-22-unit-late-phone');
    await context.close();

    const officer = await newPage(browser);
    await login(officer.page, server.url, 'chuyenvien');
    await officer.page.goto(`${server.url}/danh-gia/phieu-cua-toi?thang=${lateMonth}`);
    const card = officer.page.getByTestId('my-card');
    await card.waitFor();
    expect(await card.getAttribute('data-month')).toBe(lateMonth);
    expect(await card.getByTestId('my-late').innerText()).toBe('Quá hạn');
    expect(await card.getByTestId('my-deadline').innerText()).toContain(`Hạn tự đánh giá: 03/${label(next)}`);
    await shot(officer.page, 'evaluation-23-my-card-late');

    // The inbox: each month with the peers' deadline; overdue cards tagged (who reviews whom is drawn at random).
    await officer.page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Đánh giá chéo' }).click();
    const open = officer.page.locator(`[data-testid="peer-month"][data-month="${openMonth}"]`);
    await open.waitFor();
    expect(await open.getByTestId('peer-deadline').innerText()).toContain(`Hạn đánh giá chéo: 05/${label(vnMonth(0))}`);
    const inbox = (await (await officer.page.request.get(`${server.url}/api/v1/evaluation/peer-inbox`)).json()) as { items: { month: string; late: boolean }[] };
    expect(await officer.page.getByTestId('peer-card').getByTestId('late-tag').count()).toBe(inbox.items.filter((i) => i.late).length);
    const lateSection = officer.page.locator(`[data-testid="peer-month"][data-month="${lateMonth}"]`);
    if (await lateSection.count()) {
      expect(await lateSection.getByTestId('peer-deadline').innerText()).toContain(`Hạn đánh giá chéo: 05/${label(next)}`);
      expect(await lateSection.getByTestId('peer-deadline').getByTestId('late-tag').count()).toBe(1);
    }
    await shot(officer.page, 'evaluation-24-peer-inbox-deadlines');
    await officer.context.close();
  });

  it('lanhdao issues a new version of the "Trung tâm" template after the sums are refused; a head only reads it', async () => {
    const { context, page } = await newPage(browser);
    await login(page, server.url, 'lanhdao');
    await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Mẫu chấm điểm' }).click();
    const inForce = page.getByTestId('tpl-in-force');
    await inForce.waitFor();
    expect(await inForce.getAttribute('data-kind')).toBe('default');
    expect(await page.getByRole('tab', { name: 'Mặc định (mọi loại đơn vị)' }).getAttribute('aria-selected')).toBe('true');
    await shot(page, 'evaluation-25-templates-default');

    // The centres' own template (seeded): version 1, an upheld complaint costs 5, margin 8.
    await page.getByRole('tab', { name: 'Trung tâm' }).click();
    await expect.poll(() => inForce.getAttribute('data-kind')).toBe('center');
    expect(await inForce.getAttribute('data-version')).toBe('1');
    expect(await page.getByTestId('tpl-margin-value').innerText()).toContain('8 điểm');
    await page.getByTestId('tpl-new-version').click();
    const editor = page.getByTestId('template-editor');
    await editor.waitFor();
    const rows = editor.getByTestId('tpl-criterion');
    expect(await rows.count()).toBe(5);
    await expect.poll(() => editor.getByTestId('tpl-sum-general').innerText()).toContain('30/30');
    // G2 from 12 to 10 and G3's code made a duplicate of G1's: the live sum turns red, the server refuses both.
    await page.getByLabel('Điểm tối đa của tiêu chí 2').fill('10');
    await expect.poll(() => editor.getByTestId('tpl-sum-general').getAttribute('data-ok')).toBe('false');
    expect(await editor.getByTestId('tpl-sum-general').innerText()).toContain('Tiêu chí chung: 28/30');
    await page.getByLabel('Mã tiêu chí 3').fill('G1');
    await page.getByTestId('tpl-submit').click();
    const listErrors = editor.getByTestId('tpl-criteria-errors');
    await listErrors.waitFor();
    expect(await listErrors.innerText()).toContain('Tổng điểm tối đa các tiêu chí chung phải bằng 30 (hiện 28)');
    const codeItem = rows.nth(2).locator('.ant-form-item').first();
    await expect.poll(() => codeItem.locator('.ant-form-item-explain-error').innerText()).toContain('Mã tiêu chí "G1" bị trùng');
    await shot(page, 'evaluation-26-template-refused');

    // Fixed: G3 back, 10 + 10 + 10; a new task criterion T3 taken out of T2; a tighter margin.
    await page.getByLabel('Mã tiêu chí 3').fill('G3');
    await page.getByLabel('Điểm tối đa của tiêu chí 3').fill('10');
    await page.getByLabel('Điểm tối đa của tiêu chí 5').fill('10');
    await page.getByTestId('tpl-add').click();
    await page.getByLabel('Mã tiêu chí 6').fill('T3');
    await page.getByLabel('Nội dung tiêu chí 6').fill('Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính');
    await page.getByLabel('Điểm tối đa của tiêu chí 6').fill('10');
    await page.getByLabel('Ngưỡng chênh lệch phải ghi lý do').fill('6');
    await expect.poll(() => editor.getByTestId('tpl-sum-general').getAttribute('data-ok')).toBe('true');
    expect(await editor.getByTestId('tpl-sum-task').innerText()).toContain('70/70');
    await shot(page, 'evaluation-27-template-fixed');
    await page.getByTestId('tpl-submit').click();
    await editor.waitFor({ state: 'detached' });
    await expect.poll(() => inForce.getAttribute('data-version')).toBe('2');
    expect(await page.getByTestId('tpl-margin-value').innerText()).toContain('6 điểm');
    expect(await inForce.getByTestId('tpl-criteria-table').innerText()).toContain('Số hóa hồ sơ');
    expect(await page.getByTestId('tpl-history').locator('tbody tr.ant-table-row').count()).toBe(2);
    await shot(page, 'evaluation-28-template-v2');
    await context.close();

    // A head reads the template in force for the kinds, without the editor.
    const head = await newPage(browser);
    await login(head.page, server.url, 'truongphong');
    await head.page.goto(`${server.url}/danh-gia/mau-cham-diem?loai=center`);
    await head.page.getByTestId('tpl-in-force').waitFor();
    expect(await head.page.getByTestId('tpl-in-force').getAttribute('data-version')).toBe('2');
    expect(await head.page.getByTestId('tpl-new-version').count()).toBe(0);
    await head.page.setViewportSize(PHONE);
    await shot(head.page, 'evaluation-29-templates-head-phone');
    await head.context.close();
  });

  it('lanhdao sees the "cào bằng" units of Xã Yên Lập and the peers inflating each other', async () => {
    const { context, page } = await newPage(browser);
    await login(page, server.url, 'lanhdao');
    await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Cào bằng' }).click();
    const table = page.getByTestId('flat-units-table');
    await table.waitFor();
    const codes = await table.getByTestId('flat-unit-code').allInnerTexts();
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(code.trim()).toMatch(/^X\.YENLAP/);
    expect(await page.getByTestId('mutual-pairs').locator('tbody tr').count()).toBeGreaterThan(0);
    await shot(page, 'evaluation-13-flat-units');

    // A flagged unit opens on its scoring screen with the warning and the single tall stack.
    await table.getByTestId('flat-unit-link').first().click();
    await page.getByTestId('flat-warning').waitFor();
    expect(await page.getByTestId('flat-warning').innerText()).toContain('Điểm gần như bằng nhau');
    await page.getByTestId('spread-chart').waitFor();
    await shot(page, 'evaluation-14-flat-unit-spread');

    await page.setViewportSize(PHONE);
    await page.getByTestId('back-to-flat').click();
    await page.getByTestId('flat-units-table').waitFor();
    await shot(page, 'evaluation-15-flat-units-phone');
    await context.close();
  });

  it('lanhdao proposes the year’s classification; departing from a proposal needs a reason', async () => {
    const { context, page } = await newPage(browser);
    await login(page, server.url, 'lanhdao');
    const year = Number(vnMonth(-1).slice(0, 4));
    await page.goto(`${server.url}/danh-gia/xep-loai?nam=${year}`);
    await page.getByTestId('propose-classifications').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Lập đề xuất xếp loại' }).click();
    await page.getByTestId('class-table').waitFor({ timeout: 30_000 });
    const good = Number(await page.getByTestId('level-count-good').locator('strong').innerText());
    expect(good).toBeGreaterThan(0);
    // Units are rated before their people: their section comes first.
    const unitsSection = page.getByTestId('unit-classes');
    expect(await unitsSection.evaluate((el) => Boolean(el.compareDocumentPosition(document.querySelector('[data-testid="level-counts"]')!) & Node.DOCUMENT_POSITION_FOLLOWING))).toBe(true);
    // The "thay thế, điều chuyển" list says why for each person.
    const review = page.getByTestId('to-review');
    if (await review.count()) {
      for (const text of await review.locator('.ev-review-list > li').allInnerTexts()) expect(text).toMatch(/Không hoàn thành nhiệm vụ|Đứng cuối đơn vị, thấp hơn trung vị từ 8 điểm, \d+ tháng \(\d{2}\/\d{4}/);
    }
    await shot(page, 'evaluation-16-classification');

    // The council decides on a unit with the same dialog: departing from the proposal needs a reason.
    await unitsSection.getByTestId('unit-class-search').fill('Vinh Yen');
    const unitRow = unitsSection.getByTestId('unit-class-row').first();
    await unitRow.waitFor();
    const unitProposed = await unitRow.getByTestId('unit-proposed-level').getAttribute('data-level');
    await unitRow.getByTestId('unit-decide-button').click();
    const unitForm = page.getByTestId('decision-form');
    await unitForm.waitFor();
    await unitForm.getByRole('radio', { name: unitProposed === 'good' ? 'Hoàn thành nhiệm vụ' : 'Hoàn thành tốt nhiệm vụ', exact: true }).check();
    await page.getByTestId('decision-submit').click();
    await page.getByText('Quyết định khác đề xuất phải ghi rõ lý do.').waitFor();
    await dialogShot(page, 'evaluation-16b-unit-decision-needs-reason');
    await page.getByLabel('Lý do quyết định').fill('Hội đồng xét kết quả kiểm tra công vụ và phản ánh của người dân trong năm.');
    await page.getByTestId('decision-submit').click();
    await unitForm.waitFor({ state: 'detached' });
    // The list is recomputed for the whole province after the decision (over a second on PGlite).
    await expect.poll(() => unitRow.getByTestId('unit-decided-level').count(), { timeout: 20_000 }).toBe(1);
    await unitsSection.getByTestId('unit-class-search').fill('');
    await shot(page, 'evaluation-16c-unit-decided');

    const first = page.getByTestId('class-table').locator('tbody tr').first();
    const proposed = await first.getByTestId('proposed-level').getAttribute('data-level');
    await first.getByTestId('decide-button').click();
    const form = page.getByTestId('decision-form');
    await form.waitFor();
    await form.getByRole('radio', { name: proposed === 'complete' ? 'Hoàn thành tốt nhiệm vụ' : 'Hoàn thành nhiệm vụ', exact: true }).check();
    await page.getByTestId('decision-submit').click();
    await page.getByText('Quyết định khác đề xuất phải ghi rõ lý do.').waitFor();
    await dialogShot(page, 'evaluation-17-decision-needs-reason');
    await page.getByLabel('Lý do quyết định').fill('Hội đồng xét thêm kết quả kiểm tra công vụ quý IV.');
    await page.getByTestId('decision-submit').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => first.getByTestId('decided-level').count(), { timeout: 20_000 }).toBe(1);
    await shot(page, 'evaluation-18-decided');

    await page.goto(`${server.url}/danh-gia/khen-thuong-ky-luat?nam=${year}`);
    await page.getByTestId('commend-propose').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Lập đề nghị từ minh chứng' }).click();
    await expect.poll(async () => (await page.getByTestId('commend-table').count()) + (await page.getByTestId('commend-none').count())).toBe(1);
    await shot(page, 'evaluation-19-commendations');
    await page.getByTestId('tab-discipline').click();
    await page.getByTestId('discipline-add').click();
    await page.getByTestId('discipline-form').waitFor();
    await page.getByTestId('discipline-submit').click();
    await page.getByTestId('discipline-form').locator('.ant-form-item-explain-error').first().waitFor();
    await dialogShot(page, 'evaluation-20-discipline-form');
    await context.close();
  });
});
