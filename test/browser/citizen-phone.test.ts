/**
 * The citizen's journeys on a phone, without login: a dossier looked up by its code, its timeline
 * read and rated; a word of thanks sent about it and followed by its tracking code; the procedures
 * catalogue searched without diacritics; the public figures. Every screen: text in NFC, no serious
 * or critical axe-core violation, a screenshot (citizen-<screen>.png). And the Vietnamese text is
 * drawn with a font that has its letters — one face for a whole name, no box for a missing glyph.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { newPage, PHONE, seriousViolations, shot } from './helpers.ts';

const TRACKING = /^PA-\d{6}-[A-Z2-9]{5}$/;
/** The brief's probe: every kind of Vietnamese mark (breve, circumflex, horn, dot below, hook, đ). */
const PROBE = 'Đặng Thị Ngọc Ánh – Hồ sơ đã được tiếp nhận';

interface Returned {
  code: string;
  phone: string;
  unitName: string;
  procedureName: string;
  timeline: string[];
}

/** A citizen screen: text in NFC, no serious or critical axe violation, nothing wider than the phone, a screenshot. */
async function screen(page: Page, name: string) {
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), undefined, { timeout: 15_000 });
  const words = (await page.locator('body').innerText()).split(/\s+/);
  expect(words.filter((w) => w !== w.normalize('NFC')), `citizen-${name}: text not in NFC`).toEqual([]);
  // Transitions jump to their end: the screen is judged as it settles, without waiting.
  await page.evaluate(() =>
    document.getAnimations().forEach((animation) => {
      try {
        animation.finish();
      } catch {
        // An endless animation (a spinner) cannot finish.
      }
    }),
  );
  const violations = await seriousViolations(page);
  expect(violations, `citizen-${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `citizen-${name}: wider than the phone`).toBeLessThanOrEqual(PHONE.width);
  await shot(page, `citizen-${name}`);
}

/** The fonts Chromium actually drew an element's own text with (DevTools: platform fonts for the node). */
async function facesOf(page: Page, selector: string): Promise<{ familyName: string; glyphCount: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    expect(nodeId, selector).toBeGreaterThan(0);
    return (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts;
  } finally {
    await cdp.detach();
  }
}

describe('the citizen on a phone', { timeout: 180_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let citizen: { context: BrowserContext; page: Page };
  let dossier: Returned;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    // A returned demo dossier not yet rated, with the phone the citizen registered (read as staff).
    const staff = await browser.newContext();
    const login = await staff.request.post(`${server.url}/api/v1/auth/login`, { data: { username: 'lanhdao', password: 'congvu-demo' } });
    expect(login.status()).toBe(200);
    const list = (await (await staff.request.get(`${server.url}/api/v1/dossiers?status=returned&limit=100`)).json()) as { items: { id: string; code: string }[] };
    for (const d of list.items) {
      const pub = (await (await staff.request.get(`${server.url}/api/v1/public/dossiers/${d.code}`)).json()) as { canRate: boolean };
      if (!pub.canRate) continue;
      const full = (await (await staff.request.get(`${server.url}/api/v1/dossiers/${d.id}`)).json()) as {
        applicant: { phone: string };
        unitName: string;
        procedureName: string;
        timeline: { type: string; label: string }[];
      };
      dossier = { code: d.code, phone: full.applicant.phone, unitName: full.unitName, procedureName: full.procedureName, timeline: full.timeline.filter((e) => e.type !== 'propose').map((e) => e.label) };
      break;
    }
    await staff.close();
    expect(dossier, 'a returned, unrated demo dossier').toBeDefined();
    citizen = await newPage(browser, PHONE, { bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('looks the dossier up by its code, reads its timeline and rates it "không hài lòng" with a reason', async () => {
    const { page } = citizen;
    await page.goto(`${server.url}/tra-cuu`);
    await page.getByTestId('lookup-page').waitFor();
    await screen(page, 'lookup');
    await page.getByLabel('Mã hồ sơ').fill(dossier.code.toLowerCase());
    await page.getByTestId('lookup-submit').click();

    await page.getByTestId('public-dossier').waitFor();
    expect(await page.getByTestId('public-status').innerText()).toBe('Đã trả kết quả');
    expect(await page.getByTestId('public-dossier').innerText()).toContain(dossier.procedureName);
    // The timeline is the dossier's, step by step, each with its time (the internal proposal left out).
    const steps = page.getByTestId('public-timeline').locator('li');
    expect(await steps.locator('.cv-public-timeline-label').allInnerTexts()).toEqual(dossier.timeline);
    for (const time of await steps.locator('.cv-public-timeline-time').allInnerTexts()) expect(time).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(await page.locator('body').innerText()).not.toContain(dossier.phone);
    await screen(page, 'dossier');

    // Not satisfied: the reason is asked for before anything is sent.
    await page.getByTestId('rate-dissatisfied').click();
    await page.getByLabel('4 số cuối điện thoại đã đăng ký').fill(dossier.phone.slice(-4));
    await page.getByTestId('rating-submit').click();
    await page.getByTestId('rating-form').locator('.cv-public-error', { hasText: 'Vui lòng cho biết lý do chưa hài lòng.' }).waitFor();
    expect(await page.locator('#rating-comment').evaluate((el) => el === document.activeElement)).toBe(true);
    await screen(page, 'rating-needs-reason');
    await page.getByTestId('rating-comment').fill('Phải đi lại hai lần vì không được hướng dẫn đủ giấy tờ ngay từ đầu.');
    await page.getByTestId('rating-submit').click();
    await page.getByTestId('rating-thanks').waitFor();
    expect(await page.getByTestId('rating-thanks').innerText()).toContain('Không hài lòng');
    await screen(page, 'rated');
  });

  it('draws Vietnamese with one font that has every letter, and keeps it in NFC', async () => {
    const { page } = citizen;
    await page.goto(`${server.url}/tra-cuu/${dossier.code}`);
    await page.getByTestId('public-timeline').waitFor();
    // The probe sentence in the page's own type, next to the real headings.
    await page.evaluate((text) => {
      const p = document.createElement('p');
      p.id = 'vi-probe';
      p.textContent = text;
      document.querySelector('[data-testid="public-dossier"]')!.prepend(p);
    }, PROBE);
    for (const selector of ['#vi-probe', '[data-testid="public-status"]', '.cv-public-timeline-label', '.cv-public-h2']) {
      const faces = await facesOf(page, selector);
      // One face for the whole text: no letter fell back to another font (a word drawn in two fonts).
      expect(faces.map((f) => f.familyName), selector).toHaveLength(1);
      expect(faces[0]!.familyName).not.toMatch(/Last ?Resort/i);
    }
    const text = await page.locator('#vi-probe').innerText();
    expect(text).toBe(PROBE.normalize('NFC'));
    const probeFaces = await facesOf(page, '#vi-probe');
    expect(probeFaces[0]!.glyphCount).toBe([...text].length);

    // Measured in the page's font: the sentence and each marked letter differ from the "no glyph" box.
    const widths = await page.evaluate((sample) => {
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = getComputedStyle(document.getElementById('vi-probe')!).font;
      const tofu = (n: number) => context.measureText('\uFFFF'.repeat(n)).width;
      const letters = [...new Set([...sample].filter((c) => c.normalize('NFD') !== c))];
      return {
        sample: context.measureText(sample).width,
        tofu: tofu([...sample].length),
        letters: letters.map((c) => ({ c, width: context.measureText(c).width, tofu: tofu(1) })),
      };
    }, PROBE);
    expect(widths.sample).not.toBeCloseTo(widths.tofu, 0);
    expect(widths.letters.length).toBeGreaterThan(8);
    for (const l of widths.letters) expect(l.width, l.c).not.toBeCloseTo(l.tofu, 1);
  });

  it('sends a word of thanks about the dossier, without a name, and follows it by its tracking code', async () => {
    const { page } = citizen;
    // The footer of the lookup leads to the complaints and suggestions.
    await page.getByTestId('public-switch-link').click();
    await page.waitForURL(/\/phan-anh$/);
    await page.getByTestId('complaint-form').waitFor();
    await screen(page, 'feedback-form');
    await page.getByTestId('complaint-kind-praise').click();
    await page.getByTestId('complaint-description').fill('Cán bộ tiếp nhận hướng dẫn tận tình, trả kết quả đúng hẹn. Xin cảm ơn.');
    await page.getByLabel('Mã hồ sơ liên quan (nếu có)').fill(dossier.code);
    await page.getByTestId('complaint-anonymous').click();
    expect(await page.getByTestId('complaint-contact').count()).toBe(0);
    await page.getByTestId('complaint-submit').click();

    await page.getByTestId('complaint-success').waitFor();
    const tracking = (await page.getByTestId('complaint-code').innerText()).trim();
    expect(tracking).toMatch(TRACKING);
    await screen(page, 'feedback-sent');
    await page.getByTestId('complaint-follow').click();
    await page.getByTestId('complaint-status-page').waitFor();
    expect(await page.getByTestId('complaint-status-code').innerText()).toBe(tracking);
    // The dossier's code tells where the thanks go.
    expect(await page.getByTestId('complaint-unit-name').innerText()).toBe(dossier.unitName);
    await screen(page, 'feedback-status');
  });

  it('finds a procedure typed without diacritics, reads what to bring, narrows the list to a ward', async () => {
    const { page } = citizen;
    await page.getByTestId('public-procedures-link').click();
    await page.waitForURL(/\/thu-tuc$/);
    await page.getByTestId('public-procedures-page').waitFor();
    expect(await page.getByTestId('public-procedure-count').innerText()).toContain('Gõ tên thủ tục');
    const cards = page.getByTestId('public-procedure');
    expect(await cards.count()).toBe(0);

    await page.getByLabel('Tìm thủ tục').fill('ly lich tu phap');
    await expect.poll(() => cards.count()).toBe(1);
    const card = cards.first();
    expect(await card.getByRole('heading', { level: 2 }).innerText()).toBe('Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam');
    expect(await card.getByTestId('public-procedure-unit').innerText()).toBe('Sở Tư pháp');
    const facts = await card.innerText();
    expect(facts).toContain('10 ngày làm việc');
    expect(facts).toContain('200.000 đồng');
    await card.locator('summary').click();
    expect(await card.locator('details li').count()).toBe(2);
    expect(await card.locator('details').innerText()).not.toContain('0 bản');
    await screen(page, 'procedures');

    // Typed with its marks, the same procedure.
    await page.getByLabel('Tìm thủ tục').fill('Lý lịch tư pháp');
    await expect.poll(() => cards.first().getByRole('heading', { level: 2 }).innerText()).toBe('Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam');
    expect(await cards.count()).toBe(1);

    // The ward's own procedures: the place picked without diacritics, then a birth registration.
    await page.locator('#pub-proc-unit').click();
    await page.keyboard.type('phuong vinh yen');
    await page.locator('.ant-select-item-option', { hasText: /^Phường Vĩnh Yên$/ }).click();
    await page.getByLabel('Tìm thủ tục').fill('khai sinh');
    await expect.poll(async () => (await cards.getByTestId('public-procedure-unit').allInnerTexts()).join('|')).toMatch(/^Phường Vĩnh Yên(\|Phường Vĩnh Yên)*$/);
    for (const name of await cards.getByRole('heading', { level: 2 }).allInnerTexts()) expect(name.toLowerCase()).toContain('khai sinh');
    await screen(page, 'procedures-ward');

    await page.getByLabel('Tìm thủ tục').fill('khong co thu tuc nay');
    await expect.poll(() => page.getByTestId('public-procedure-count').innerText()).toContain('Không tìm thấy thủ tục');

    // The catalogue's API, without a session: a bad place is refused in Vietnamese, on its field.
    const bad = await page.request.get(`${server.url}/api/v1/public/procedures?unitId=khong-phai-ma`);
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('query.unitId');
    const unknown = await page.request.get(`${server.url}/api/v1/public/procedures?unitId=00000000-0000-4000-8000-000000000000`);
    expect(unknown.status()).toBe(404);
    expect(((await unknown.json()) as { detail: string }).detail).toBe('Không tìm thấy đơn vị.');
    const all = (await (await page.request.get(`${server.url}/api/v1/public/procedures?q=chung%20thuc`)).json()) as { items: unknown[]; more: boolean };
    expect(all.items).toHaveLength(30);
    expect(all.more).toBe(true);
  });

  it('reads the public figures from the same footer', async () => {
    const { page } = citizen;
    await page.getByTestId('public-portal-link').click();
    await page.waitForURL(/\/cong-khai$/);
    await expect.poll(() => page.getByTestId('portal-ranking').getByTestId('portal-row').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    expect(await page.getByTestId('portal-updated').innerText()).toMatch(/^Cập nhật lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await screen(page, 'portal');
  });
});
