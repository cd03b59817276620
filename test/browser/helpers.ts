import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loginInBrowser, screenshot } from '../support/browser.ts';

export const DESKTOP = { width: 1366, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** A fresh context (own cookies and storage) with one page. */
export async function newPage(browser: Browser, viewport = DESKTOP, options: { bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  // bypassCSP lets axe-core be injected as a script tag (the app's CSP allows no inline script).
  // Reduced motion switches antd's animations off: clicks never land on a dialog still zooming in,
  // which on a loaded machine made the tests flaky.
  const context = await browser.newContext({
    viewport,
    locale: 'vi-VN',
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
    bypassCSP: options.bypassCSP ?? false,
  });
  context.setDefaultTimeout(45_000);
  const page = await context.newPage();
  // Surface the app's own errors in the test output.
  page.on('pageerror', (error) => console.error(`[pageerror] ${error.message}`));
  return { context, page };
}

/** Logs in and waits for the signed-in shell. */
export async function login(page: Page, baseUrl: string, username: string): Promise<void> {
  await loginInBrowser(page, baseUrl, username);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.getByTestId('user-menu').waitFor();
}

/** The session's CSRF token, as the web app keeps it (for API calls made with page.request). */
export async function csrfOf(page: Page): Promise<string> {
  const token = await page.evaluate(() => sessionStorage.getItem('congvu.csrf'));
  if (!token) throw new Error('no CSRF token in sessionStorage');
  return token;
}

const AXE = path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core (WCAG 2.x A and AA rules) and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Let dialogs and drawers finish fading in: half-transparent text would fail the contrast rule.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, { timeout: 5_000 }).catch(() => undefined);
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A full-page screenshot taken from the top (a sticky header would otherwise be drawn mid-page). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await screenshot(page, name);
}
