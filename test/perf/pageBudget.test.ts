import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, launchBrowser, openPage, SIZES } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * Hall PCs are old and the LAN is slow: each page's code and styles stay under 150 KB gzipped
 * (counting every chunk the page can load, lazy ones too), and each page shows its main element
 * without an error. How fast it shows it is measured by `npm run bench timing`, not asserted here.
 */
const PAGES = ['kiosk', 'display', 'counter', 'pad', 'phone'] as const;
const LIMIT = 150 * 1024;
/** Figures of this run, kept in test-results/page-budgets.json for people to compare over time. */
const figures: Record<string, { gzipBytes?: number }> = {};
const record = (page: string, f: { gzipBytes?: number }) => {
  figures[page] = { ...figures[page], ...f };
  mkdirSync(join(DIST, '..', 'test-results'), { recursive: true });
  writeFileSync(join(DIST, '..', 'test-results', 'page-budgets.json'), JSON.stringify(figures, null, 2));
};

/** The page's HTML entry plus every JS/CSS chunk reachable from it, static or dynamic import. */
function pageFiles(page: string): string[] {
  const seen = new Set<string>();
  const visit = (text: string) => {
    for (const m of text.matchAll(/([\w.-]+\.(?:js|css))\b/g)) {
      const file = join(DIST, 'assets', m[1]!);
      if (seen.has(file) || !existsSync(file)) continue;
      seen.add(file);
      if (file.endsWith('.js')) visit(readFileSync(file, 'utf8'));
    }
  };
  visit(readFileSync(join(DIST, page, 'index.html'), 'utf8'));
  return [...seen];
}

describe('page budgets', () => {
  for (const page of PAGES) {
    it(`${page}: script and styles under 150 KB gzipped`, () => {
      const files = pageFiles(page);
      expect(files.some((f) => f.endsWith('.js'))).toBe(true);
      const gz = files.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
      record(page, { gzipBytes: gz });
      expect(gz).toBeLessThan(LIMIT);
    });
  }

  it('the QR encoder and the charts are not in the pages that do not use them', () => {
    const has = (page: string, marker: RegExp) => pageFiles(page).some((f) => marker.test(readFileSync(f, 'utf8')));
    const qr = /QR Code|qrcode|toDataURL/;
    expect(has('kiosk', qr)).toBe(true);
    for (const p of ['display', 'counter', 'pad']) expect(has(p, qr)).toBe(false);
    for (const p of PAGES) expect(has(p, /echarts/i)).toBe(false);
  });
});

describe('each page loads', () => {
  let h: TestHub;
  let browser: Browser;
  beforeAll(async () => {
    h = await startHub({ webDir: DIST, start: '2026-11-23T09:00:00+08:00' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const urls: Record<(typeof PAGES)[number], [string, keyof typeof SIZES]> = {
    kiosk: ['/kiosk', 'kiosk'],
    display: ['/display', 'display'],
    counter: ['/counter', 'counter'],
    pad: ['/rate/1', 'pad'],
    phone: ['/t/unknown-ticket', 'phone'],
  };
  for (const page of PAGES) {
    it(`${page}: shows its main element with no error`, async () => {
      const [path, size] = urls[page];
      const { page: p, context, errors } = await openPage(browser, h.url + path, SIZES[size]);
      await p.locator('#main').waitFor();
      expect(errors.filter((e) => !/404|Not Found/i.test(e))).toEqual([]);
      await context.close();
    });
  }
});
