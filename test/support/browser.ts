import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core (no downloaded browsers on hall machines or CI). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

export const ROOT = new URL('../..', import.meta.url).pathname;
/** Built pages; `HALL_WEB_DIR` points browser tests at another build so it need not overwrite `dist/`. */
export const DIST = process.env.HALL_WEB_DIR ?? join(ROOT, 'dist');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface Size {
  width: number;
  height: number;
}
export const SIZES = {
  display: { width: 1920, height: 1080 },
  kiosk: { width: 1080, height: 1920 },
  counter: { width: 1366, height: 768 },
  pad: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} satisfies Record<string, Size>;

/**
 * A page in its own context (own storage, own network switch for offline tests) at a device's size.
 * Console errors are collected so a test can assert a page ran clean.
 */
export async function openPage(browser: Browser, url: string, size: Size, opts: { mobile?: boolean; initScript?: () => void } = {}): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({
    viewport: size,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    isMobile: opts.mobile ?? false,
    hasTouch: opts.mobile ?? false,
  });
  if (opts.initScript) await context.addInitScript(opts.initScript);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  return { page, context, errors };
}

/** Saves `test-results/screenshots/<name>.png` for people to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false, animations: 'disabled' });
  return path;
}
