/**
 * The built example handbook, read as files: every route of the contract exists, no internal link
 * is broken, each page has one h1, metadata is present, and content pages ship little JavaScript.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, distFiles, readDist } from '../support/dist.ts';
import { attributeValues, ids } from '../support/html.ts';
import { loadHandbook } from '../../src/build/load.ts';
import { readEnvironment } from '../../src/build/env.ts';

const root = join(import.meta.dirname, '..', '..');
const { model } = loadHandbook(readEnvironment(process.env, { root }));
const htmlFiles = distFiles().filter((file) => file.endsWith('.html'));

/** `/postmortems/x/` → `postmortems/x/index.html`; `/a.png` → `a.png`. */
function fileForPath(path: string): string | undefined {
  const clean = decodeURI(path.split('#')[0].split('?')[0]);
  const candidates = clean.endsWith('/') ? [`${clean}index.html`] : [clean, `${clean}/index.html`, `${clean}.html`];
  return candidates
    .map((candidate) => candidate.replace(/^\//, ''))
    .find((candidate) => existsSync(join(DIST, candidate)) && statSync(join(DIST, candidate)).isFile());
}

test('every route the content model names exists for the example handbook', () => {
  const routes = [
    '/',
    '/postmortems/',
    '/slos/',
    '/releases/',
    '/prds/',
    '/handbook/',
    '/action-items/',
    '/insights/',
    '/search/',
    ...model.all().map((view) => view.url),
    ...model.tags.map((tag) => `/tags/${tag.slug}/`),
  ];
  const missing = routes.filter((route) => !fileForPath(route));
  assert.deepEqual(missing, [], `missing routes: ${missing.join(', ')}`);
  assert.ok(model.postmortems.length >= 8 && model.services.length >= 4 && model.teams.length >= 3);
});

test('no internal link or asset in the whole build is broken, fragments included', () => {
  const broken: string[] = [];
  const pageIds = new Map<string, Set<string>>();
  for (const file of htmlFiles) {
    const html = readDist(file);
    const targets = [
      ...attributeValues(html, 'a', 'href'),
      ...attributeValues(html, 'link', 'href'),
      ...attributeValues(html, 'img', 'src'),
      ...attributeValues(html, 'script', 'src'),
    ];
    for (const target of targets) {
      if (!target.startsWith('/') || target.startsWith('//')) continue;
      const targetFile = fileForPath(target);
      if (!targetFile) {
        broken.push(`${file} → ${target}`);
        continue;
      }
      const fragment = target.split('#')[1];
      if (fragment && targetFile.endsWith('.html')) {
        if (!pageIds.has(targetFile)) pageIds.set(targetFile, ids(readDist(targetFile)));
        if (!pageIds.get(targetFile)!.has(fragment)) broken.push(`${file} → ${target} (no id "${fragment}")`);
      }
    }
    for (const fragment of attributeValues(html, 'a', 'href').filter((href) => href.startsWith('#'))) {
      if (!ids(html).has(fragment.slice(1))) broken.push(`${file} → ${fragment}`);
    }
  }
  assert.deepEqual(broken, []);
});

test('every page has exactly one h1, a title, a lang and the main landmark', () => {
  for (const file of htmlFiles) {
    const html = readDist(file);
    assert.equal((html.match(/<h1\b/g) ?? []).length, 1, `${file} must have one h1`);
    assert.match(html, /<html lang="en"/, file);
    assert.match(html, /<title>[^<]+<\/title>/, file);
    assert.match(html, /<main\b[^>]*id="content"/, file);
  }
});

test('a postmortem page loads at most 12 KB of JavaScript up front', () => {
  const pm = model.postmortems[0];
  const html = readDist(`${pm.url.slice(1)}index.html`);
  const inline = [...html.matchAll(/<script\b(?![^>]*type="application\/ld\+json")[^>]*>([\s\S]*?)<\/script>/g)].reduce(
    (sum, match) => sum + Buffer.byteLength(match[1]),
    0,
  );
  const external = attributeValues(html, 'script', 'src').reduce((sum, src) => sum + statSync(join(DIST, src)).size, 0);
  const total = inline + external;
  assert.ok(total <= 12 * 1024, `postmortem page loads ${total} bytes of JavaScript`);
  assert.ok(total > 0, 'the theme toggle script is expected on every page');
});

test('stale handbook pages say so, current ones do not', () => {
  assert.ok(
    model.handbook.some((page) => page.stale),
    'the example has a stale page',
  );
  for (const page of model.handbook) {
    const html = readDist(`${page.url.slice(1)}index.html`);
    assert.equal(html.includes('This page may be out of date'), page.stale, page.id);
  }
});

test('drafts are not published by the production build', () => {
  const drafts = ['postmortems/order-confirmation-sms-delay', 'prds/cold-chain-monitoring', 'slos/order-notification-latency'];
  for (const draft of drafts) assert.equal(existsSync(join(DIST, draft)), false, `${draft} must not be built`);
  assert.ok(!htmlFiles.some((file) => readDist(file).includes('Draft — visible only in')), 'no draft banner in a production build');
});

test('overdue action items are flagged on the postmortem page', () => {
  const withOverdue = model.postmortems.find((pm) => pm.actionItems.some((item) => item.overdue));
  assert.ok(withOverdue, 'the example has an overdue action item');
  const html = readDist(`${withOverdue.url.slice(1)}index.html`);
  assert.match(html, /\(overdue\)/);
});

test('/insights/ draws a labelled sparkline for every SLO and a labelled chart with a data table for every trend', () => {
  const html = readDist('insights/index.html');
  const sparklines = [...html.matchAll(/<li class="sparkline-tile">([\s\S]*?)<\/li>/g)].map((match) => match[1]!);
  for (const slo of model.slos) {
    const tile = sparklines.find((body) => body.includes(`href="${slo.url}"`));
    assert.ok(tile, `a sparkline tile for ${slo.id}`);
    assert.match(tile, /<svg [^>]*role="img" aria-label="[^"]+"/, `${slo.id}'s sparkline is labelled`);
  }
  const figures = [...html.matchAll(/<figure class="chart" id="([^"]+)">([\s\S]*?)<\/figure>/g)];
  assert.ok(figures.length >= 5, `${figures.length} charts`);
  for (const [, id, body] of figures) {
    assert.match(body, new RegExp(`<svg[^>]*role="img"[^>]*aria-labelledby="${id}-title ${id}-desc"`), `${id} is labelled`);
    assert.match(
      body,
      new RegExp(`<svg[^>]*viewBox="0 0 360 [^"]*"[^>]*aria-labelledby="${id}-narrow-title ${id}-narrow-desc"`),
      `${id} has a narrow drawing for phones`,
    );
    assert.match(body, new RegExp(`<title id="${id}-title">[^<]+</title>`), `${id} has a title`);
    assert.match(body, new RegExp(`<desc id="${id}-desc">[^<]+</desc>`), `${id} has a description`);
    assert.match(body, /<details class="data-table">[\s\S]*<table/, `${id} has a data table`);
  }
  assert.doesNotMatch(html, /<script\b(?![^>]*type="application\/ld\+json")[^>]*src=/, 'no chart library is loaded');
  // Every section is in the jump links.
  const jump = /<nav aria-label="On this page"[\s\S]*?<\/nav>/.exec(html)![0];
  for (const [, id] of html.matchAll(/<section aria-labelledby="([^"]+)"/g))
    if (id !== 'kpis') assert.ok(jump.includes(`href="#${id}"`), `#${id} is in the jump links`);
});

test('entry pages link to their source for editing and show the date of its last commit', async () => {
  const { lastModifiedDates } = await import('../../src/build/git.ts');
  const dates = lastModifiedDates(join(root, 'content'));
  const pm = model.postmortems[0];
  const html = readDist(`${pm.url.slice(1)}index.html`);
  const edit = attributeValues(html, 'a', 'href').find((href) => href.includes('/edit/'));
  assert.equal(edit, `${model.config.repository}/edit/${model.config.editBranch}/content/postmortems/${pm.id}.mdx`);
  const committed = dates.get(join(root, 'content', 'postmortems', `${pm.id}.mdx`));
  if (committed)
    assert.match(html, new RegExp(`Last updated <time datetime="${committed.replace(/[+]/g, '\\+')}">${committed.slice(0, 10)}</time>`));
  else assert.doesNotMatch(html, /Last updated/, 'without git history there is no date, and no error');
});
