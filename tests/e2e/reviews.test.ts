/** What a reviewer does: find the next review session, read its pack on a phone, print it, subscribe to the team calendar. */
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

test('insights → review sessions → a pack → its open questions → a similar past incident', async () => {
  const { page, errors } = await openPage(browser, '/insights/');
  await page
    .getByRole('region', { name: 'Error-budget policy: freezes and factor shares' })
    .getByRole('link', { name: 'Review sessions' })
    .click();
  await page.waitForURL(`${BASE_URL}/reviews/`);
  await page.getByRole('link', { name: /8 December 2026: Postmortem review/ }).click();
  await page.waitForURL(`${BASE_URL}/reviews/2026-12-08/`);
  assert.match((await page.getByRole('heading', { level: 1 }).textContent())!, /Review pack for Tuesday,? 8 December 2026/);
  const pack = page.getByRole('article', { name: 'Duplicate waitlist offers after the hold-expiry fix' });
  const questions = pack.locator('ol.questions > li');
  assert.equal(await questions.count(), 2);
  assert.match((await questions.first().textContent())!, /^Did the error-budget freeze push us/);
  await pack.getByRole('link', { name: 'Slot booking errors during Sunday slot release' }).click();
  await page.waitForURL(`${BASE_URL}/postmortems/slot-booking-hold-expiry-backlog/`);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the pack reads on a phone without sideways scrolling, and prints without the site chrome', async () => {
  const { page } = await openPage(browser, '/reviews/2026-12-08/', { viewport: { width: 390, height: 844 } });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal overflow at 390 px');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').evaluate((header) => getComputedStyle(header).display), 'none');
  assert.ok(await page.getByText(/Read by Monday,? 7 December 2026/).isVisible());
  await page.context().close();
});

test('a team page links its calendar, which is served as iCalendar', async () => {
  const { page } = await openPage(browser, '/teams/fulfilment/');
  const link = page.getByRole('link', { name: 'Due dates and review sessions (iCalendar)' });
  assert.equal(await link.getAttribute('href'), '/teams/fulfilment/calendar.ics');
  const response = await page.request.get(`${BASE_URL}/teams/fulfilment/calendar.ics`);
  assert.equal(response.status(), 200);
  assert.match(await response.text(), /^BEGIN:VCALENDAR\r\n/);
  await page.context().close();
});
