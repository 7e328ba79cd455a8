/** What a reader does in a real browser: navigate, switch theme, read on a phone. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { BASE_URL, launchBrowser, openPage } from '../support/browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('home → postmortems → an entry → its service → back', async () => {
  const { page, errors } = await openPage(browser, '/');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Postmortems' }).click();
  await page.waitForURL(`${BASE_URL}/postmortems/`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Postmortems');
  const firstEntry = page.locator('main table tbody tr').first().getByRole('link').first();
  const entryTitle = (await firstEntry.textContent())!.trim();
  await firstEntry.click();
  await page.waitForURL(/\/postmortems\/[a-z0-9-]+\/$/);
  const entryUrl = page.url();
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent())!.trim(), entryTitle);
  // In the entry (the header's navigation links to /services/ too).
  const serviceLink = page.getByRole('main').getByRole('list').locator('a[href^="/services/"]').first();
  const serviceName = (await serviceLink.textContent())!.trim();
  await serviceLink.click();
  await page.waitForURL(/\/services\/[a-z0-9-]+\/$/);
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent())!.trim(), serviceName);
  assert.ok(await page.locator(`main a[href="${new URL(entryUrl).pathname}"]`).count(), 'the service page links back to the incident');
  await page.goBack();
  assert.equal(page.url(), entryUrl);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the theme toggle switches theme and the choice persists across pages and reloads', async () => {
  const { page } = await openPage(browser, '/', { colorScheme: 'light' });
  // The page background tells which theme is in force: white, or the dark theme's #15181d.
  const theme = () =>
    page.evaluate(() =>
      getComputedStyle(document.body).backgroundColor === 'rgb(255, 255, 255)'
        ? 'light'
        : getComputedStyle(document.body).backgroundColor === 'rgb(21, 24, 29)'
          ? 'dark'
          : 'unknown',
    );
  assert.equal(await theme(), 'light');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.click();
  assert.equal(await theme(), 'dark');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await page.getByRole('link', { name: 'SLOs' }).first().click();
  await page.waitForURL(`${BASE_URL}/slos/`);
  assert.equal(await theme(), 'dark');
  await page.reload();
  assert.equal(await theme(), 'dark');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  assert.equal(await theme(), 'light');
  await page.context().close();
});

test('the system dark setting is followed when no choice was made', async () => {
  const { page } = await openPage(browser, '/handbook/', { colorScheme: 'dark' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(21, 24, 29)');
  assert.equal(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed'), 'true');
  await page.context().close();
});

test('a 360 px phone reads a postmortem without horizontal scrolling', async () => {
  const { page, errors } = await openPage(browser, '/postmortems/', { viewport: { width: 360, height: 740 } });
  await page.locator('main table tbody a').first().click();
  await page.waitForURL(/\/postmortems\/[a-z0-9-]+\/$/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the viewport`);
  // The sections sit behind the header's menu button on a phone.
  const sections = page.getByRole('navigation', { name: 'Sections' });
  assert.ok(!(await sections.isVisible()));
  await page.getByRole('button', { name: 'Menu' }).click();
  assert.ok(await sections.isVisible());
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('an unknown address shows the 404 page', async () => {
  const { page, status } = await openPage(browser, '/postmortems/no-such-incident/');
  assert.equal(status, 404);
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent())!.trim(), 'Page not found');
  await page.context().close();
});

test('skip link moves focus to the content', async () => {
  const { page } = await openPage(browser, '/');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.textContent);
  assert.equal(focused, 'Skip to content');
  await page.context().close();
});
