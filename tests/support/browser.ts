/**
 * Chromium for browser tests: Debian's `/usr/bin/chromium` (or `CHROMIUM_PATH`), falling back to
 * Playwright's own browser where one is installed.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:4321';

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  return candidates.find((path) => existsSync(path));
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Opens a page at a site path and fails on any console error or failed request. */
export async function openPage(
  browser: Browser,
  path: string,
  options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {},
): Promise<{ page: Page; errors: string[]; status: number }> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  const response = await page.goto(new URL(path, BASE_URL).href);
  return { page, errors, status: response?.status() ?? 0 };
}

/**
 * Waits until the search page has finished a search: the live region names it, the results are
 * in, and the facet counts are those of the results (they come a moment after the results).
 */
export async function searchSettled(page: Page, fragment: string): Promise<void> {
  await page.waitForFunction(
    (text) =>
      (document.getElementById('search-status')?.textContent ?? '').includes(text) &&
      document.getElementById('search-results')?.getAttribute('aria-busy') !== 'true' &&
      document.getElementById('search-facets')?.dataset.counts === 'ready',
    fragment,
  );
}
