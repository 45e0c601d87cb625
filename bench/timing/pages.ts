import { launchBrowser, openPage, SIZES } from '../../test/support/browser.ts';
import { startHub } from '../../test/support/hub.ts';

export interface RenderFigure {
  page: string;
  ms: number;
}

const PAGES: [string, string, keyof typeof SIZES][] = [
  ['kiosk', '/kiosk', 'kiosk'],
  ['display', '/display', 'display'],
  ['counter', '/counter', 'counter'],
  ['pad', '/rate/1', 'pad'],
  ['phone', '/t/unknown-ticket', 'phone'],
];

/**
 * Navigation to the page's `#main` element, in Chromium against an in-process hub serving the
 * built pages (`HALL_WEB_DIR` or dist/). The first load warms the browser and the file cache; the
 * best of the next three is the figure. The reference is the same measure on a page of inline
 * HTML served by the same hub's origin: what the browser costs before any of our code runs.
 */
export async function firstRender(webDir: string): Promise<{ pages: RenderFigure[]; referenceMs: number }> {
  const h = await startHub({ webDir, start: '2026-11-23T09:00:00+08:00' });
  const browser = await launchBrowser();
  try {
    const measure = async (url: string, size: keyof typeof SIZES) => {
      const { page, context } = await openPage(browser, 'about:blank', SIZES[size]);
      let best = Infinity;
      for (let run = 0; run < 4; run++) {
        await page.goto(url);
        await page.locator('#main').waitFor();
        const ms = await page.evaluate(() => performance.now() - (performance.getEntriesByType('navigation')[0]?.startTime ?? 0));
        if (run > 0) best = Math.min(best, ms);
      }
      await context.close();
      return best;
    };
    const pages: RenderFigure[] = [];
    for (const [name, path, size] of PAGES) pages.push({ page: name, ms: await measure(h.url + path, size) });
    const referenceMs = await measure(`data:text/html,<main id="main">hall</main>`, 'display');
    return { pages, referenceMs };
  } finally {
    await browser.close();
    await h.close();
  }
}
