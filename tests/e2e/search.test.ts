/**
 * Search in Chromium against the built example handbook: the search page (query, facets, URL
 * state, sort, announcements) and the quick-search dialog (keyboard, lazy loading, reaching an
 * entry). Expected entries come from the model of the same content and as-of instant. The test
 * build's index is in several small shards (scripts/test.ts), so every search here merges them;
 * the shard tests check results, date order and counts across shards explicitly.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, launchBrowser, openPage, searchSettled } from '../support/browser.ts';
import { loadHandbook } from '../../src/build/load.ts';
import { readEnvironment } from '../../src/build/env.ts';
import type { AnyView } from '../../src/core/model.ts';
import { searchMeta } from '../../src/core/search.ts';
import { SHARD_MANIFEST_URL, UNDATED, type ShardManifest } from '../../src/core/search-shards.ts';
import { readDistJson } from '../support/dist.ts';

const { model } = loadHandbook(readEnvironment(process.env, { root: join(import.meta.dirname, '..', '..') }));
const entries = model.all();
const topSeverity = model.config.severities[0]!.id;
const topSeverityUrls = model.postmortems
  .filter((pm) => pm.severity === topSeverity)
  .map((pm) => pm.url)
  .sort();

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 5 && !/^\d+$/.test(word));
/** A word of the entry's title that no other entry's title contains, so any other hit is a body match. */
function titleOnlyWord(view: AnyView): string | undefined {
  const others = entries.filter((other) => other.url !== view.url).map((other) => other.title.toLowerCase());
  return words(view.title).find((word) => others.every((title) => !title.includes(word.slice(0, 5))));
}
const target = model.postmortems.filter((pm) => pm.data.status === 'published').find((pm) => titleOnlyWord(pm));
assert.ok(target, 'the example has a published postmortem with a distinctive title word');
const targetWord = titleOnlyWord(target)!;

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const path = (href: string) => new URL(href, BASE_URL).pathname;
async function resultUrls(page: Page): Promise<string[]> {
  return (
    await page.locator('#search-results > li h3 a').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href))
  ).map(path);
}
const facetBox = (page: Page, facet: string, value: string) =>
  page.locator(`#search-facets input[type=checkbox][name="${facet}"][value="${value}"]`);

test(`a word from a postmortem's title ("${targetWord}") finds it first, above body matches`, async () => {
  const { page, errors } = await openPage(browser, '/search/');
  const box = page.getByRole('searchbox', { name: 'Search the handbook' });
  await box.fill(targetWord);
  await searchSettled(page, `for “${targetWord}”`);
  const urls = await resultUrls(page);
  assert.equal(urls[0], target.url, `top results for "${targetWord}": ${urls.slice(0, 5).join(', ')}`);
  const status = (await page.getByRole('status').filter({ hasText: 'result' }).textContent())!;
  assert.match(status, new RegExp(`^${urls.length} results? for “${targetWord}”`), 'the live region announces the count');
  assert.equal(new URL(page.url()).searchParams.get('q'), targetWord, 'the query is kept in the URL');
  const first = page.locator('#search-results > li').first();
  assert.equal((await first.locator('h3').textContent())!.trim(), target.title);
  assert.ok(await first.locator('.badge', { hasText: 'Postmortem' }).count(), 'a type badge');
  assert.ok(await first.locator('.badge', { hasText: target.severity }).count(), 'a severity badge');
  assert.equal((await first.locator('.search-result-summary').textContent())!.trim(), target.data.summary);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test(`the ${topSeverity} facet narrows results to exactly the ${topSeverity} postmortems; every facet is offered`, async () => {
  const { page, errors } = await openPage(browser, '/search/');
  await page.locator('#search-facets fieldset').first().waitFor();
  const legends = await page.locator('#search-facets legend').allTextContents();
  assert.deepEqual(legends, ['Type', 'Severity', 'Service', 'Team', 'Status', 'Year', 'Tag', 'Kind']);
  const sev = facetBox(page, 'severity', topSeverity);
  const label = page.locator(`label[for="${await sev.getAttribute('id')}"]`);
  assert.match((await label.textContent())!, new RegExp(`\\(${topSeverityUrls.length}\\)$`), 'the facet shows its count');
  await sev.check();
  await searchSettled(page, `${topSeverity}`);
  assert.deepEqual((await resultUrls(page)).sort(), topSeverityUrls);
  assert.deepEqual(new URL(page.url()).searchParams.getAll('severity'), [topSeverity]);
  // With a query too: still only top-severity postmortems.
  await page.getByRole('searchbox', { name: 'Search the handbook' }).fill('customers');
  await searchSettled(page, 'for “customers”');
  const narrowed = await resultUrls(page);
  assert.ok(narrowed.length > 0 && narrowed.every((url) => topSeverityUrls.includes(url)), `query + facet: ${narrowed.join(', ')}`);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a shared URL restores the query, the facets, the sort order and the results', async () => {
  const pm = model.postmortems.find((view) => view.severity === topSeverity && titleOnlyWord(view)) ?? target;
  const word = titleOnlyWord(pm)!;
  const { page, errors } = await openPage(
    browser,
    `/search/?q=${encodeURIComponent(word)}&severity=${pm.severity}&type=postmortem&sort=date`,
  );
  await searchSettled(page, `for “${word}”`);
  assert.equal(await page.getByRole('searchbox', { name: 'Search the handbook' }).inputValue(), word);
  assert.ok(await facetBox(page, 'severity', pm.severity).isChecked());
  assert.ok(await facetBox(page, 'type', 'postmortem').isChecked());
  assert.equal(await page.getByLabel('Sort by').inputValue(), 'date');
  const urls = await resultUrls(page);
  assert.equal(urls[0], pm.url);
  const expected = model.postmortems.filter((view) => view.severity === pm.severity).map((view) => view.url);
  assert.ok(
    urls.every((url) => expected.includes(url)),
    'only entries matching the restored facets',
  );
  assert.match((await page.locator('#search-status').textContent())!, /filtered by Type: Postmortem; Severity: /);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('sorting by date lists the newest first and keeps undated entries (teams) at the end', async () => {
  const { page, errors } = await openPage(browser, '/search/?type=postmortem&type=team&sort=date');
  await searchSettled(page, 'results');
  const urls = await allResultUrls(page);
  const expected = [...model.postmortems].sort((a, b) => b.date!.localeCompare(a.date!)).map((view) => view.url);
  assert.deepEqual(urls.slice(0, expected.length), expected, 'postmortems newest first');
  assert.deepEqual(urls.slice(expected.length).sort(), model.teams.map((team) => team.url).sort(), 'teams (no date) are not dropped');
  assert.deepEqual(errors, []);
  await page.context().close();
});

const manifest = readDistJson<ShardManifest>(SHARD_MANIFEST_URL.slice(1));
const byUrl = new Map(entries.map((view) => [view.url, view]));
/** The dated shard an entry's date falls in (the index in the manifest), or "undated". */
function shardOf(url: string): number | 'undated' {
  const date = byUrl.get(url)?.date;
  if (!date) return 'undated';
  return manifest.shards.findIndex((shard) => shard.from !== UNDATED && shard.from <= date && date <= shard.to);
}
/** Every result of the current search: "Show more" until it goes away. */
async function allResultUrls(page: Page): Promise<string[]> {
  const more = page.locator('#search-more');
  while (await more.isVisible()) {
    const count = await page.locator('#search-results > li').count();
    await more.click();
    await page.waitForFunction((before) => document.querySelectorAll('#search-results > li').length > before, count);
  }
  return resultUrls(page);
}
/** The count a facet value shows, "(n)" in its label. */
async function facetCount(page: Page, facet: string, value: string): Promise<number> {
  const id = await facetBox(page, facet, value).getAttribute('id');
  return Number(/\((\d+)\)$/.exec((await page.locator(`label[for="${id}"]`).textContent())!.trim())?.[1]);
}
const tally = (values: string[]) =>
  values.reduce<Record<string, number>>((counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }), {});

test("the facet totals come with the index's manifest; the filter files load after the first results, for counts within them", async () => {
  const { page, errors } = await openPage(browser, '/search/');
  const filterFiles: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.pf_filter')) filterFiles.push(path(request.url()));
  });
  await page.locator('#search-facets fieldset').first().waitFor();
  await page.waitForFunction(() => document.getElementById('search-facets')?.dataset.counts === 'ready');
  for (const severity of model.config.severities.map((level) => level.id)) {
    const expected = model.postmortems.filter((pm) => pm.severity === severity).length;
    if (expected) assert.equal(await facetCount(page, 'severity', severity), expected, `${severity} over the whole index`);
  }
  assert.equal(await facetCount(page, 'type', 'postmortem'), model.postmortems.length);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(filterFiles, [], 'no filter file is needed for the totals');

  await page.getByRole('searchbox', { name: 'Search the handbook' }).fill(targetWord);
  await searchSettled(page, `for “${targetWord}”`);
  assert.ok(filterFiles.length >= manifest.shards.length, `filter files of every shard: ${filterFiles.length}`);
  const found = (await allResultUrls(page)).map((url) => byUrl.get(url)!);
  assert.equal(
    await facetCount(page, 'type', 'postmortem'),
    found.filter((view) => view.collection === 'postmortems').length,
    'counts within the results',
  );
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('across shards: a query finds entries in several shards, and each facet counts exactly the results it would give', async () => {
  assert.ok(manifest.shards.length >= 3, `the test build has ${manifest.shards.length} shards`);
  const word = 'customers';
  const { page, errors } = await openPage(browser, `/search/?q=${word}`);
  await searchSettled(page, `for “${word}”`);
  const urls = await allResultUrls(page);
  const shards = new Set(urls.map(shardOf));
  assert.ok(shards.size >= 3, `results from ${shards.size} shards: ${[...shards].join(', ')}`);
  assert.equal(new Set(urls).size, urls.length, 'no entry twice');
  assert.match((await page.locator('#search-status').textContent())!, new RegExp(`^${urls.length} results for`));
  const views = urls.map((url) => byUrl.get(url)!);
  const types = tally(views.map((view) => searchMeta(view).type));
  for (const [type, count] of Object.entries(types)) assert.equal(await facetCount(page, 'type', type), count, `type ${type}`);
  const severities = tally(views.flatMap((view) => (view.collection === 'postmortems' ? [view.severity] : [])));
  for (const [severity, count] of Object.entries(severities))
    assert.equal(await facetCount(page, 'severity', severity), count, `severity ${severity}`);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('across shards: newest first finds the same entries as relevance, in date order over every shard, undated last', async () => {
  const word = 'customers';
  const { page, errors } = await openPage(browser, `/search/?q=${word}`);
  await searchSettled(page, `for “${word}”`);
  const byRelevance = await allResultUrls(page);
  await page.getByLabel('Sort by').selectOption('date');
  await page.waitForURL((url) => url.searchParams.get('sort') === 'date');
  await searchSettled(page, `for “${word}”`);
  const byDate = await allResultUrls(page);
  assert.deepEqual([...byDate].sort(), [...byRelevance].sort(), 'the same entries');
  const dates = byDate.map((url) => byUrl.get(url)!.date ?? UNDATED);
  assert.deepEqual(dates, [...dates].sort().reverse(), `newest first, undated last: ${dates.join(' ')}`);
  assert.ok(new Set(byDate.map(shardOf)).size >= 3, 'the sorted list runs over several shards');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('quick search: / opens it only on demand, Enter reaches an entry, Ctrl+K and a click reach another, Escape returns focus', async () => {
  const { page, errors } = await openPage(browser, '/postmortems/');
  const searchRequests: string[] = [];
  page.on('request', (request) => {
    if (/\/(_astro\/quick-search\.|pagefind\/)/.test(request.url())) searchRequests.push(path(request.url()));
  });
  await page.waitForLoadState('networkidle');
  assert.equal(searchRequests.join(', '), '', 'no search code is loaded before quick search is opened');

  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Quick search' });
  await dialog.waitFor();
  const input = dialog.getByRole('textbox', { name: 'Search the handbook' });
  assert.ok(await input.evaluate((element) => element === document.activeElement), 'the search box has focus');
  assert.ok(
    searchRequests.some((url) => /^\/_astro\/quick-search\.[\w-]+\.js$/.test(url)),
    'the dialog module is fetched on first open',
  );
  await input.fill(targetWord);
  await dialog.locator('.quick-search-result').first().waitFor();
  assert.match((await dialog.getByRole('status').textContent())!, /results? for “/);
  await input.press('Enter');
  await page.waitForURL(`${BASE_URL}${target.url}`);

  // Ctrl+K from the entry page; Escape closes and focus returns to where it was.
  const focusBefore = page.locator('.site-name');
  await focusBefore.focus();
  await page.keyboard.press('Control+k');
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.ok(await focusBefore.evaluate((element) => element === document.activeElement), 'focus returns after Escape');

  const other = model.services[0]!;
  await page.keyboard.press('Control+k');
  await dialog.waitFor();
  await input.fill(other.title);
  const link = dialog.locator(`a.quick-search-result[href="${other.url}"]`);
  await link.waitFor();
  await link.click();
  await page.waitForURL(`${BASE_URL}${other.url}`);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the header button opens quick search, and / typed into a text field stays text', async () => {
  const { page, errors } = await openPage(browser, '/search/');
  const box = page.getByRole('searchbox', { name: 'Search the handbook' });
  await page.locator('#search-facets fieldset').first().waitFor();
  await box.fill('');
  await box.pressSequentially('a/b');
  assert.equal(await box.inputValue(), 'a/b', '/ is typed, not a shortcut');
  assert.equal(await page.getByRole('dialog').count(), 0, 'no dialog while typing');
  await page.locator('#quick-search-open').click();
  const dialog = page.getByRole('dialog', { name: 'Quick search' });
  await dialog.waitFor();
  await page.keyboard.type('x/y');
  assert.equal(await dialog.getByRole('textbox').inputValue(), 'x/y');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.ok(
    await page.locator('#quick-search-open').evaluate((element) => element === document.activeElement),
    'focus returns to the button',
  );
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('without JavaScript the form still submits and the page says results need JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(new URL('/search/', BASE_URL).href);
  // Chromium with scripting disabled through the DevTools protocol still parses <noscript> as raw
  // text, so the message is checked in the markup rather than as rendered text.
  const noscript = await page.locator('noscript').evaluateAll((elements) => elements.map((element) => element.textContent ?? '').join(' '));
  assert.match(noscript, /Search results need JavaScript/);
  assert.equal(await page.locator('form[role=search]').getAttribute('method'), 'get');
  await page.getByRole('searchbox', { name: 'Search the handbook' }).fill(targetWord);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/search/' && url.searchParams.get('q') === targetWord);
  assert.equal(
    await page.locator('#quick-search-open').getAttribute('href'),
    '/search/',
    'the header button is a plain link without JavaScript',
  );
  await context.close();
});

test('the search page has no console errors through a whole session', async () => {
  const { page, errors } = await openPage(browser, `/search/?q=${encodeURIComponent(targetWord)}`);
  await searchSettled(page, 'for “');
  await facetBox(page, 'type', 'postmortem').check();
  await searchSettled(page, 'filtered by Type');
  await page.getByLabel('Sort by').selectOption('date');
  await searchSettled(page, 'results');
  await page.getByRole('searchbox', { name: 'Search the handbook' }).fill('zzzznothingmatches');
  await searchSettled(page, '0 results');
  assert.deepEqual(errors, []);
  await page.context().close();
});
