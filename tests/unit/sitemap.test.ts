/**
 * `/sitemap.xml`: well-formed, in the sitemaps.org namespace, absolute URLs under the site's URL,
 * every published route once (sections, sorted lists, entries, tags) and nothing the audience may
 * not see; `lastmod` where git knows it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readEnvironment } from '../../src/build/env.ts';
import { loadHandbook } from '../../src/build/load.ts';
import { buildModel } from '../../src/core/model.ts';
import { defaultSiteConfig } from '../../src/validation/site-config.ts';
import { publishedRoutes, sitemap } from '../../src/outputs/sitemap.ts';
import { childrenNamed, childText, parseXml } from '../support/xml.ts';
import { INPUTS, NOW, sharingModel } from './support/sharing.ts';

const root = join(import.meta.dirname, '..', '..');

function urls(xml: string): { loc: string; lastmod?: string }[] {
  const urlset = parseXml(xml);
  assert.equal(urlset.name, 'urlset');
  assert.equal(urlset.attributes.xmlns, 'http://www.sitemaps.org/schemas/sitemap/0.9');
  return childrenNamed(urlset, 'url').map((url) => ({ loc: childText(url, 'loc')!, lastmod: childText(url, 'lastmod') }));
}

test('every visible entry, section, sorted list and tag is listed once, as an absolute URL', () => {
  const model = sharingModel('internal');
  const list = urls(sitemap(model));
  const locs = list.map((url) => url.loc);
  assert.equal(new Set(locs).size, locs.length, 'no duplicates');
  for (const loc of locs) assert.ok(loc.startsWith(`${model.site.url}/`) && loc.endsWith('/'), loc);
  for (const view of model.all()) assert.ok(locs.includes(`${model.site.url}${view.url}`), view.url);
  for (const path of [
    '/',
    '/start/',
    '/postmortems/',
    '/slos/',
    '/releases/',
    '/prds/',
    '/handbook/',
    '/action-items/',
    '/insights/',
    '/search/',
    '/tags/caching/',
    '/postmortems/by/severity/',
  ]) {
    assert.ok(locs.includes(`${model.site.url}${path}`), path);
  }
  assert.equal(locs.length, publishedRoutes(model).length);
});

test('the public sitemap holds only what the public build publishes', () => {
  const xml = sitemap(sharingModel('public'));
  for (const hidden of [
    'internal-outage',
    'in-review-outage',
    'draft-outage',
    'internal-2-2-0',
    'internal-prd',
    'draft-prd',
    '/services/db/',
    '/teams/secret/',
  ]) {
    assert.ok(!xml.includes(hidden), hidden);
  }
  assert.ok(xml.includes('/postmortems/xss-outage/'));
});

test('lastmod comes from the last commit date, in W3C format', () => {
  const inputs = INPUTS.map((input) => (input.id === 'xss-outage' ? { ...input, lastModified: '2026-11-26T09:30:00+01:00' } : input));
  const model = buildModel(inputs, { config: defaultSiteConfig(), now: NOW, audience: 'internal', includeDrafts: false });
  const list = urls(sitemap(model));
  assert.equal(list.find((url) => url.loc.endsWith('/postmortems/xss-outage/'))?.lastmod, '2026-11-26T08:30:00Z');
  assert.equal(list.find((url) => url.loc.endsWith('/postmortems/older-outage/'))?.lastmod, undefined);
});

test('the example handbook: every entry and tag page', () => {
  const { model } = loadHandbook(
    readEnvironment(
      { ...process.env, ALMANAC_NOW: '2026-11-28T12:00:00Z', ALMANAC_AUDIENCE: 'internal', ALMANAC_CONTENT_DIR: '' },
      { root },
    ),
  );
  const locs = urls(sitemap(model)).map((url) => url.loc);
  assert.equal(locs.length, publishedRoutes(model).length);
  for (const view of model.all()) assert.ok(locs.includes(`${model.site.url}${view.url}`));
  for (const tag of model.tags) assert.ok(locs.includes(`${model.site.url}/tags/${tag.slug}/`));
});
