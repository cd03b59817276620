import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { DESKTOP, login, newPage, PHONE, seriousViolations, shot } from './helpers.ts';

const OWNER = 'Nguyễn Thu Anh'; // the official behind the "chuyenvien" account
const TITLE = 'Rà soát thủ tục hành chính lĩnh vực hộ tịch';
const DESCRIPTION = 'Rà soát 15 thủ tục hành chính lĩnh vực hộ tịch, đề xuất phương án cắt giảm thời gian giải quyết.';
const RESULT = 'Báo cáo rà soát kèm phương án đơn giản hóa, trình Giám đốc Sở trước hạn.';
const RESULT_MISSING = 'Rõ kết quả: phải nêu sản phẩm, kết quả kiểm chứng được.';
/** A 1×1 PNG: a photo of the finished report. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2dd4f6b0000000049454e44ae426082', 'hex');

/** dd/MM/yyyy of a day `days` from now, in Vietnam. */
function vnDatePlus(days: number): string {
  // en-GB writes dd/mm/yyyy.
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(Date.now() + days * 86_400_000));
}

async function statusOf(page: Page): Promise<string> {
  return page.getByTestId('task-head').getByTestId('task-status').innerText();
}

/** The error shown under the form field that holds `controlSelector`. */
function fieldError(page: Page, controlSelector: string) {
  return page.locator('.ant-form-item', { has: page.locator(controlSelector) }).locator('.ant-form-item-explain-error');
}

/** Opens an action's dialog, lets `fill` complete it, submits and waits for the dialog to close. */
async function act(page: Page, action: string, fill?: () => Promise<void>, shotName?: string) {
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId(`action-form-${action}`).waitFor();
  await fill?.();
  if (shotName) await shot(page, shotName);
  await page.getByTestId('task-action-confirm').click();
  const form = page.getByTestId(`action-form-${action}`);
  const refusal = page.locator('.ant-modal [role="alert"]');
  await expect.poll(async () => (await form.count()) === 0 || (await refusal.count()) > 0, { timeout: 20_000 }).toBe(true);
  if (await refusal.count()) throw new Error(`${action} refused: ${await refusal.first().innerText()}`);
}

describe('a "5 rõ" task from assignment to acceptance', () => {
  let server: RunningServer;
  let browser: Browser;
  let head: { context: BrowserContext; page: Page };
  let taskUrl = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    head = await newPage(browser);
    await login(head.page, server.url, 'truongphong');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the head of unit sees the board and the on-time figure against the 100% goal', async () => {
    const { page } = head;
    await page.goto(`${server.url}/nhiem-vu`);
    await page.getByTestId('tasks-page').waitFor();
    await page.getByTestId('task-figures-rate').waitFor();
    const figures = await page.getByTestId('task-figures').innerText();
    expect(figures).toContain('Tỷ lệ hoàn thành đúng hạn');
    expect(figures).toContain('Mục tiêu: 100% đúng hạn');
    for (const column of ['Mới giao', 'Đang thực hiện', 'Chờ nghiệm thu', 'Hoàn thành']) {
      expect(await page.getByTestId('task-board').innerText()).toContain(column);
    }
    await expect.poll(() => page.getByTestId('board-col-done').getByTestId('task-card').count()).toBeGreaterThan(0);
    await shot(page, 'tasks-01-board');
  });

  it('refuses a task without "rõ kết quả", on that field, then assigns it once complete', async () => {
    const { page } = head;
    await page.getByTestId('tasks-assign').click();
    await page.getByTestId('assign-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/nhiem-vu/giao-viec');

    // The owner is found without diacritics.
    await page.locator('#ta-owner').click();
    await page.keyboard.type('nguyen thu anh');
    await page.locator('.ant-select-item-option', { hasText: OWNER }).click();
    await page.getByLabel('Tên nhiệm vụ').fill(TITLE);
    await page.getByLabel('Nội dung công việc').fill(DESCRIPTION);
    await page.locator('#ta-due').click();
    await page.locator('#ta-due').fill(vnDatePlus(14));
    await page.keyboard.press('Enter');
    // "Rõ trách nhiệm" defaults to the head himself; "rõ kết quả" is left empty.
    expect(await page.getByTestId('ta-accountable').innerText()).toContain('Hồ Công Hoàng');
    await shot(page, 'tasks-02-assign-filled-without-result');
    await page.getByTestId('assign-submit').click();

    const banner = page.getByTestId('five-clear-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('5 rõ');
    expect(await banner.innerText()).toContain('rõ kết quả');
    await expect.poll(() => fieldError(page, '#ta-result').innerText()).toBe(RESULT_MISSING);
    // Only the missing one is marked.
    expect(await fieldError(page, '#ta-description').count()).toBe(0);
    expect(await page.getByTestId('clear-expectedResult').getAttribute('data-state')).toBe('missing');
    await shot(page, 'tasks-03-assign-refused-five-clear');
    await page.setViewportSize(PHONE);
    await fieldError(page, '#ta-result').scrollIntoViewIfNeeded();
    await shot(page, 'tasks-03-assign-refused-five-clear-phone');
    await page.setViewportSize(DESKTOP);

    await page.getByLabel('Kết quả, sản phẩm cần đạt').fill(RESULT);
    await page.getByTestId('assign-submit').click();
    await page.getByTestId('task-page').waitFor();
    taskUrl = page.url();
    expect(new URL(taskUrl).pathname).toMatch(/^\/nhiem-vu\/[0-9a-f-]{36}$/);
    expect(await statusOf(page)).toBe('Mới giao');
    expect(await page.getByTestId('task-title').innerText()).toBe(TITLE);
    expect(await page.getByTestId('task-owner').innerText()).toBe(OWNER);
    const clear = page.getByTestId('task-clear-list');
    for (const f of ['ownerId', 'description', 'dueAt', 'expectedResult', 'accountableId']) {
      expect(await clear.getByTestId(`clear-${f}`).getAttribute('data-state')).toBe('ok');
    }
    expect(await clear.innerText()).toContain(RESULT);
    // The head judges the result; he does not report progress himself.
    expect(await page.getByTestId('action-report_progress').count()).toBe(0);
    await page.getByTestId('action-cancel').waitFor();
    await shot(page, 'tasks-04-task-assigned');
  });

  it('the officer reports progress with evidence, then reports the task done', async () => {
    const officer = await newPage(browser);
    try {
      const { page } = officer;
      await login(page, server.url, 'chuyenvien');
      // The new task is on the officer's own board, in "Mới giao".
      await page.goto(`${server.url}/nhiem-vu`);
      await page.getByTestId('task-board').waitFor();
      await expect.poll(() => page.getByTestId('board-col-open').innerText()).toContain(TITLE);
      await shot(page, 'tasks-05-officer-board');

      await page.goto(taskUrl);
      await page.getByTestId('task-page').waitFor();
      // An open dialog survives the window crossing the wide breakpoint, which moves the actions
      // card from the side column to above the columns and back: still open, with what was typed.
      await page.getByTestId('action-report_progress').click();
      await page.getByTestId('action-form-report_progress').waitFor();
      await page.locator('#tact-percent').fill('35');
      const cardAboveColumns = async () => {
        const card = await page.getByTestId('task-actions').boundingBox();
        const clear = await page.getByTestId('task-clear').boundingBox();
        return Boolean(card && clear && card.y + card.height <= clear.y);
      };
      await page.setViewportSize({ width: 800, height: DESKTOP.height });
      await expect.poll(cardAboveColumns).toBe(true);
      expect(await page.getByTestId('action-form-report_progress').count()).toBe(1);
      await page.setViewportSize(DESKTOP);
      await expect.poll(cardAboveColumns).toBe(false);
      expect(await page.locator('#tact-percent').inputValue()).toBe('35');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('action-form-report_progress').count()).toBe(0);
      await act(
        page,
        'report_progress',
        async () => {
          await page.locator('#tact-percent').fill('60');
          await page.getByLabel('Nội dung báo cáo').fill('Đã rà soát 9/15 thủ tục, đang tổng hợp số liệu.');
        },
        'tasks-06-report-progress',
      );
      await expect.poll(() => statusOf(page)).toBe('Đang thực hiện');
      expect(await page.getByTestId('task-head').getByTestId('task-progress').getAttribute('aria-valuenow')).toBe('60');
      expect(await page.getByTestId('task-timeline').innerText()).toContain('Đạt 60%');

      await page.getByTestId('task-file-input').setInputFiles({ name: 'bao-cao-ra-soat.png', mimeType: 'image/png', buffer: PNG });
      await page.getByTestId('task-file-upload').click();
      const link = page.getByTestId('task-files').getByRole('link', { name: /bao-cao-ra-soat\.png/ });
      await link.waitFor();
      const file = await page.request.get(`${server.url}${await link.getAttribute('href')}`);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toBe('image/png');
      await shot(page, 'tasks-07-progress-and-evidence');

      await act(page, 'submit', async () => {
        await page.getByLabel('Kết quả đã đạt được').fill('Đã hoàn thành báo cáo rà soát 15 thủ tục, gửi kèm minh chứng.');
      });
      await expect.poll(() => statusOf(page)).toBe('Chờ nghiệm thu');
      expect(await page.getByTestId('action-submit').count()).toBe(0);
      await shot(page, 'tasks-08-submitted');

      await page.setViewportSize(PHONE);
      await shot(page, 'tasks-08-submitted-phone');
      await page.goto(`${server.url}/nhiem-vu?status=submitted`);
      await page.getByTestId('task-list').waitFor();
      await expect.poll(() => page.getByTestId('task-list').innerText()).toContain(TITLE);
      await shot(page, 'tasks-09-officer-list-phone');
    } finally {
      await officer.context.close();
    }
  });

  it('the head accepts: the task is done, and on time', async () => {
    const { page } = head;
    await page.goto(taskUrl);
    await page.getByTestId('task-page').waitFor();
    await act(page, 'accept', async () => {
      await page.getByLabel('Nhận xét (không bắt buộc)').fill('Đạt yêu cầu.');
    });
    await expect.poll(() => statusOf(page)).toBe('Hoàn thành');
    expect(await page.getByTestId('task-head').getByTestId('task-timeliness').innerText()).toBe('Đúng hạn');
    const timeline = await page.getByTestId('task-timeline').innerText();
    for (const step of ['Giao nhiệm vụ', 'Báo cáo tiến độ', 'Đính kèm minh chứng', 'Báo cáo hoàn thành', 'Nghiệm thu, chấp nhận kết quả']) expect(timeline).toContain(step);
    await shot(page, 'tasks-10-accepted');
    await page.setViewportSize(PHONE);
    await shot(page, 'tasks-10-accepted-phone');
    await page.setViewportSize(DESKTOP);
  });

  it('the commitments page lists the year’s commitments and the hard-task quota table', async () => {
    const { page } = head;
    await page.goto(`${server.url}/nhiem-vu/cam-ket`);
    await page.getByTestId('commitments-page').waitFor();
    await expect.poll(() => page.getByTestId('cm-individual').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await shot(page, 'tasks-11-commitments');

    // A head evaluates a commitment of his staff at year end.
    await page.getByTestId('cm-tab-hard').click();
    const evaluate = page.getByTestId('cm-hard').getByTestId('cm-evaluate').first();
    await evaluate.waitFor();
    await evaluate.click();
    await page.getByTestId('cm-evaluate-form').waitFor();
    await page.getByLabel('Hoàn thành một phần').check();
    await page.getByLabel('Nhận xét, minh chứng').fill('Đạt 2/3 chỉ tiêu, còn chậm một hạng mục.');
    await shot(page, 'tasks-12-commitment-evaluate');
    await page.getByTestId('cm-evaluate-submit').click();
    await page.getByTestId('cm-evaluate-form').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('cm-hard').locator('[data-value="partly"]').count()).toBeGreaterThan(0);

    await page.getByTestId('cm-tab-quota').click();
    const table = page.getByTestId('quota-table');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    const text = await table.innerText();
    for (const header of ['Họ và tên', 'Định mức', 'Đã đăng ký', 'Còn thiếu']) expect(text).toContain(header);
    expect(text).toContain('Hồ Công Hoàng');
    await page.getByTestId('quota-summary').waitFor();
    await shot(page, 'tasks-13-quota');
  });

  it('the leader sees the province’s quota shortfalls and the tasks pushed around, in Vietnamese', async () => {
    const leader = await newPage(browser);
    try {
      const { page } = leader;
      await login(page, server.url, 'lanhdao');
      await page.goto(`${server.url}/nhiem-vu/cam-ket?tab=quota`);
      await page.getByTestId('quota-summary').waitFor();
      await expect.poll(() => page.getByTestId('quota-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
      await shot(page, 'tasks-14-leader-quota');

      await page.goto(`${server.url}/nhiem-vu/day-viec`);
      await page.getByTestId('bounced-page').waitFor();
      await expect.poll(() => page.getByTestId('bounced-table').getByTestId('task-bounce').count()).toBeGreaterThan(0);
      const reasons = await page.getByTestId('bounced-table').getByTestId('task-bounce').allInnerTexts();
      for (const r of reasons) expect(['Chuyển qua lại quá nhiều lần', 'Quay lại đơn vị đã chuyển đi', 'Đẩy lên cấp trên']).toContain(r.trim());
      await shot(page, 'tasks-15-leader-bounced');
      await page.setViewportSize(PHONE);
      await page.getByTestId('bounced-list').waitFor();
      await shot(page, 'tasks-15-leader-bounced-phone');
    } finally {
      await leader.context.close();
    }
  });
  it('the task screens have no serious or critical WCAG 2.1 A/AA violations (axe-core)', async () => {
    const { context, page } = await newPage(browser, DESKTOP, { bypassCSP: true });
    try {
      await login(page, server.url, 'truongphong');
      const check = async (name: string) => {
        const violations = await seriousViolations(page);
        expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
      };
      await page.goto(`${server.url}/nhiem-vu`);
      await page.getByTestId('task-figures-rate').waitFor();
      await expect.poll(() => page.getByTestId('board-col-done').getByTestId('task-card').count()).toBeGreaterThan(0);
      await check('board');
      await page.goto(`${server.url}/nhiem-vu/giao-viec`);
      await page.getByTestId('assign-submit').click();
      await page.getByTestId('five-clear-banner').waitFor();
      await check('assign form refused');
      await page.goto(taskUrl);
      await page.getByTestId('task-timeline').waitFor();
      await check('task page');
      await page.goto(`${server.url}/nhiem-vu/cam-ket?tab=quota`);
      await page.getByTestId('quota-summary').waitFor();
      await check('commitments, quota');
      await page.setViewportSize(PHONE);
      await page.goto(`${server.url}/nhiem-vu`);
      await page.getByTestId('task-list').waitFor();
      await expect.poll(() => page.getByTestId('task-card').count()).toBeGreaterThan(0);
      await check('list on a phone');
    } finally {
      await context.close();
    }
  });
});
