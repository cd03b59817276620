import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { DESKTOP, login, newPage, PHONE, seriousViolations, shot } from './helpers.ts';

const TARGET = 'Phường Vĩnh Yên';
const TITLE = 'Kiểm tra đột xuất giờ giấc làm việc tại Phường Vĩnh Yên';
const NOTE = '2 công chức bộ phận một cửa vắng mặt lúc 8 giờ 15';
const TRACKING = /^PA-\d{6}-[A-Z2-9]{5}$/;
const ANSWER = 'Qua xác minh, phản ánh là đúng. Sở đã kiểm điểm cán bộ một cửa và xin lỗi Ông/Bà.';
/** A 1×1 PNG: the photo taken on site. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2dd4f6b0000000049454e44ae426082', 'hex');

async function statusOf(page: Page): Promise<string | null> {
  return page.getByTestId('inspection-page').getAttribute('data-status');
}

/** A screenshot once the dialogs have closed and the short notices have faded. */
async function still(page: Page, name: string) {
  await page
    .waitForFunction(() => !document.querySelector('.ant-message-notice, .ant-modal-confirm'), undefined, { timeout: 8_000 })
    .catch(() => undefined);
  await shot(page, name);
}

/** Answers an antd confirm dialog with its primary button. */
async function confirmDialog(page: Page) {
  const ok = page.locator('.ant-modal-confirm .ant-btn-primary');
  await ok.waitFor();
  await ok.click();
}

describe('oversight: a surprise inspection on a phone, a citizen’s complaint answered', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an inspector plans a surprise inspection of a ward, runs it on a phone, signs off and concludes', async () => {
    const { context, page } = await newPage(browser, PHONE, { bypassCSP: true });
    await login(page, server.url, 'thanhtra');

    // The plan: this month's inspections and the surprise-target suggestions with their reasons.
    await page.goto(`${server.url}/kiem-tra/ke-hoach`);
    await page.getByTestId('plan-page').waitFor();
    await page.getByTestId('suggestion').first().waitFor();
    expect(await page.getByTestId('suggestion').first().innerText()).toMatch(/Yếu tố ngẫu nhiên/);
    await shot(page, 'oversight-01-plan-phone');

    await page.getByTestId('inspection-create').click();
    const form = page.getByTestId('inspection-form');
    await form.waitFor();
    await page.getByTestId('insp-surprise').click();
    await page.getByLabel('Tên cuộc kiểm tra').fill(TITLE);
    // The unit list folds diacritics: "phuong vinh yen" finds "Phường Vĩnh Yên".
    await page.locator('#insp-targets').click();
    await page.keyboard.type('phuong vinh yen');
    await page.locator('.ant-select-item-option', { hasText: TARGET }).first().click();
    await page.keyboard.press('Escape');
    // The checklist: two rules picked from the library.
    await page.locator('.cv-ov-rule-option', { hasText: 'QTUX.01' }).click();
    await page.locator('.cv-ov-rule-option', { hasText: 'QTUX.02' }).click();
    await expect.poll(() => form.innerText()).toContain('Đã chọn 2 mục');
    await shot(page, 'oversight-02-create-inspection-phone');
    await page.getByTestId('insp-submit').click();

    await page.waitForURL(/\/kiem-tra\/tai-cho\/[0-9a-f-]{36}$/);
    await page.getByTestId('inspection-page').waitFor();
    expect(await statusOf(page)).toBe('planned');
    expect(await page.getByTestId('inspection-title').innerText()).toBe(TITLE);
    expect(await page.getByTestId('inspection-targets').innerText()).toBe(TARGET);
    expect(await page.locator('[data-testid^="item-"][data-saved]').count()).toBe(2);
    await shot(page, 'oversight-03-inspection-planned-phone');

    await page.getByTestId('insp-start').click();
    await expect.poll(() => statusOf(page)).toBe('in_progress');

    // Item 1 passes with one tap.
    await page.getByTestId('item-0-pass').click();
    await expect.poll(() => page.getByTestId('item-0').getAttribute('data-saved')).toBe('true');

    // Signing off too early is refused, saying which item is missing.
    await page.getByTestId('insp-sign-off').click();
    await confirmDialog(page);
    await page.getByTestId('signoff-incomplete').waitFor();
    expect(await page.getByTestId('signoff-incomplete').innerText()).toContain('Chưa trả lời mục 2');
    await still(page, 'oversight-04-signoff-refused-phone');

    // Item 2 fails: the note is required; a photo goes with it.
    await page.getByTestId('item-1-fail').click();
    await page.getByTestId('item-1-note').waitFor();
    await page.getByTestId('item-1-save').click();
    await page.getByText('Mục không đạt phải ghi rõ điều quan sát được.').waitFor();
    await page.getByTestId('item-1-note').fill(NOTE);
    await page.getByTestId('item-1-photo').setInputFiles({ name: 'vang-mat.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('item-1').locator('.cv-ov-photos img').waitFor();
    await page.getByTestId('item-1-save').click();
    await expect.poll(() => page.getByTestId('item-1').getAttribute('data-saved')).toBe('true');
    expect(await page.getByTestId('item-1').getAttribute('data-result')).toBe('fail');
    expect(await page.getByTestId('checklist-progress').innerText()).toContain('2/2');

    await page.getByTestId('finding-text').fill('Bảng niêm yết thủ tục hành chính chưa cập nhật mức lệ phí mới');
    await page.getByTestId('finding-add').click();
    await expect.poll(() => page.getByTestId('findings').innerText()).toContain('chưa cập nhật mức lệ phí');
    await still(page, 'oversight-05-checklist-answered-phone');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('insp-sign-off').click();
    await confirmDialog(page);
    await expect.poll(() => statusOf(page)).toBe('signed_off');

    // The conclusion proposes the failed item as a violation of its rule.
    const conclude = page.getByTestId('conclude-form');
    await conclude.waitFor();
    expect(await page.getByTestId('concl-violation').count()).toBe(1);
    expect(await page.locator('#concl-v0-desc').inputValue()).toContain(NOTE);
    await page.getByTestId('concl-text').fill('Phường Vĩnh Yên cơ bản chấp hành quy tắc ứng xử; yêu cầu chấn chỉnh ngay việc chấp hành giờ giấc làm việc tại bộ phận một cửa.');
    await still(page, 'oversight-06-conclude-phone');
    await page.getByTestId('concl-submit').click();
    await expect.poll(() => statusOf(page), { timeout: 20_000 }).toBe('concluded');
    await page.getByTestId('conclusion-card').waitFor();
    await still(page, 'oversight-07-concluded-phone');

    const href = await page.getByTestId('conclusion-pdf').getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/inspections\/[0-9a-f-]+\/conclusion\.pdf$/);
    const pdf = await page.request.get(`${server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // The violation is in the register, with the rule it broke.
    await page.goto(`${server.url}/kiem-tra/vi-pham`);
    await page.getByTestId('violation').first().waitFor();
    await page.locator('#v-unit').click();
    await page.keyboard.type('phuong vinh yen');
    await page.locator('.ant-select-tree-title', { hasText: /^Phường Vĩnh Yên$/ }).click();
    await page.waitForURL(/don-vi=/);
    const recorded = page.getByTestId('violation').filter({ hasText: NOTE });
    await expect.poll(() => recorded.count()).toBe(1);
    expect(await recorded.innerText()).toContain('QTUX.02');
    await shot(page, 'oversight-08-violations-phone');
    await context.close();
  });

  it('the violation gets a remedy: the ward’s head reports it done on a phone, the inspector verifies it', async () => {
    const inspector = await newPage(browser, DESKTOP);
    const head = await newPage(browser, PHONE);
    await login(inspector.page, server.url, 'thanhtra');
    await login(head.page, server.url, 'xa.truongphong');
    const owner = ((await (await head.page.request.get(`${server.url}/api/v1/me`)).json()) as { displayName: string }).displayName;

    let page = inspector.page;
    const ward = ((await (await page.request.get(`${server.url}/api/v1/units?q=phuong%20vinh%20yen`)).json()) as { items: { id: string }[] }).items[0]!.id;
    await page.goto(`${server.url}/kiem-tra/vi-pham?don-vi=${ward}`);
    const violation = page.getByTestId('violation').filter({ hasText: NOTE });
    await violation.waitFor();
    await violation.getByTestId('rem-add').click();
    await page.getByTestId('rem-action').fill('Kiểm điểm 2 công chức, chấn chỉnh giờ giấc làm việc và báo cáo kết quả');
    await page.locator('#rem-owner').click();
    await page.locator('.ant-select-item-option', { hasText: owner }).first().click();
    const due = new Date(Date.now() + 7 * 86_400_000);
    const dd = (n: number) => String(n).padStart(2, '0');
    await page.locator('#rem-due').fill(`${dd(due.getDate())}/${dd(due.getMonth() + 1)}/${due.getFullYear()}`);
    await page.keyboard.press('Enter');
    await page.getByTestId('rem-submit').click();
    const remedy = violation.getByTestId('remediation');
    await remedy.waitFor();
    expect(await remedy.getAttribute('data-status')).toBe('open');
    expect(await remedy.innerText()).toContain(owner);
    await still(page, 'oversight-09a-remedy-assigned');

    page = head.page;
    await page.goto(`${server.url}/kiem-tra/vi-pham`);
    const mine = page.getByTestId('violation').filter({ hasText: NOTE });
    await mine.getByTestId('rem-done').click();
    await page.getByTestId('rem-note').fill('Đã tổ chức kiểm điểm, 2 công chức cam kết chấp hành giờ giấc');
    await page.getByTestId('rem-progress-submit').click();
    await expect.poll(() => mine.getByTestId('remediation').getAttribute('data-status')).toBe('done');
    await still(page, 'oversight-09b-remedy-done-phone');

    page = inspector.page;
    await page.reload();
    await violation.getByTestId('rem-verify').click();
    await page.getByTestId('rem-note').fill('Đã kiểm tra lại đầu giờ sáng, đủ quân số');
    await page.getByTestId('rem-progress-submit').click();
    await expect.poll(() => violation.getByTestId('remediation').getAttribute('data-status')).toBe('verified');
    expect(await violation.innerText()).toContain('Đã khép lại');
    await still(page, 'oversight-09c-remedy-verified');
    await inspector.context.close();
    await head.context.close();
  });

  it('a citizen files a complaint on a phone without login; the head of the unit answers it; the status page shows the answer', async () => {
    const citizen = await newPage(browser, PHONE, { bypassCSP: true });
    const page = citizen.page;
    // From the public lookup page, the citizen finds the complaint form.
    await page.goto(`${server.url}/tra-cuu`);
    await page.getByTestId('public-switch-link').click();
    await page.waitForURL(/\/phan-anh$/);
    await page.getByTestId('complaint-form').waitFor();
    await shot(page, 'oversight-10-complaint-form-phone');
    expect(await seriousViolations(page)).toEqual([]);

    // Nothing filled in: the form says what is missing.
    await page.getByTestId('complaint-submit').click();
    await page.getByText('Vui lòng chọn nội dung muốn gửi.').waitFor();
    await page.getByText('Vui lòng mô tả cụ thể (ít nhất 10 ký tự).').waitFor();

    await page.getByTestId('complaint-kind-attitude').click();
    await page.getByTestId('complaint-description').fill('Cán bộ một cửa nói chuyện thiếu tôn trọng, không hướng dẫn khi tôi hỏi về hồ sơ lý lịch tư pháp.');
    // The unit picker folds diacritics.
    await page.locator('#complaint-unit').click();
    await page.keyboard.type('so tu phap');
    await page.locator('.ant-select-item-option', { hasText: 'Sở Tư pháp' }).first().click();
    // Sending anonymously hides the contact fields.
    await page.getByTestId('complaint-anonymous').click();
    expect(await page.getByTestId('complaint-contact').count()).toBe(0);
    await page.getByTestId('complaint-anonymous').click();
    await page.getByTestId('complaint-submit').click();
    await page.getByText('Để nhận trả lời, để lại số điện thoại hoặc email — hoặc chọn gửi ẩn danh.').waitFor();
    await page.getByLabel('Họ và tên').fill('Trần Thị Hoa');
    await page.getByTestId('complaint-phone').fill('0912 345 678');
    await shot(page, 'oversight-11-complaint-filled-phone');
    await page.getByTestId('complaint-submit').click();

    await page.getByTestId('complaint-success').waitFor();
    const code = (await page.getByTestId('complaint-code').innerText()).trim();
    expect(code).toMatch(TRACKING);
    expect(await page.getByTestId('complaint-due').innerText()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await still(page, 'oversight-12-complaint-sent-phone');

    await page.getByTestId('complaint-follow').click();
    await page.getByTestId('complaint-status-page').waitFor();
    expect(await page.getByTestId('complaint-status').innerText()).toBe('Đã tiếp nhận');
    expect(await page.getByTestId('complaint-unit-name').innerText()).toBe('Sở Tư pháp');
    await shot(page, 'oversight-13-complaint-received-phone');

    // The head of the department answers from the complaints inbox.
    const head = await newPage(browser, DESKTOP);
    await login(head.page, server.url, 'truongphong');
    await head.page.goto(`${server.url}/kiem-tra/phan-anh`);
    const link = head.page.getByTestId('complaint-link').filter({ hasText: code });
    await link.waitFor();
    await shot(head.page, 'oversight-14-inbox');
    await link.click();
    await head.page.getByTestId('complaint-page').waitFor();
    expect(await head.page.getByTestId('complaint-contact').innerText()).toContain('0912345678');
    await head.page.getByTestId('c-outcome-upheld').click();
    await head.page.getByTestId('c-answer').fill(ANSWER);
    // An upheld complaint about attitude proposes a violation of rule GT.02.
    await expect.poll(() => head.page.getByTestId('answer-form').innerText()).toContain('GT.02');
    await shot(head.page, 'oversight-15-answer');
    await head.page.getByTestId('c-answer-submit').click();
    await head.page.getByTestId('answered-card').waitFor();
    expect(await head.page.getByTestId('c-outcome').innerText()).toBe('Phản ánh đúng');
    await still(head.page, 'oversight-16-answered');
    await head.context.close();

    // The citizen's status page now shows the answer (the code may be typed in lower case).
    await page.goto(`${server.url}/phan-anh/${code.toLowerCase()}`);
    await page.waitForURL((u) => u.pathname === `/phan-anh/${code}`);
    await page.getByTestId('complaint-answer').waitFor();
    expect(await page.getByTestId('complaint-status').innerText()).toBe('Đã trả lời');
    expect(await page.getByTestId('complaint-answer-text').innerText()).toBe(ANSWER);
    expect(await page.getByTestId('complaint-outcome').innerText()).toContain('phản ánh đúng');
    await shot(page, 'oversight-17-complaint-answered-phone');
    expect(await seriousViolations(page)).toEqual([]);
    await citizen.context.close();
  });
});
