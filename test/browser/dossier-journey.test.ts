import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { csrfOf, DESKTOP, login, newPage, PHONE, shot } from './helpers.ts';

const PROCEDURE = 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam';
const APPLICANT = { fullName: 'Nguyễn Văn Bình', idNumber: '001203004567', phone: '0987654321' };
const CODE = /^000\.00\.\d{2}\.H47-\d{6}-\d{4,}$/;
/** A 1×1 PNG: the scan of a supplemented document. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2dd4f6b0000000049454e44ae426082', 'hex');

async function statusOf(page: Page): Promise<string> {
  return page.getByTestId('dossier-head').getByTestId('status-tag').innerText();
}

/** Opens an action's modal, lets `fill` complete it, submits and waits for the modal to close. */
async function act(page: Page, action: string, fill?: () => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId(`action-form-${action}`).waitFor();
  await fill?.();
  await page.getByTestId('action-submit').click();
  // Either the dialog closes, or it shows why the server refused (fail with that message).
  const form = page.getByTestId(`action-form-${action}`);
  const refusal = page.locator('.ant-modal [role="alert"]');
  const closed = async () => (await form.count()) === 0 || (await refusal.count()) > 0;
  const started = Date.now();
  while (!(await closed())) {
    if (Date.now() - started > 45_000) {
      const loading = await page.getByTestId('action-submit').evaluate((b) => b.className.includes('loading')).catch(() => 'gone');
      throw new Error(`${action}: the dialog stayed open (submit button loading: ${loading})`);
    }
    await page.waitForTimeout(100);
  }
  if (await refusal.count()) throw new Error(`${action} refused: ${await refusal.first().innerText()}`);
}

describe('a dossier from the counter to the citizen’s rating', { timeout: 180_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let counter: { context: BrowserContext; page: Page };
  let code = '';
  let dossierUrl = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    counter = await newPage(browser);
    await login(counter.page, server.url, 'motcua');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('receives a dossier at the counter desk and prints the receipt', async () => {
    const { page } = counter;
    await page.goto(`${server.url}/mot-cua/tiep-nhan`);
    await page.getByTestId('counter-form').waitFor();
    await shot(page, 'journey-01-counter-empty');
    await page.setViewportSize(PHONE);
    await shot(page, 'journey-01-counter-empty-phone');
    await page.setViewportSize(DESKTOP);

    // The procedure list folds diacritics: "ly lich tu phap" finds "lý lịch tư pháp".
    await page.locator('#cd-procedure').click();
    await page.keyboard.type('ly lich tu phap');
    await page.locator('.ant-select-item-option', { hasText: PROCEDURE }).click();
    const facts = page.getByTestId('counter-procedure-facts');
    await expect.poll(() => facts.innerText()).toContain('10 ngày làm việc');
    expect(await facts.innerText()).toContain('200.000 đồng');
    await expect.poll(() => page.getByTestId('counter-document').count()).toBe(2);

    await page.getByLabel('Họ và tên').fill(APPLICANT.fullName);
    // The same schema as the server: a short identity number is refused before sending.
    await page.getByLabel('Số định danh cá nhân').fill('12345');
    await page.getByLabel('Số điện thoại').fill(APPLICANT.phone);
    await page.getByTestId('counter-submit').click();
    await page.getByText('Số định danh cá nhân gồm đúng 12 chữ số.').waitFor();
    await shot(page, 'journey-02-counter-invalid-id');
    await page.getByLabel('Số định danh cá nhân').fill(APPLICANT.idNumber);
    await page.locator('#cd-doc-0-digitized').check();
    await shot(page, 'journey-03-counter-filled');
    await page.getByTestId('counter-submit').click();

    const success = page.getByTestId('counter-success');
    await success.waitFor();
    code = (await page.getByTestId('counter-code').innerText()).trim();
    expect(code).toMatch(CODE);
    expect(await page.getByTestId('counter-due').innerText()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await shot(page, 'journey-04-counter-received');

    const href = await page.getByTestId('counter-print').getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/dossiers\/[0-9a-f-]+\/forms\/receipt$/);
    const pdf = await page.request.get(`${server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByTestId('counter-open').click();
    await page.getByTestId('dossier-page').waitFor();
    dossierUrl = page.url();
    expect(await page.getByTestId('dossier-code').innerText()).toBe(code);
    expect(await statusOf(page)).toBe('Được tiếp nhận');
    await page.getByTestId('form-receipt').waitFor();
    await shot(page, 'journey-05-dossier-received');
  });

  it('asks for a supplement once, listing every missing document', async () => {
    const { page } = counter;
    // A second tab still showing the dossier as it was: it will try to ask a second time.
    const stale = await counter.context.newPage();
    await stale.goto(dossierUrl);
    await stale.getByTestId('action-request_supplement').waitFor();
    await page.bringToFront();

    await page.getByTestId('action-request_supplement').click();
    const form = page.getByTestId('supplement-form');
    await form.waitFor();
    expect(await page.getByTestId('supplement-warning').innerText()).toMatch(/MỘT LẦN/);
    const items = page.getByTestId('supplement-item');
    await items.nth(0).fill('Bản sao thẻ căn cước còn thời hạn');
    await items.nth(1).fill('Tờ khai có chữ ký của người yêu cầu');
    await shot(page, 'journey-06-supplement-request');
    await page.getByTestId('supplement-submit').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => statusOf(page)).toBe('Yêu cầu bổ sung giấy tờ');

    // A second request is not offered; the page says why.
    expect(await page.getByTestId('action-request_supplement').count()).toBe(0);
    expect(await page.getByTestId('supplement-once').innerText()).toContain('một lần');
    await page.getByTestId('form-supplement').waitFor();
    const timeline = await page.getByTestId('dossier-timeline').innerText();
    expect(timeline).toContain('Bản sao thẻ căn cước còn thời hạn');
    expect(timeline).toContain('Tờ khai có chữ ký của người yêu cầu');
    await shot(page, 'journey-07-supplement-sent');

    // The stale tab still offers it; the server refuses, and the dialog says why in Vietnamese.
    await stale.bringToFront();
    await stale.getByTestId('action-request_supplement').click();
    await stale.getByTestId('supplement-item').first().fill('Giấy tờ khác');
    await stale.getByTestId('supplement-submit').click();
    const refusal = stale.getByTestId('rule-refusal');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('một lần');
    await shot(stale, 'journey-08-supplement-second-refused');
    await stale.close();
    await page.bringToFront();

    // And through the API, in Vietnamese with a stable code.
    const id = new URL(dossierUrl).pathname.split('/').pop();
    const again = await page.request.post(`${server.url}/api/v1/dossiers/${id}/supplement-request`, {
      data: { items: ['Giấy tờ khác'] },
      headers: { 'X-CSRF-Token': await csrfOf(page) },
    });
    expect(again.status()).toBe(409);
    const problem = (await again.json()) as { code: string; detail: string };
    expect(problem.code).toBe('SUPPLEMENT_ALREADY_REQUESTED');
    expect(problem.detail).toContain('một lần');
  });

  it('records the completed supplement and attaches its scan', async () => {
    const { page } = counter;
    await act(page, 'complete_supplement');
    await expect.poll(() => statusOf(page)).toBe('Được tiếp nhận');
    expect(await page.getByTestId('dossier-timeline').innerText()).toContain('Nhận đủ hồ sơ bổ sung');

    await page.getByTestId('file-input').setInputFiles({ name: 'ban-sao-can-cuoc.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('file-upload').click();
    const link = page.getByTestId('dossier-files').getByRole('link', { name: /ban-sao-can-cuoc\.png/ });
    await link.waitFor();
    const file = await page.request.get(`${server.url}${await link.getAttribute('href')}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('image/png');
  });

  it('the head of unit assigns, proposes and approves', async () => {
    const head = await newPage(browser);
    try {
      const { page } = head;
      await login(page, server.url, 'truongphong');
      await page.goto(dossierUrl);
      await page.getByTestId('dossier-page').waitFor();
      await act(page, 'assign', async () => {
        await page.locator('#act-handler').click();
        const option = page.locator('.ant-select-item-option').first();
        await option.waitFor();
        await option.click();
        await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
        await shot(page, 'journey-09-assign');
      });
      await expect.poll(() => statusOf(page)).toBe('Đang xử lý');
      expect(await page.getByTestId('dossier-handler').innerText()).not.toBe('Chưa phân công');

      await act(page, 'propose');
      await act(page, 'decide');
      await expect.poll(() => statusOf(page)).toBe('Đã xử lý xong');
      await shot(page, 'journey-10-decided');
    } finally {
      await head.context.close();
    }
  });

  it('the counter returns the result', async () => {
    const { page } = counter;
    await page.goto(dossierUrl);
    await page.getByTestId('dossier-page').waitFor();
    await act(page, 'return_result');
    await expect.poll(() => statusOf(page)).toBe('Đã trả kết quả');
    const timeline = await page.getByTestId('dossier-timeline').innerText();
    for (const step of ['Tiếp nhận hồ sơ', 'Yêu cầu bổ sung', 'Chuyển xử lý', 'Phê duyệt kết quả', 'Trả kết quả']) expect(timeline).toContain(step);
    await shot(page, 'journey-11-returned');
    await page.setViewportSize(PHONE);
    await shot(page, 'journey-11-returned-phone');
    await counter.context.close();
  });

  it('the citizen looks the dossier up on a phone and rates it', async () => {
    const { context, page } = await newPage(browser, PHONE);
    try {
      await page.goto(`${server.url}/tra-cuu`);
      await page.getByTestId('lookup-page').waitFor();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Tra cứu hồ sơ hành chính');
      // Typed in lower case, with stray spaces.
      await page.getByLabel('Mã hồ sơ').fill(` ${code.toLowerCase().replace('-', ' - ')} `);
      await shot(page, 'journey-12-public-lookup');
      await page.getByTestId('lookup-submit').click();

      await page.getByTestId('public-dossier').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/tra-cuu/${encodeURIComponent(code)}`);
      expect(await page.getByTestId('public-status').innerText()).toBe('Đã trả kết quả');
      expect(await page.getByTestId('public-code').innerText()).toBe(code);
      expect(await page.getByTestId('public-applicant').innerText()).toBe('Nguyễn V** B***');
      const body = await page.locator('body').innerText();
      expect(body).not.toContain(APPLICANT.idNumber);
      expect(body).not.toContain(APPLICANT.phone);
      expect(await page.getByTestId('public-timeliness').innerText()).toMatch(/Trước hạn|Đúng hạn/);
      await shot(page, 'journey-13-public-dossier');

      await page.getByTestId('rate-very_satisfied').click();
      await page.getByLabel('4 số cuối điện thoại đã đăng ký').fill('0000');
      await page.getByTestId('rating-submit').click();
      await page.getByText('Bốn số cuối điện thoại không khớp với hồ sơ.').first().waitFor();
      await shot(page, 'journey-14-public-rating-wrong-phone');
      await page.getByLabel('4 số cuối điện thoại đã đăng ký').fill(APPLICANT.phone.slice(-4));
      await page.getByTestId('rating-submit').click();
      await page.getByTestId('rating-thanks').waitFor();
      expect(await page.getByTestId('rating-thanks').innerText()).toContain('Rất hài lòng');
      await shot(page, 'journey-15-public-thanks');

      await page.reload();
      await page.getByTestId('rating-received').waitFor();
      expect(await page.getByTestId('rating-received').innerText()).toContain('Đã nhận đánh giá');
      expect(await page.getByTestId('rating-form').count()).toBe(0);
      await shot(page, 'journey-16-public-rated');
    } finally {
      await context.close();
    }
  });
});
