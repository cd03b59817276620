import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginInBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { DESKTOP, login, newPage, PHONE, shot } from './helpers.ts';

/** What each demo role finds in the menu (present) and must not find (absent). */
const MENUS: Record<string, { present: string[]; absent: string[] }> = {
  admin: {
    present: ['Tổng quan', 'Tổ chức', 'Một cửa', 'Tiếp nhận hồ sơ', 'Hàng đợi hồ sơ', 'Thủ tục hành chính', 'Quản trị', 'Tài khoản', 'Khóa API', 'Nhật ký kiểm toán', 'Lịch làm việc'],
    absent: [],
  },
  chuyenvien: { present: ['Tổng quan', 'Một cửa', 'Hàng đợi hồ sơ', 'Thủ tục hành chính'], absent: ['Quản trị', 'Tiếp nhận hồ sơ', 'Tài khoản', 'Lịch làm việc'] },
  motcua: { present: ['Một cửa', 'Tiếp nhận hồ sơ', 'Hàng đợi hồ sơ', 'Thủ tục hành chính', 'Lịch làm việc'], absent: ['Tài khoản', 'Khóa API', 'Nhật ký kiểm toán'] },
  truongphong: { present: ['Tiếp nhận hồ sơ', 'Hàng đợi hồ sơ', 'Thủ tục hành chính', 'Lịch làm việc'], absent: ['Tài khoản', 'Khóa API'] },
  lanhdao: { present: ['Hàng đợi hồ sơ', 'Thủ tục hành chính', 'Lịch làm việc'], absent: ['Tiếp nhận hồ sơ', 'Tài khoản'] },
  thanhtra: { present: ['Hàng đợi hồ sơ', 'Thủ tục hành chính', 'Quản trị', 'Nhật ký kiểm toán'], absent: ['Tiếp nhận hồ sơ', 'Tài khoản', 'Khóa API'] },
};

async function menuText(page: Page): Promise<string> {
  const nav = page.getByRole('navigation', { name: 'Menu chính' });
  await nav.waitFor();
  return (await nav.innerText()).replace(/\s+/g, ' ');
}

describe('foundation in the browser', { timeout: 180_000 }, () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each(Object.keys(MENUS))('shows %s the menu entries of the role', async (username) => {
    const { context, page } = await newPage(browser);
    try {
      await login(page, server.url, username);
      await page.getByTestId('home-page').waitFor();
      const text = await menuText(page);
      for (const entry of MENUS[username]!.present) expect(text, `${username} sees ${entry}`).toContain(entry);
      for (const entry of MENUS[username]!.absent) expect(text, `${username} does not see ${entry}`).not.toContain(entry);
      await shot(page, `foundation-menu-${username}`);
    } finally {
      await context.close();
    }
  });

  it('refuses a wrong password with the Vietnamese message', async () => {
    const { context, page } = await newPage(browser);
    try {
      await loginInBrowser(page, server.url, 'motcua', 'not-the-password');
      await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
      expect(new URL(page.url()).pathname).toBe('/login');
      await shot(page, 'foundation-wrong-password');
    } finally {
      await context.close();
    }
  });

  it('finds officials by a name typed without diacritics', async () => {
    const { context, page } = await newPage(browser);
    try {
      await login(page, server.url, 'admin');
      await page.goto(`${server.url}/officials`);
      await page.getByLabel('Tìm cán bộ theo họ tên').fill('nguyen van');
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('nguyen van');
      const names = page.getByTestId('officials-table').locator('.cv-official-link');
      await expect.poll(() => names.count()).toBeGreaterThan(0);
      // Wait for the filtered page (placeholder data shows the unfiltered list meanwhile).
      await expect.poll(async () => (await names.allInnerTexts()).every((n) => n.startsWith('Nguyễn Văn '))).toBe(true);
      await shot(page, 'foundation-officials-search');
    } finally {
      await context.close();
    }
  });

  it('switches the menu to English', async () => {
    const { context, page } = await newPage(browser);
    try {
      await login(page, server.url, 'motcua');
      await page.getByText('EN', { exact: true }).click();
      const nav = page.getByRole('navigation', { name: 'Main menu' });
      await nav.waitFor();
      const text = await nav.innerText();
      expect(text).toContain('One-stop desk');
      expect(text).toContain('Receive dossiers');
      expect(text).toContain('Dossier queues');
      expect(text).not.toContain('Tiếp nhận hồ sơ');
      await shot(page, 'foundation-english');
    } finally {
      await context.close();
    }
  });

  it('opens the menu in a drawer on a phone', async () => {
    const { context, page } = await newPage(browser, PHONE);
    try {
      await login(page, server.url, 'motcua');
      await expect(page.getByRole('navigation', { name: 'Menu chính' }).isVisible()).resolves.toBe(false);
      await page.getByRole('button', { name: 'Mở menu' }).click();
      const drawer = page.locator('.cv-menu-drawer');
      await drawer.getByRole('navigation', { name: 'Menu chính' }).waitFor();
      await drawer.getByText('Hàng đợi hồ sơ').waitFor();
      await shot(page, 'foundation-phone-drawer');
      await drawer.getByText('Hàng đợi hồ sơ').click();
      await page.getByTestId('queue-page').waitFor();
      expect(new URL(page.url()).pathname).toBe('/mot-cua/ho-so');
    } finally {
      await context.close();
    }
  });

  it('logs out back to the login page', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    try {
      await login(page, server.url, 'chuyenvien');
      await page.getByTestId('user-menu').click();
      await page.getByText('Đăng xuất').click();
      await page.getByTestId('login-page').waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
      // The session is gone: a protected page sends back to login.
      await page.goto(`${server.url}/mot-cua/ho-so`);
      await page.getByTestId('login-page').waitFor();
    } finally {
      await context.close();
    }
  });
});
