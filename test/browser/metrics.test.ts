import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { THeadsRanking, TMetricsOverview, TPortal } from '../../src/shared/schemas/metrics.ts';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { login, newPage, PHONE, shot } from './helpers.ts';

/** 'YYYY-MM' in Vietnam, `offset` months from now. */
function vnMonth(offset = 0): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
const monthLabel = (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`;
/** 1234.5 → "1.234,5" as the dashboards print it. */
const vi = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(n);

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

/** The dashboards' queries run on the embedded database of a loaded test machine. */
const SLOW = { timeout: 30_000 };

/** Waits until every chart on the page has drawn (ECharts renders after the data arrives). */
async function chartsDrawn(page: Page) {
  await page.waitForFunction(() => [...document.querySelectorAll('.cv-chart')].every((c) => c.getAttribute('data-drawn') === '1' && c.querySelector('svg')));
}

describe('issue 7: dashboards, drill-down, the transparency portal and its TV mode', { timeout: 240_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  // The last whole month: the current one may be a day old.
  const lastMonth = vnMonth(-1);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the leader sees the province with real numbers, changes the period, drills into a unit and down to its dossiers', async () => {
    const { context, page } = await newPage(browser);
    try {
      await login(page, server.url, 'lanhdao');
      // The menu leads there.
      await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Bảng điều hành' }).click();
      const board = page.getByTestId('leader-dashboard');
      await board.waitFor();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Bảng điều hành toàn tỉnh');

      // The headline figures are the API's (this month, the default period).
      const now = await getJson<TMetricsOverview>(page, `${server.url}/api/v1/metrics/overview?period=month`);
      expect(now.unit).toBeNull();
      expect(await page.getByTestId('kpi-received').getByTestId('kpi-value').innerText()).toBe(vi(now.figures.dossiers.received));
      expect(await page.getByTestId('dashboard-period').innerText()).toContain(now.period.label);

      // Another period from the picker: the URL carries it, the figures follow.
      await page.locator('#db-period-at').click();
      await page.locator('#db-period-at').fill(monthLabel(lastMonth));
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.searchParams.get('at') === lastMonth && u.searchParams.get('period') === 'month');
      const month = await getJson<TMetricsOverview>(page, `${server.url}/api/v1/metrics/overview?period=month&at=${lastMonth}`);
      expect(month.figures.dossiers.received).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('kpi-received').getByTestId('kpi-value').innerText(), SLOW).toBe(vi(month.figures.dossiers.received));
      expect(await page.getByTestId('kpi-onTime').getByTestId('kpi-value').innerText()).toBe(month.figures.dossiers.onTimeRate === null ? '—' : `${vi(month.figures.dossiers.onTimeRate)}%`);
      expect(await page.getByTestId('kpi-index766').getByTestId('kpi-value').innerText()).toBe(month.figures.index766.total === null ? '—' : vi(month.figures.index766.total));
      // Against the previous month: an arrow and the difference.
      expect(await page.getByTestId('kpi-onTime').getByTestId('kpi-delta').innerText()).toMatch(/^(▲ tăng|▼ giảm) .* so với kỳ trước$|^Không đổi|^Kỳ trước chưa có số liệu/);

      // The charts draw, the ranking lists the agencies and communes with their moves.
      await chartsDrawn(page);
      expect(await page.getByTestId('trend-chart').locator('svg text').count()).toBeGreaterThan(10);
      expect(await page.getByTestId('unit-treemap').locator('svg path, svg rect').count()).toBeGreaterThan(5);
      const ranking = page.getByTestId('ranking-table');
      expect(await ranking.getByTestId('rank-unit-link').count()).toBeGreaterThan(5);
      expect(await ranking.getByTestId('rank-trend').count()).toBeGreaterThan(5);
      expect(await page.getByTestId('heads-table').locator('tbody tr').count()).toBeGreaterThan(3);
      await shot(page, 'metrics-01-leader-dashboard');

      // A quarter, then back: the period kind is in the URL too.
      await page.getByTestId('period-kind-quarter').click();
      await page.waitForURL((u) => u.searchParams.get('period') === 'quarter');
      await expect.poll(() => page.getByTestId('dashboard-period').innerText(), SLOW).toMatch(/Quý (I|II|III|IV)\/\d{4}/);
      await page.goto(`${server.url}/dashboard?period=month&at=${lastMonth}`);
      await board.waitFor();

      // The search ignores diacritics: "vinh yen" finds Phường Vĩnh Yên; its name opens its dashboard.
      const target = month.children.find((c) => c.name === 'Phường Vĩnh Yên');
      expect(target, 'Phường Vĩnh Yên is ranked').toBeDefined();
      await ranking.getByTestId('ranking-search').fill('vinh yen');
      await expect.poll(() => ranking.getByTestId('rank-unit-link').allInnerTexts(), SLOW).toContain('Phường Vĩnh Yên');
      await ranking.getByRole('link', { name: 'Phường Vĩnh Yên', exact: true }).click();
      const unitBoard = page.getByTestId('unit-dashboard');
      await unitBoard.waitFor();
      await page.waitForURL((u) => u.pathname === '/dashboard/unit' && u.searchParams.get('unitId') === target!.unitId && u.searchParams.get('at') === lastMonth);
      expect(await unitBoard.getAttribute('data-unit')).toBe(target!.unitId);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Phường Vĩnh Yên');
      const unit = await getJson<TMetricsOverview>(page, `${server.url}/api/v1/metrics/overview?period=month&at=${lastMonth}&unitId=${target!.unitId}`);
      await expect.poll(() => page.getByTestId('kpi-received').getByTestId('kpi-value').innerText(), SLOW).toBe(vi(unit.figures.dossiers.received));
      // The breadcrumb leads back to the province.
      await expect.poll(() => page.locator('.db-crumbs').innerText(), SLOW).toContain('Toàn tỉnh');
      await chartsDrawn(page);
      await shot(page, 'metrics-02-unit-dashboard');

      // A figure opens its records: the dossiers received by this unit in that month.
      expect(unit.figures.dossiers.received).toBeGreaterThan(0);
      await page.getByTestId('kpi-link-received').click();
      await page.waitForURL((u) => u.pathname === '/mot-cua/ho-so' && u.searchParams.get('unitId') === target!.unitId);
      const banner = page.getByTestId('drill-banner');
      await banner.waitFor();
      // The unit is named once the unit list has loaded.
      await expect.poll(() => banner.innerText(), SLOW).toContain('Phường Vĩnh Yên');
      expect(await banner.innerText()).toContain(`tiếp nhận từ 01/${monthLabel(lastMonth)}`);
      await page.getByTestId('dossier-link').first().waitFor();
      const listed = page.getByTestId('queue-list').getByTestId('dossier-link');
      if (unit.figures.dossiers.received <= 30) await expect.poll(() => listed.count(), SLOW).toBe(unit.figures.dossiers.received);
      else expect(await listed.count()).toBe(30);
      await shot(page, 'metrics-03-drill-dossiers');

      // The late dossiers of the province that month: the same count as the figure.
      await page.goto(`${server.url}/dashboard?period=month&at=${lastMonth}`);
      await page.getByTestId('kpi-link-onTime').click();
      await page.waitForURL((u) => u.pathname === '/mot-cua/ho-so' && u.searchParams.get('timeliness') === 'late');
      await banner.waitFor();
      expect(await banner.innerText()).toContain('trễ hạn');
      if (month.figures.dossiers.late > 0 && month.figures.dossiers.late <= 30) await expect.poll(() => listed.count(), SLOW).toBe(month.figures.dossiers.late);
      // "Bỏ lọc" returns to the ordinary queue.
      await page.getByTestId('drill-clear').click();
      await page.waitForURL((u) => !u.searchParams.has('timeliness'));
      await expect.poll(() => banner.count(), SLOW).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('the leader dashboard fits a phone', async () => {
    const { context, page } = await newPage(browser, PHONE);
    try {
      await login(page, server.url, 'lanhdao');
      await page.goto(`${server.url}/dashboard?period=month&at=${lastMonth}`);
      await page.getByTestId('leader-dashboard').waitFor();
      await chartsDrawn(page);
      // Nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'metrics-04-leader-phone');
    } finally {
      await context.close();
    }
  });

  it('a head lands on their own unit; an official sees their own figures', async () => {
    const { context, page } = await newPage(browser);
    try {
      await login(page, server.url, 'xa.truongphong');
      await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Số liệu đơn vị' }).click();
      await page.getByTestId('unit-dashboard').waitFor();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Phường Vĩnh Yên');
      // Another unit is out of the head's scope (404, as every out-of-scope object).
      const portal = await getJson<TPortal>(page, `${server.url}/api/v1/public/metrics/portal?period=month`);
      const other = portal.agencies.find((a) => a.name === 'Sở Tư pháp')!;
      expect((await page.request.get(`${server.url}/api/v1/metrics/overview?period=month&unitId=${other.unitId}`)).status()).toBe(404);
      await page.goto(`${server.url}/dashboard/unit?unitId=${other.unitId}`);
      await page.getByRole('alert').waitFor();
    } finally {
      await context.close();
    }
    const me = await newPage(browser);
    try {
      await login(me.page, server.url, 'chuyenvien');
      await me.page.goto(`${server.url}/dashboard/me?period=year`);
      await me.page.getByTestId('my-figures').waitFor();
      expect(await me.page.getByRole('heading', { level: 1 }).innerText()).toBe('Số liệu của tôi');
      await me.page.getByTestId('my-handled').waitFor();
      await shot(me.page, 'metrics-05-my-figures');
    } finally {
      await me.context.close();
    }
  });

  it('the public portal on a phone, without login: the ranking, live, nothing personal', async () => {
    const { context, page } = await newPage(browser, PHONE);
    try {
      await page.goto(`${server.url}/cong-khai`);
      await page.getByTestId('portal-page').waitFor();
      expect(await page.getByTestId('user-menu').count()).toBe(0);
      const portal = await getJson<TPortal>(page, `${server.url}/api/v1/public/metrics/portal?period=month`);
      expect(await page.getByTestId('portal-tile-received').innerText()).toContain(vi(portal.province.dossiers.received));
      expect(await page.getByTestId('portal-updated').innerText()).toMatch(/^Cập nhật lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

      // The agencies, then the communes, each with rank, move, on time, satisfaction and index.
      const rows = page.getByTestId('portal-ranking').getByTestId('portal-row');
      await expect.poll(() => rows.count(), SLOW).toBe(portal.agencies.length);
      expect(await rows.first().innerText()).toContain(portal.agencies[0]!.name);
      await page.getByTestId('portal-tab-communes').click();
      await expect.poll(() => rows.count(), SLOW).toBe(portal.communes.length);
      await page.getByTestId('portal-search').fill('vinh yen');
      await expect.poll(() => rows.allInnerTexts(), SLOW).toEqual([expect.stringContaining('Phường Vĩnh Yên')]);
      await page.getByTestId('portal-search').fill('');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'metrics-06-portal-phone');

      // No personal data: no official's name (the heads', as the leader sees them), no phone or
      // identity number anywhere on the page.
      const leader = await newPage(browser);
      await login(leader.page, server.url, 'lanhdao');
      const headNames = (await getJson<THeadsRanking>(leader.page, `${server.url}/api/v1/metrics/heads?period=month`)).items.map((h) => h.fullName);
      await leader.context.close();
      const text = await page.locator('body').innerText();
      expect(headNames.length).toBeGreaterThan(3);
      for (const name of headNames) expect(text, name).not.toContain(name);
      expect(text).not.toMatch(/\b0\d{9}\b|\b\d{12}\b/);
      expect(JSON.stringify(portal)).not.toMatch(/fullName|officialId|phone|idNumber/);
    } finally {
      await context.close();
    }
  });

  it('the TV mode fills a 1920×1080 screen and moves on to the next slide by itself', async () => {
    const { context, page } = await newPage(browser, { width: 1920, height: 1080 });
    try {
      await page.goto(`${server.url}/cong-khai/tv?interval=5`);
      const tv = page.getByTestId('tv-page');
      await tv.waitFor();
      expect(await tv.getAttribute('data-slide')).toBe('province');
      await page.getByText('Hồ sơ tiếp nhận').waitFor();
      expect(await page.getByTestId('tv-clock').innerText()).toMatch(/^\d{2}:\d{2}:\d{2}$/);
      await expect.poll(() => page.getByTestId('tv-updated').innerText(), SLOW).toMatch(/^Cập nhật lúc \d{2}:\d{2}$/);
      // One screen, no scrolling.
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1080);
      await shot(page, 'metrics-07-tv-province');
      await expect.poll(() => tv.getAttribute('data-slide'), { timeout: 9_000 }).toBe('agencies');
      expect(await page.getByTestId('tv-row').count()).toBeGreaterThan(1);
      await shot(page, 'metrics-08-tv-agencies');
      await expect.poll(() => tv.getAttribute('data-slide'), { timeout: 9_000 }).toBe('communes');
      await expect.poll(() => tv.getAttribute('data-slide'), { timeout: 9_000 }).toBe('index');
      await shot(page, 'metrics-09-tv-index');
    } finally {
      await context.close();
    }
  });
});
