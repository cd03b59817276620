/**
 * Each demo role from login to the result of its main job, on a desktop, and every main screen of
 * each role checked on the way: text on screen in NFC, no serious or critical axe-core violation,
 * a screenshot in test-results/screenshots/<role>-<screen>.png. Journeys other browser tests already
 * walk (the counter's supplement, the head's 5-rõ task and scoring, the citizen's rating) are not
 * repeated; their screens are checked there.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginInBrowser, SCREENSHOT_DIR } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { login, newPage, seriousViolations, shot } from './helpers.ts';

const APPLICANT = { fullName: 'Đặng Thị Ngọc Ánh', idNumber: '038190012345', phone: '0915123456' };
const PROCEDURE = 'Cấp Thẻ đấu giá viên';
const CODE = /^000\.00\.\d{2}\.H47-\d{6}-\d{4,}$/;

let server: RunningServer;
let browser: Browser;
/** The dossier the counter receives, the specialist handles and the head approves. */
const received = { id: '', code: '' };

/** A signed-in desktop page for a role (axe needs the CSP bypassed to inject its script). */
async function signedIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const session = await newPage(browser, undefined, { bypassCSP: true });
  await login(session.page, server.url, username);
  return session;
}

/** Jumps running transitions (a dialog fading in, a toast) to their end: the screen is judged as it settles, without waiting. */
async function finishAnimations(page: Page) {
  await page.evaluate(() => {
    for (const animation of document.getAnimations()) {
      try {
        animation.finish();
      } catch {
        // An endless animation (a spinner) cannot finish; axe's wait leaves those alone.
      }
    }
  });
}

/**
 * A main screen of a role: its text in NFC, no serious or critical axe violation, a screenshot
 * (of the window only when a dialog is open: the dialog does not grow with a full-page shot).
 */
async function screen(page: Page, role: string, name: string, { dialog = false } = {}) {
  // Loaded: no spinner or skeleton left (axe would judge a half-drawn page).
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), undefined, { timeout: 15_000 });
  const words = (await page.locator('body').innerText()).split(/\s+/);
  expect(words.filter((w) => w !== w.normalize('NFC')), `${role}-${name}: text not in NFC`).toEqual([]);
  await finishAnimations(page);
  const violations = await seriousViolations(page);
  expect(violations, `${role}-${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  if (dialog) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${role}-${name}.png`) });
  else await shot(page, `${role}-${name}`);
}

function menuLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name, exact: true });
}

async function dossierStatus(page: Page): Promise<string> {
  return page.getByTestId('dossier-head').getByTestId('status-tag').innerText();
}

/** Opens a dossier action's dialog, lets `fill` complete it, submits; fails with the server's refusal. */
async function act(page: Page, action: string, fill?: () => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  const form = page.getByTestId(`action-form-${action}`);
  await form.waitFor();
  await fill?.();
  await page.getByTestId('action-submit').click();
  const refusal = page.locator('.ant-modal [role="alert"]');
  await expect.poll(async () => (await form.count()) === 0 || (await refusal.count()) > 0, { timeout: 30_000 }).toBe(true);
  if (await refusal.count()) throw new Error(`${action} refused: ${await refusal.first().innerText()}`);
}

/** Picks an option of an antd select by typing (without diacritics) and clicking the match. */
async function choose(page: Page, inputSelector: string, typed: string, option: string | RegExp) {
  await page.locator(inputSelector).click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-item-option, .ant-select-tree-title', { hasText: option }).first().click();
}

/** Vietnamese wall-clock year. */
const vnYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()));

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('motcua (counter officer)', () => {
  it('receives a dossier at the desk, prints the receipt, and hands a finished result back', async () => {
    const { context, page } = await signedIn('motcua');
    try {
      await page.getByTestId('home-page').waitFor();
      await screen(page, 'motcua', 'home');
      await menuLink(page, 'Tiếp nhận hồ sơ').click();
      await page.getByTestId('counter-form').waitFor();
      await choose(page, '#cd-procedure', 'the dau gia', PROCEDURE);
      const facts = page.getByTestId('counter-procedure-facts');
      await expect.poll(() => facts.innerText()).toContain('5 ngày làm việc');
      await expect.poll(() => page.getByTestId('counter-document').count()).toBe(2);
      await page.getByLabel('Họ và tên').fill(APPLICANT.fullName);
      await page.getByLabel('Số định danh cá nhân').fill(APPLICANT.idNumber);
      await page.getByLabel('Số điện thoại').fill(APPLICANT.phone);
      await page.getByTestId('counter-submit').click();

      await page.getByTestId('counter-success').waitFor();
      received.code = (await page.getByTestId('counter-code').innerText()).trim();
      expect(received.code).toMatch(CODE);
      expect(await page.getByTestId('counter-success').innerText()).toContain(APPLICANT.fullName);
      await screen(page, 'motcua', 'received');
      const href = await page.getByTestId('counter-print').getAttribute('href');
      const pdf = await page.request.get(`${server.url}${href}`);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      received.id = href!.split('/')[4]!;

      // The desk's "to return" list: a result the head approved waits for the citizen.
      await page.getByTestId('counter-another').click();
      const toReturn = page.getByTestId('counter-to-return').getByTestId('dossier-link').first();
      await toReturn.waitFor();
      const returning = (await toReturn.innerText()).trim();
      await toReturn.click();
      await page.getByTestId('dossier-page').waitFor();
      expect(await page.getByTestId('dossier-code').innerText()).toBe(returning);
      expect(await dossierStatus(page)).toBe('Đã xử lý xong');
      await act(page, 'return_result');
      await expect.poll(() => dossierStatus(page)).toBe('Đã trả kết quả');
      expect(await page.getByTestId('dossier-timeline').innerText()).toContain('Trả kết quả');
      await screen(page, 'motcua', 'returned');
    } finally {
      await context.close();
    }
  });
});

describe('chuyenvien (specialist)', () => {
  it('finds the dossier assigned to them in "Của tôi", proposes the result with a note', async () => {
    const { context, page } = await signedIn('chuyenvien');
    try {
      expect(received.id, 'the counter received a dossier').not.toBe('');
      // The head assigned it (the head's assignment in the browser is dossier-journey's).
      const me = (await (await page.request.get(`${server.url}/api/v1/me`)).json()) as { officialId: string };
      const head = await browser.newContext();
      const signed = await head.request.post(`${server.url}/api/v1/auth/login`, { data: { username: 'truongphong', password: 'congvu-demo' } });
      const { csrfToken } = (await signed.json()) as { csrfToken: string };
      const assigned = await head.request.post(`${server.url}/api/v1/dossiers/${received.id}/actions`, {
        headers: { 'X-CSRF-Token': csrfToken },
        data: { type: 'assign', handlerId: me.officialId },
      });
      expect(assigned.status(), await assigned.text()).toBeLessThan(300);
      await head.close();

      await page.getByTestId('home-page').waitFor();
      await screen(page, 'chuyenvien', 'home');
      await menuLink(page, 'Hàng đợi hồ sơ').click();
      await page.getByTestId('queue-page').waitFor();
      expect(await page.getByTestId('queue-tab-mine').locator('xpath=ancestor::*[@role="tab"]').getAttribute('aria-selected')).toBe('true');
      const mine = page.getByTestId('queue-list').getByTestId('dossier-link').filter({ hasText: received.code });
      await mine.first().waitFor();
      await screen(page, 'chuyenvien', 'queue-mine');
      await mine.first().click();
      await page.getByTestId('dossier-page').waitFor();
      expect(await page.getByTestId('dossier-handler').innerText()).toBe('Nguyễn Thu Anh');
      await act(page, 'propose', async () => {
        await page.locator('#act-note').fill('Hồ sơ đủ điều kiện, đề nghị cấp Thẻ đấu giá viên.');
        await screen(page, 'chuyenvien', 'propose-dialog', { dialog: true });
      });
      await expect.poll(() => page.getByTestId('dossier-timeline').innerText()).toContain('Trình kết quả giải quyết');
      expect(await page.getByTestId('dossier-timeline').innerText()).toContain('đề nghị cấp Thẻ đấu giá viên');
      // Only the head approves.
      expect(await page.getByTestId('action-decide').count()).toBe(0);
      await screen(page, 'chuyenvien', 'proposed');

      // The specialist's own evaluation screens.
      await menuLink(page, 'Phiếu của tôi').click();
      await page.getByTestId('my-card').waitFor();
      await screen(page, 'chuyenvien', 'my-scorecard');
      await menuLink(page, 'Đánh giá chéo').click();
      await page.getByTestId('peer-inbox-page').waitFor();
      await screen(page, 'chuyenvien', 'peer-inbox');
    } finally {
      await context.close();
    }
  });
});

describe('truongphong (unit head)', () => {
  it('finds the proposed dossier by the applicant typed without diacritics and approves it', async () => {
    const { context, page } = await signedIn('truongphong');
    try {
      await page.getByTestId('home-page').waitFor();
      await screen(page, 'truongphong', 'home');
      await menuLink(page, 'Hàng đợi hồ sơ').click();
      await page.getByTestId('queue-tab-all').click();
      await page.getByTestId('queue-search').fill('dang thi ngoc anh');
      const found = page.getByTestId('queue-list').getByTestId('dossier-link');
      await expect.poll(async () => (await found.allInnerTexts()).map((s) => s.trim())).toEqual([received.code]);
      await screen(page, 'truongphong', 'queue-search');
      await found.first().click();
      await page.getByTestId('dossier-page').waitFor();
      expect(await page.getByTestId('dossier-timeline').innerText()).toContain('Trình kết quả giải quyết');
      await act(page, 'decide');
      await expect.poll(() => dossierStatus(page)).toBe('Đã xử lý xong');
      await screen(page, 'truongphong', 'approved');

      // The head's other screens: scoring the unit, the complaints inbox, tasks pushed around.
      await menuLink(page, 'Chấm điểm đơn vị').click();
      await page.getByTestId('unit-scoring-page').waitFor();
      await screen(page, 'truongphong', 'unit-scoring');
      await menuLink(page, 'Hộp thư phản ánh').click();
      await page.getByTestId('complaints-page').waitFor();
      await screen(page, 'truongphong', 'complaints');
      await menuLink(page, 'Đẩy việc').click();
      await page.getByTestId('bounced-page').waitFor();
      await screen(page, 'truongphong', 'bounced');
    } finally {
      await context.close();
    }
  });
});

describe('lanhdao (leader)', () => {
  it('reads the ranking on the dashboard and registers a "việc khó" of the year', async () => {
    const { context, page } = await signedIn('lanhdao');
    try {
      await page.getByTestId('home-page').waitFor();
      await screen(page, 'lanhdao', 'home');
      await menuLink(page, 'Bảng điều hành').click();
      const ranking = page.getByTestId('ranking-table');
      await ranking.getByTestId('rank-unit-link').first().waitFor({ timeout: 30_000 });
      await page.waitForFunction(() => [...document.querySelectorAll('.cv-chart')].every((c) => c.getAttribute('data-drawn') === '1'));
      expect(await ranking.getByTestId('rank-unit-link').count()).toBeGreaterThan(5);
      await screen(page, 'lanhdao', 'dashboard');

      const year = vnYear();
      const quotaOf = async () => {
        const res = await page.request.get(`${server.url}/api/v1/commitments/hard-task-quotas?year=${year}`);
        const me = (await (await page.request.get(`${server.url}/api/v1/me`)).json()) as { officialId: string };
        return ((await res.json()) as { items: { officialId: string; registered: number }[] }).items.find((q) => q.officialId === me.officialId)?.registered ?? 0;
      };
      const before = await quotaOf();
      const TITLE = 'Chỉ đạo số hóa 100% hồ sơ thủ tục hành chính cấp xã trong năm';
      await menuLink(page, 'Cam kết').click();
      await page.getByTestId('commitments-page').waitFor();
      await page.getByTestId('cm-register').click();
      const form = page.getByTestId('cm-register-form');
      await form.waitFor();
      await form.getByRole('radio', { name: 'Việc khó', exact: true }).check();
      await form.getByRole('radio', { name: 'Bản thân tôi' }).check();
      await page.getByLabel('Nội dung cam kết').fill(TITLE);
      await screen(page, 'lanhdao', 'register-hard-task', { dialog: true });
      await page.getByTestId('cm-register-submit').click();
      await form.waitFor({ state: 'detached' });
      await page.getByTestId('cm-tab-hard').click();
      const mine = page.getByTestId('cm-hard').locator('tr, li').filter({ hasText: TITLE });
      await mine.first().waitFor();
      expect(await mine.first().innerText()).toContain('Nguyễn Anh Toản');
      expect(await quotaOf()).toBe(before + 1);
      await screen(page, 'lanhdao', 'hard-tasks');

      // The leader's other screens: the year's classification, the "cào bằng" units, the templates.
      await menuLink(page, 'Xếp loại năm').click();
      await page.getByTestId('propose-classifications').waitFor();
      await screen(page, 'lanhdao', 'classification');
      await menuLink(page, 'Cào bằng').click();
      await page.getByTestId('flat-units-table').waitFor();
      await screen(page, 'lanhdao', 'flat-units');
      await menuLink(page, 'Mẫu chấm điểm').click();
      await page.getByTestId('tpl-in-force').waitFor();
      await screen(page, 'lanhdao', 'templates');
    } finally {
      await context.close();
    }
  });
});

describe('thanhtra (inspector)', () => {
  it('starts a surprise inspection from a suggested target, records a failed item and concludes with a violation', async () => {
    const { context, page } = await signedIn('thanhtra');
    const NOTE = 'Công chức một cửa không đeo thẻ công chức khi tiếp dân';
    try {
      await page.getByTestId('home-page').waitFor();
      await screen(page, 'thanhtra', 'home');
      await menuLink(page, 'Kế hoạch kiểm tra').click();
      const suggestion = page.getByTestId('suggestion').first();
      await suggestion.waitFor();
      await screen(page, 'thanhtra', 'plan');
      const target = (await suggestion.locator('.cv-ov-suggestion-head strong').innerText()).trim();
      await suggestion.getByRole('button', { name: `Tạo cuộc kiểm tra đột xuất tại ${target}` }).click();
      const form = page.getByTestId('inspection-form');
      await form.waitFor();
      // The suggestion fills the drawer: a surprise visit to that unit, named after it.
      expect(await page.getByTestId('insp-surprise').getAttribute('aria-checked')).toBe('true');
      expect(await page.getByTestId('insp-title').inputValue()).toBe(`Kiểm tra đột xuất tại ${target}`);
      await page.locator('.cv-ov-rule-option', { hasText: 'QTUX.01' }).click();
      await expect.poll(() => form.innerText()).toContain('Đã chọn 1 mục');
      await screen(page, 'thanhtra', 'inspection-form', { dialog: true });
      await page.getByTestId('insp-submit').click();

      await page.waitForURL(/\/kiem-tra\/tai-cho\/[0-9a-f-]{36}$/);
      const inspection = page.getByTestId('inspection-page');
      await inspection.waitFor();
      expect(await page.getByTestId('inspection-targets').innerText()).toBe(target);
      await page.getByTestId('insp-start').click();
      await expect.poll(() => inspection.getAttribute('data-status')).toBe('in_progress');
      await page.getByTestId('item-0-fail').click();
      await page.getByTestId('item-0-note').fill(NOTE);
      await page.getByTestId('item-0-save').click();
      await expect.poll(() => page.getByTestId('item-0').getAttribute('data-saved')).toBe('true');
      await screen(page, 'thanhtra', 'inspection');
      await page.getByTestId('insp-sign-off').click();
      await page.locator('.ant-modal-confirm .ant-btn-primary').click();
      await expect.poll(() => inspection.getAttribute('data-status')).toBe('signed_off');
      await page.getByTestId('concl-text').fill(`${target} cần chấn chỉnh ngay việc đeo thẻ công chức khi thi hành công vụ.`);
      expect(await page.getByTestId('concl-violation').count()).toBe(1);
      await page.getByTestId('concl-submit').click();
      await expect.poll(() => inspection.getAttribute('data-status'), { timeout: 20_000 }).toBe('concluded');
      await page.getByTestId('conclusion-card').waitFor();
      await screen(page, 'thanhtra', 'concluded');

      // The violation stands in the register, under the unit inspected, with the rule it broke.
      const id = new URL(page.url()).pathname.split('/').pop();
      const detail = (await (await page.request.get(`${server.url}/api/v1/inspections/${id}`)).json()) as { targets: { id: string }[] };
      await page.goto(`${server.url}/kiem-tra/vi-pham?don-vi=${detail.targets[0]!.id}`);
      const violation = page.getByTestId('violation').filter({ hasText: NOTE });
      await violation.waitFor();
      expect(await violation.innerText()).toContain('QTUX.01');
      await screen(page, 'thanhtra', 'violations');

      await menuLink(page, 'Thư viện quy tắc').click();
      await page.getByTestId('rules-page').getByText('QTUX.01').first().waitFor();
      await screen(page, 'thanhtra', 'rules');
      await menuLink(page, 'Nhật ký kiểm toán').click();
      await page.getByTestId('audit-page').waitFor();
      await page.locator('.ant-table-row').first().waitFor();
      await screen(page, 'thanhtra', 'audit');
    } finally {
      await context.close();
    }
  });
});

describe('xa.truongphong (ward head)', () => {
  it('reads the ward’s figures, is told an apology is too late for an overdue dossier, and approves it', async () => {
    const { context, page } = await signedIn('xa.truongphong');
    try {
      await page.getByTestId('home-page').waitFor();
      await screen(page, 'xa.truongphong', 'home');
      await menuLink(page, 'Số liệu đơn vị').click();
      await page.getByTestId('unit-dashboard').waitFor();
      await page.getByTestId('kpi-received').getByTestId('kpi-value').waitFor();
      await page.waitForFunction(() => [...document.querySelectorAll('.cv-chart')].every((c) => c.getAttribute('data-drawn') === '1'));
      await screen(page, 'xa.truongphong', 'unit-dashboard');

      await menuLink(page, 'Hàng đợi hồ sơ').click();
      await page.getByTestId('queue-tab-overdue').click();
      const overdue = page.getByTestId('queue-list').getByTestId('dossier-link').first();
      await overdue.waitFor();
      await screen(page, 'xa.truongphong', 'queue-overdue');
      await overdue.click();
      await page.getByTestId('dossier-page').waitFor();

      // "3 không": the apology letter must go out a working day before the date promised.
      await page.getByTestId('action-apologize').click();
      await page.getByTestId('action-form-apologize').waitFor();
      await page.locator('#act-reason').fill('Hồ sơ phải xác minh thêm với cơ quan hộ tịch nơi đăng ký trước đây.');
      await page.getByTestId('action-submit').click();
      const refusal = page.getByTestId('rule-refusal');
      await refusal.waitFor();
      expect(await refusal.innerText()).toContain('chậm nhất 01 ngày làm việc trước ngày hẹn trả');
      // Titled with the apology's rule, not the supplement's.
      expect(await refusal.innerText()).toContain('xin lỗi, hẹn lại trước ngày hẹn trả');
      expect(await refusal.innerText()).not.toContain('bổ sung');
      await screen(page, 'xa.truongphong', 'apology-too-late', { dialog: true });
      await page.locator('.ant-modal').getByRole('button', { name: 'Hủy' }).click();
      await page.getByTestId('action-form-apologize').waitFor({ state: 'detached' });

      await act(page, 'decide');
      await expect.poll(() => dossierStatus(page)).toBe('Đã xử lý xong');
      await screen(page, 'xa.truongphong', 'approved-late');
    } finally {
      await context.close();
    }
  });
});

describe('admin', () => {
  it('gives an official an account, the official signs in, then the account is switched off', async () => {
    const { context, page } = await signedIn('admin');
    const PASSWORD = 'Vinh-Yen-2026';
    try {
      await page.getByTestId('home-page').waitFor();
      await screen(page, 'admin', 'home');
      await menuLink(page, 'Tài khoản').click();
      await page.getByTestId('accounts-table').locator('.ant-table-row').first().waitFor();
      await screen(page, 'admin', 'accounts');
      await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
      const form = page.getByTestId('account-form');
      await form.waitFor();
      await page.getByLabel('Tên đăng nhập').fill('dang.hai.loan');
      await page.getByLabel('Họ và tên hiển thị').fill('Đặng Hải Loan');
      await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
      await choose(page, '#acc-unitId', 'phuong vinh yen', /^Phường Vĩnh Yên$/);
      await choose(page, '#acc-officialId', 'dang hai loan', 'Đặng Hải Loan');
      expect(await form.getByRole('checkbox', { name: 'Chuyên viên' }).isChecked()).toBe(true);
      await screen(page, 'admin', 'account-form', { dialog: true });
      await page.locator('.ant-modal-footer').getByRole('button', { name: 'Lưu' }).click();
      await form.waitFor({ state: 'detached' });
      const row = page.getByTestId('accounts-table').locator('.ant-table-row').filter({ hasText: 'dang.hai.loan' });
      await row.waitFor();
      expect(await row.innerText()).toContain('Phường Vĩnh Yên');

      // The official signs in with the new account and lands on her own home page.
      const official = await newPage(browser);
      await loginInBrowser(official.page, server.url, 'dang.hai.loan', PASSWORD);
      await official.page.getByTestId('home-page').waitFor();
      expect(await official.page.getByRole('heading', { level: 1 }).innerText()).toContain('Đặng Hải Loan');
      expect(await official.page.getByTestId('home-unit').innerText()).toContain('Phường Vĩnh Yên');

      // Switched off: her open session ends and she cannot sign in again.
      await row.getByRole('button', { name: 'Sửa: dang.hai.loan' }).click();
      await page.getByTestId('account-edit-form').waitFor();
      await page.getByLabel('Cho phép đăng nhập').uncheck();
      await page.locator('.ant-modal-footer').getByRole('button', { name: 'Lưu' }).click();
      await page.getByTestId('account-edit-form').waitFor({ state: 'detached' });
      await expect.poll(() => row.innerText()).toContain('Ngừng hoạt động');
      await official.page.reload();
      await official.page.getByTestId('login-page').waitFor();
      await loginInBrowser(official.page, server.url, 'dang.hai.loan', PASSWORD);
      await expect.poll(() => official.page.getByRole('alert').first().innerText()).toContain('không đúng');
      expect(new URL(official.page.url()).pathname).toBe('/login');
      await official.context.close();

      // The administrator's other screens.
      for (const [entry, ready, name] of [
        ['Tổ chức', '[data-testid="org-page"]', 'org'],
        ['Cán bộ, công chức', '[data-testid="officials-page"] .cv-official-link', 'officials'],
        ['Thủ tục hành chính', '[data-testid="procedures-page"] .cv-proc-name', 'procedures'],
        ['Lịch làm việc', '[data-testid="calendar-page"] [data-testid="special-day"]', 'calendar'],
        ['Khóa API', '[data-testid="api-tokens-page"]', 'api-tokens'],
        ['Nhập cán bộ', '[data-testid="import-page"]', 'import'],
        ['Nhật ký kiểm toán', '[data-testid="audit-page"] .ant-table-row', 'audit'],
      ] as const) {
        await menuLink(page, entry).click();
        await page.locator(ready).first().waitFor();
        await screen(page, 'admin', name);
      }
    } finally {
      await context.close();
    }
  });
});
