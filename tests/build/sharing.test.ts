/**
 * Sharing, on the built example handbook (ALMANAC_DIST): every page's card, social metadata and
 * canonical URL; the feeds, sitemap and calendar parse and match the model; and the card cache
 * really skips unchanged cards on the next build.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DIST, distFiles, readDist, readDistJson } from '../support/dist.ts';
import { decodeEntities } from '../support/html.ts';
import { childrenNamed, childText, parseXml } from '../support/xml.ts';
import { parseIcal, prop } from '../support/ical.ts';
import { readEnvironment } from '../../src/build/env.ts';
import { loadHandbook } from '../../src/build/load.ts';
import { cardPath } from '../../src/core/model.ts';
import { cardInputs } from '../../src/outputs/og/card.ts';
import { cardCacheDir, renderCards } from '../../src/outputs/og/render.ts';
import type { OgLastRun } from '../../src/integration/og-cards.ts';

const root = join(import.meta.dirname, '..', '..');
const { model } = loadHandbook(readEnvironment(process.env, { root }));
const files = distFiles();
const htmlFiles = files.filter((file) => file.endsWith('.html'));
const site = model.site.url;

/** `https://site/postmortems/x/` → `postmortems/x/index.html` (or the file itself). */
function distFileOf(url: string): string | undefined {
  if (!url.startsWith(`${site}/`)) return undefined;
  const path = decodeURI(new URL(url).pathname).replace(/^\//, '');
  const candidate = path === '' || path.endsWith('/') ? `${path}index.html` : path;
  return files.includes(candidate) ? candidate : undefined;
}

/**
 * Attributes of every `<tag …>`, entities decoded. Quoted values may hold `>` (a title with markup
 * does: `content="Checkout <script>…"` is valid HTML), so tags are matched attribute by attribute.
 */
function tags(html: string, name: string): Record<string, string>[] {
  const tag = new RegExp(`<${name}\\b((?:\\s+[^\\s=>/]+(?:\\s*=\\s*(?:"[^"]*"|'[^']*'|[^\\s>"']+))?)*)\\s*/?>`, 'gi');
  return [...html.matchAll(tag)].map((match) => {
    const attributes: Record<string, string> = {};
    for (const attribute of match[1].matchAll(/([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
      attributes[attribute[1].toLowerCase()] = decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
    }
    return attributes;
  });
}

const metaContent = (html: string, key: string) => tags(html, 'meta').find((meta) => meta.property === key || meta.name === key)?.content;
const canonicalOf = (html: string) => tags(html, 'link').find((link) => link.rel === 'canonical')?.href;

function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(join(DIST, file));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`);
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test('every entry page has og:image pointing at its card, a 1200×630 PNG in the build', () => {
  for (const view of model.all()) {
    const page = `${view.url.slice(1)}index.html`;
    assert.ok(files.includes(page), `${page} is built`);
    const html = readDist(page);
    const image = metaContent(html, 'og:image');
    assert.equal(image, `${site}${cardPath(view.collection, view.id)}`, `${page} og:image`);
    assert.equal(metaContent(html, 'og:image:width'), '1200');
    assert.equal(metaContent(html, 'og:image:height'), '630');
    assert.equal(metaContent(html, 'twitter:card'), 'summary_large_image');
    const file = distFileOf(image!);
    assert.ok(file, `${image} exists in the build`);
    assert.deepEqual(pngSize(file), { width: 1200, height: 630 }, file);
  }
});

test('every HTML page has a canonical URL, twitter:card and og:title; any og:image resolves to a 1200×630 PNG', () => {
  assert.ok(htmlFiles.length > model.all().length);
  for (const file of htmlFiles) {
    const html = readDist(file);
    const canonical = canonicalOf(html);
    assert.ok(canonical?.startsWith(`${site}/`), `${file} has a canonical URL under ${site}`);
    assert.ok(metaContent(html, 'og:title'), `${file} has og:title`);
    const card = metaContent(html, 'twitter:card');
    assert.ok(card === 'summary_large_image' || card === 'summary', `${file} has twitter:card`);
    const image = metaContent(html, 'og:image');
    if (image) {
      assert.equal(card, 'summary_large_image', `${file}: a page with a card asks for the large image`);
      const png = distFileOf(image);
      assert.ok(png, `${file}: og:image ${image} is in the build`);
      assert.deepEqual(pngSize(png), { width: 1200, height: 630 });
    }
    if (file !== '404.html') assert.equal(distFileOf(canonical!), file, `${file}: the canonical URL is the page itself`);
  }
});

test('the cards in the build are exactly the cards of the model', () => {
  const built = files
    .filter((file) => file.startsWith('og/'))
    .map((file) => `/${file}`)
    .sort();
  const expected = cardInputs(model)
    .map((job) => job.path)
    .sort();
  assert.deepEqual(built, expected);
});

test('the feeds parse and hold one item per published postmortem and per release, newest first', () => {
  const cases = [
    ['feeds/postmortems.xml', model.postmortems.filter((pm) => pm.data.status === 'published')],
    ['feeds/releases.xml', model.releases],
  ] as const;
  for (const [file, views] of cases) {
    const rss = parseXml(readDist(file));
    assert.equal(rss.name, 'rss');
    const items = childrenNamed(childrenNamed(rss, 'channel')[0], 'item');
    assert.equal(items.length, views.length, file);
    assert.deepEqual(items.map((item) => childText(item, 'link')).sort(), views.map((view) => `${site}${view.url}`).sort(), file);
    const times = items.map((item) => Date.parse(childText(item, 'pubDate')!));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
      `${file} is newest first`,
    );
  }
  const pages = htmlFiles.filter((file) => file !== '404.html');
  for (const file of pages) {
    const html = readDist(file);
    assert.ok(
      html.includes('href="/feeds/postmortems.xml"') && html.includes('href="/feeds/releases.xml"'),
      `${file} advertises the feeds`,
    );
  }
});

test('the sitemap lists every HTML page of the build, and nothing else', () => {
  const urlset = parseXml(readDist('sitemap.xml'));
  assert.equal(urlset.attributes.xmlns, 'http://www.sitemaps.org/schemas/sitemap/0.9');
  const locs = childrenNamed(urlset, 'url').map((url) => childText(url, 'loc')!);
  assert.equal(new Set(locs).size, locs.length, 'no URL twice');
  const listed = locs.map((loc) => distFileOf(loc) ?? `missing: ${loc}`).sort();
  const pages = htmlFiles.filter((file) => file !== '404.html').sort();
  assert.deepEqual(listed, pages);
});

test('the calendar parses, with stable UIDs and a DTSTAMP at the as-of instant', () => {
  const calendar = parseIcal(readDist('calendar.ics'));
  assert.equal(prop(calendar, 'VERSION'), '2.0');
  const events = calendar.components.filter((component) => component.name === 'VEVENT');
  assert.ok(events.length > 20);
  const uids = events.map((event) => prop(event, 'UID')!);
  assert.equal(new Set(uids).size, uids.length);
  const host = new URL(site).host;
  for (const uid of uids) assert.ok(uid.endsWith(`@${host}`), uid);
  assert.ok(uids.includes(`train-${model.nextTrain.id}@${host}`), 'the next train is on the calendar');
  assert.ok(uids.includes(`prd-review-${model.nextReviewSession}@${host}`), 'the next review session is on the calendar');
  for (const event of events)
    assert.equal(
      prop(event, 'DTSTAMP'),
      new Date(model.site.now)
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z')
        .replace(/[-:]/g, ''),
    );
});

test('the card cache: the build recorded its run, and drawing the same cards again renders none', async (t) => {
  const lastRunFile = join(root, '.cache', 'og-last-run.json');
  assert.ok(existsSync(lastRunFile), '.cache/og-last-run.json was written by a build');
  const lastRun = JSON.parse(readFileSync(lastRunFile, 'utf8')) as OgLastRun;
  const jobs = cardInputs(model);
  if (resolve(lastRun.outDir) === resolve(DIST)) {
    assert.equal(lastRun.total, jobs.length, 'the build drew or copied every card');
    assert.equal(lastRun.rendered + lastRun.cached, lastRun.total);
    assert.equal(lastRun.audience, model.site.audience);
  } else {
    // `npm run test:e2e` reuses an older build; the last card run was another build's.
    t.diagnostic(`the last card run wrote ${lastRun.outDir}, not ${DIST}; its counts are not checked`);
  }
  // A second build over unchanged content: every card comes from the cache the first one filled.
  const again = await renderCards(jobs, { cacheDir: cardCacheDir(readEnvironment(process.env, { root }).cacheDir), root });
  assert.deepEqual(again, { total: jobs.length, rendered: 0, cached: jobs.length });
});

test('the JSON API and the feeds agree on what is published', () => {
  const api = readDistJson<{ id: string; status: string }[]>('api/postmortems.json');
  const published = api
    .filter((pm) => pm.status === 'published')
    .map((pm) => `${site}/postmortems/${pm.id}/`)
    .sort();
  const rss = parseXml(readDist('feeds/postmortems.xml'));
  const links = childrenNamed(childrenNamed(rss, 'channel')[0], 'item')
    .map((item) => childText(item, 'link')!)
    .sort();
  assert.deepEqual(links, published);
});
