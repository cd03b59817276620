import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { csrfOf, DESKTOP, login, newPage, PHONE, seriousViolations, shot } from './helpers.ts';

interface Summary {
  id: string;
  code: string;
  status: string;
}

async function expectNoSerious(page: Page, name: string) {
  const violations = await seriousViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe('accessibility (axe-core, WCAG 2.1 A/AA): no serious or critical violations', { timeout: 180_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let dossier: { id: string; code: string };
  let returned: Summary | undefined;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    // One fresh dossier with a supplement request, received through the API as the counter would.
    const { context, page } = await newPage(browser);
    await login(page, server.url, 'motcua');
    const csrf = await csrfOf(page);
    const procedures = (await (await page.request.get(`${server.url}/api/v1/procedures?q=ly%20lich`)).json()) as { items: { id: string }[] };
    const created = await page.request.post(`${server.url}/api/v1/dossiers`, {
      headers: { 'X-CSRF-Token': csrf },
      data: {
        procedureId: procedures.items[0]!.id,
        channel: 'counter',
        applicant: { fullName: 'Trần Thị Hoa', idNumber: '025090001111', phone: '0912000111' },
        documents: [{ name: 'Tờ khai', originals: 1, copies: 0, digitized: true, reused: false }],
      },
    });
    dossier = (await created.json()) as { id: string; code: string };
    await page.request.post(`${server.url}/api/v1/dossiers/${dossier.id}/supplement-request`, {
      headers: { 'X-CSRF-Token': csrf },
      data: { items: ['Bản sao thẻ căn cước'] },
    });
    // A returned demo dossier not yet rated: its public page shows the rating form.
    const list = (await (await page.request.get(`${server.url}/api/v1/dossiers?status=returned&limit=100`)).json()) as { items: Summary[] };
    for (const d of list.items) {
      const pub = (await (await page.request.get(`${server.url}/api/v1/public/dossiers/${d.code}`)).json()) as { canRate: boolean };
      if (pub.canRate) {
        returned = d;
        break;
      }
    }
    await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the counter desk, empty and filled', async () => {
    const { context, page } = await newPage(browser, DESKTOP, { bypassCSP: true });
    try {
      await login(page, server.url, 'motcua');
      await page.goto(`${server.url}/mot-cua/tiep-nhan`);
      await page.getByTestId('counter-form').waitFor();
      await page.getByTestId('counter-to-return').waitFor();
      await expectNoSerious(page, 'counter desk');
      await page.locator('#cd-procedure').click();
      await page.keyboard.type('ly lich');
      await page.locator('.ant-select-item-option').first().click();
      await page.getByTestId('counter-document').first().waitFor();
      await expectNoSerious(page, 'counter desk with documents');
    } finally {
      await context.close();
    }
  });

  it('the dossier page and its supplement dialog', async () => {
    const { context, page } = await newPage(browser, DESKTOP, { bypassCSP: true });
    try {
      await login(page, server.url, 'motcua');
      await page.goto(`${server.url}/mot-cua/ho-so/${dossier.id}`);
      await page.getByTestId('dossier-timeline').waitFor();
      await expectNoSerious(page, 'dossier page');
      await page.getByTestId('action-complete_supplement').click();
      await page.getByTestId('action-form-complete_supplement').waitFor();
      await expectNoSerious(page, 'action dialog');
    } finally {
      await context.close();
    }
  });

  it('the dossier queue on a phone', async () => {
    const { context, page } = await newPage(browser, PHONE, { bypassCSP: true });
    try {
      await login(page, server.url, 'motcua');
      await page.goto(`${server.url}/mot-cua/ho-so?queue=awaiting_supplement`);
      await page.getByTestId('dossier-link').first().waitFor();
      await expectNoSerious(page, 'queue on a phone');
      await shot(page, 'a11y-queue-phone');
    } finally {
      await context.close();
    }
  });

  it('the public lookup pages, without a session', async () => {
    const { context, page } = await newPage(browser, PHONE, { bypassCSP: true });
    try {
      await page.goto(`${server.url}/tra-cuu`);
      await page.getByTestId('lookup-page').waitFor();
      await expectNoSerious(page, 'lookup');

      await page.goto(`${server.url}/tra-cuu/${dossier.code}`);
      await page.getByTestId('public-supplement').waitFor();
      expect(await page.getByTestId('public-supplement').innerText()).toContain('Bản sao thẻ căn cước');
      await expectNoSerious(page, 'public dossier awaiting a supplement');
      await shot(page, 'a11y-public-supplement-phone');

      expect(returned, 'a returned, unrated demo dossier').toBeDefined();
      await page.goto(`${server.url}/tra-cuu/${returned!.code}`);
      await page.getByTestId('rating-form').waitFor();
      await expectNoSerious(page, 'public dossier with the rating form');

      await page.goto(`${server.url}/tra-cuu/000.00.99.H47-260101-9999`);
      await page.getByTestId('public-not-found').waitFor();
      expect(await page.getByTestId('public-not-found').innerText()).toContain('Không tìm thấy hồ sơ');
      await expectNoSerious(page, 'public not found');
      await shot(page, 'a11y-public-not-found-phone');
    } finally {
      await context.close();
    }
  });

  it('the dashboards, the transparency portal on a phone and its TV mode', async () => {
    const { context, page } = await newPage(browser, DESKTOP, { bypassCSP: true });
    try {
      await login(page, server.url, 'lanhdao');
      await page.goto(`${server.url}/dashboard`);
      await page.getByTestId('ranking-table').waitFor();
      await page.getByTestId('heads-table').waitFor();
      await expectNoSerious(page, 'leader dashboard');
      await page.goto(`${server.url}/dashboard/me?period=year`);
      await page.getByTestId('my-figures').waitFor();
      await expectNoSerious(page, 'my figures');
    } finally {
      await context.close();
    }
    const phone = await newPage(browser, PHONE, { bypassCSP: true });
    try {
      await phone.page.goto(`${server.url}/cong-khai`);
      await phone.page.getByTestId('portal-ranking').waitFor();
      await expectNoSerious(phone.page, 'transparency portal');
    } finally {
      await phone.context.close();
    }
    const tv = await newPage(browser, { width: 1920, height: 1080 }, { bypassCSP: true });
    try {
      await tv.page.goto(`${server.url}/cong-khai/tv`);
      await tv.page.getByText('Hồ sơ tiếp nhận').waitFor();
      await expectNoSerious(tv.page, 'TV mode');
    } finally {
      await tv.context.close();
    }
  });
});
