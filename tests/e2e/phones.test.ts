/**
 * What a reader does on a phone (390 px) and a desktop (1280 px): the header menu opens and
 * closes by mouse and keyboard, search shows results before the filters, the filters and a long
 * facet collapse and expand, statuses follow the checked type, charts and quick search still work.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, searchSettled } from '../support/browser.ts';
import { loadHandbook } from '../../src/build/load.ts';
import { readEnvironment } from '../../src/build/env.ts';
import { navSections } from '../../src/core/routes.ts';

const { model } = loadHandbook(readEnvironment(process.env, { root: join(import.meta.dirname, '..', '..') }));
const PHONE = { width: 390, height: 900 };
const DESKTOP = { width: 1280, height: 900 };

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`phone, ${colorScheme}: the header is one compact row and the menu opens and closes with the mouse`, async () => {
    const { page, errors } = await openPage(browser, '/postmortems/', { colorScheme, viewport: PHONE });
    const menu = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Sections' });
    const header = await page.locator('.site-header').boundingBox();
    assert.ok(header!.height <= 80, `the header is ${header!.height} px tall`);
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.ok(!(await nav.isVisible()), 'the sections are behind the menu');
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    assert.ok(await nav.isVisible());
    const labels = (await nav.getByRole('link').allTextContents()).map((text) => text.trim());
    assert.deepEqual(
      labels,
      navSections().map((section) => section.label),
      'every section, Services, Teams and Tags included',
    );
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.ok(!(await nav.isVisible()));
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}

test('phone: the menu opens with Enter, its links are reachable with Tab, Escape closes it and returns focus', async () => {
  const { page, errors } = await openPage(browser, '/', { viewport: PHONE });
  const menu = page.getByRole('button', { name: 'Menu' });
  await menu.focus();
  await page.keyboard.press('Enter');
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
  assert.equal(focused, navSections()[0]!.label, 'Tab moves from the button into the menu');
  await page.keyboard.press('Escape');
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.ok(await menu.evaluate((element) => element === document.activeElement), 'focus is back on the button');
  await page.keyboard.press('Space');
  assert.equal(await menu.getAttribute('aria-expanded'), 'true', 'Space opens it too');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('desktop: no menu button, the sections are always shown, the current one is marked', async () => {
  const { page, errors } = await openPage(browser, '/services/', { viewport: DESKTOP });
  assert.ok(!(await page.getByRole('button', { name: 'Menu' }).isVisible()));
  const nav = page.getByRole('navigation', { name: 'Sections' });
  assert.ok(await nav.isVisible());
  assert.equal((await nav.locator('[aria-current="page"]').textContent())!.trim(), 'Services');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('phone: /search/?q=slot shows the first result within the first screen, the filters behind "Filters (n)"', async () => {
  const { page, errors } = await openPage(browser, '/search/?q=slot&type=postmortem', { viewport: PHONE });
  await searchSettled(page, 'for “slot”');
  const first = await page.locator('#search-results > li').first().boundingBox();
  assert.ok(first && first.y < 900, `the first result starts at ${first?.y} px`);
  const toggle = page.locator('#search-filters-toggle');
  assert.equal((await toggle.textContent())!.trim(), 'Filters (1)', 'the button counts the checked filters');
  const facets = page.locator('#search-facets');
  assert.ok(!(await facets.isVisible()), 'the facets start collapsed');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.ok(await facets.isVisible());
  await toggle.click();
  assert.ok(!(await facets.isVisible()));
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('"Show all N" shows every value of a long facet and "Show fewer" hides them again', async () => {
  const { page, errors } = await openPage(browser, '/search/', { viewport: DESKTOP });
  const tags = page.locator('#search-facets fieldset[data-facet="tag"]');
  await tags.waitFor();
  const visible = () => tags.locator('li:visible').count();
  assert.equal(await visible(), 8, 'the first 8 tags');
  const total = await tags.locator('li').count();
  assert.ok(total > 8, `${total} tags in the index`);
  await tags.getByRole('button', { name: `Show all ${total}` }).click();
  assert.equal(await visible(), total);
  const toggle = tags.getByRole('button', { name: 'Show fewer' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await toggle.click();
  assert.equal(await visible(), 8);
  assert.equal(await tags.getByRole('button', { name: `Show all ${total}` }).getAttribute('aria-expanded'), 'false');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('statuses are grouped by type, and checking a type leaves only its statuses', async () => {
  const { page, errors } = await openPage(browser, '/search/', { viewport: DESKTOP });
  const status = page.locator('#search-facets fieldset[data-facet="status"]');
  await status.waitFor();
  const groups = async () => (await status.locator('.facet-group:visible .facet-group-label').allTextContents()).map((text) => text.trim());
  const all = await groups();
  const empty = await status
    .locator('.facet-group')
    .evaluateAll(
      (boxes) => boxes.filter((box) => !(box as HTMLElement).hidden && box.querySelectorAll('li:not([hidden])').length === 0).length,
    );
  assert.equal(empty, 0, 'every group shows its statuses');
  assert.ok(
    all.includes('SLO') && all.includes('Handbook page') && all.some((label) => label.includes('PRD')),
    `groups: ${all.join(', ')}`,
  );
  await page.locator('#search-facets input[name="type"][value="slo"]').check();
  await searchSettled(page, 'filtered by Type: SLO');
  assert.deepEqual(await groups(), ['SLO']);
  const sloStatuses = await status
    .locator('.facet-group:visible input')
    .evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).value).sort());
  assert.deepEqual(sloStatuses, [...new Set(model.slos.map((slo) => slo.budget.status))].sort());
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('phone: chart text stays at least 11 px on insights and an SLO page', async () => {
  for (const path of ['/insights/', model.slos[0]!.url]) {
    const { page, errors } = await openPage(browser, path, { viewport: PHONE });
    const sizes = await page.evaluate(() =>
      [...document.querySelectorAll('figure.chart svg')]
        .filter((svg) => (svg as SVGSVGElement).getBoundingClientRect().width > 0)
        .flatMap((svg) => [...svg.querySelectorAll('text')].map((text) => text.getBoundingClientRect().height)),
    );
    assert.ok(sizes.length > 0, `${path} shows chart text`);
    // A text box is about 1.2 × the font size; 11 px text is about 13 px tall.
    assert.ok(Math.min(...sizes) >= 12.5, `${path}: smallest chart text box ${Math.min(...sizes)} px`);
    assert.deepEqual(errors, []);
    await page.context().close();
  }
});

test('phone: the quick search opens from the header button and finds an entry', async () => {
  const { page, errors } = await openPage(browser, '/', { viewport: PHONE });
  await page.locator('#quick-search-open').click();
  const dialog = page.getByRole('dialog', { name: 'Quick search' });
  await dialog.waitFor();
  const service = model.services[0]!;
  await dialog.getByRole('textbox').fill(service.title);
  await dialog.locator(`a.quick-search-result[href="${service.url}"]`).click();
  await page.waitForURL((url) => url.pathname === service.url);
  assert.deepEqual(errors, []);
  await page.context().close();
});
