/**
 * The public build of the leak fixture (tests/fixtures/leak) holds nothing of an internal,
 * in-review or draft entry. Every such entry carries the marker "zzleak" in its id, title,
 * summary, body, action items, tags and references; public entries refer to them. Every file of
 * the output is searched: HTML, JSON, XML, ICS, scripts, the Pagefind index and fragments
 * (decompressed), and the OG cards' inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DIST, distFiles, readDist } from '../support/dist.ts';
import { attributeValues } from '../support/html.ts';
import { loadHandbook } from '../../src/build/load.ts';
import { readEnvironment } from '../../src/build/env.ts';
import { cardInputs } from '../../src/outputs/og/card.ts';

const MARKER = /zzleak/i;
const root = join(import.meta.dirname, '..', '..');
const environment = readEnvironment({ ...process.env, ALMANAC_CONTENT_DIR: 'tests/fixtures/leak', ALMANAC_AUDIENCE: 'public' }, { root });
const { model } = loadHandbook(environment);
const files = distFiles();

/** The text of a file as a reader or a crawler could get it: decompressed when it is gzip. */
function textOf(file: string): string {
  const bytes = readFileSync(join(DIST, file));
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes).toString('latin1');
  return bytes.toString('latin1');
}

test('the fixture really has public entries that point at hidden ones', () => {
  const outage = model.get('postmortems', 'public-outage');
  assert.ok(outage, 'the public postmortem is published');
  assert.ok(
    outage.releases.some((ref) => !ref.visible) && outage.prds.some((ref) => !ref.visible) && outage.services.some((ref) => !ref.visible),
  );
  assert.ok(
    files.some((file) => file.startsWith('pagefind/')),
    'the build has a search index to inspect',
  );
  assert.ok(
    files.some((file) => file.endsWith('.png')),
    'the build has OG cards to inspect',
  );
});

test('no file in the public build contains anything of an internal, in-review or draft entry', () => {
  const leaks = files.filter((file) => MARKER.test(textOf(file)));
  const excerpts = leaks.map((file) => {
    const text = textOf(file);
    const index = text.search(MARKER);
    return `${file}: …${text.slice(Math.max(0, index - 80), index + 40).replace(/\s+/g, ' ')}…`;
  });
  assert.deepEqual(excerpts, []);
});

test('the OG cards are drawn from inputs that hold nothing hidden', () => {
  const inputs = cardInputs(model);
  assert.ok(inputs.length >= model.all().length, 'a card for every published entry');
  const leaking = inputs.filter((job) => MARKER.test(JSON.stringify(job)));
  assert.deepEqual(
    leaking.map((job) => job.path),
    [],
  );
  const built = new Set(files.filter((file) => file.startsWith('og/')).map((file) => `/${file}`));
  assert.deepEqual([...built].sort(), inputs.map((job) => job.path).sort(), 'the build holds exactly these cards');
});

test('no file name reveals a hidden entry', () => {
  assert.deepEqual(
    files.filter((file) => MARKER.test(file)),
    [],
  );
});

test('the model handed to every output holds only public entries', () => {
  for (const view of model.all()) {
    assert.doesNotMatch(JSON.stringify(view.data), MARKER, `${view.collection}/${view.id}`);
    assert.doesNotMatch(view.id, MARKER);
  }
  assert.equal(model.site.name, 'Example Public Learnings');
});

test('a public page names a hidden reference only as plain text', () => {
  const html = readDist('postmortems/public-outage/index.html');
  assert.match(html, /an internal release/);
  assert.match(html, /an internal PRD/);
  assert.match(html, /an internal service/);
  assert.match(html, /an internal team/);
});

test('a public SLO counts internal incidents in its budget without naming them', () => {
  const slo = model.get('slos', 'web-availability')!;
  // public-outage: 35 bad minutes; the internal review charges 20 minutes; the in-review one 0.5 × 20.
  assert.equal(slo.budget.consumedMinutes, 65);
  assert.deepEqual(
    slo.visibleCharges.map((charge) => charge.postmortem),
    ['public-outage'],
  );
  assert.deepEqual(slo.unlistedCharges, { count: 2, badMinutes: 30 });
  const html = readDist('slos/web-availability/index.html');
  assert.match(html, /2 internal incidents/);
});

test('internal routes do not exist in the public build', () => {
  for (const path of [
    'postmortems/zzleak-internal-review',
    'prds/zzleak-internal-prd',
    'teams/zzleak-secret-team',
    'handbook/zzleak-internal-page',
  ]) {
    assert.ok(!files.some((file) => file.startsWith(path)), path);
  }
  assert.ok(files.includes('postmortems/public-outage/index.html'));
});

test('links on public pages never point at a hidden entry', () => {
  for (const file of files.filter((f) => f.endsWith('.html'))) {
    for (const href of attributeValues(readDist(file), 'a', 'href')) assert.doesNotMatch(href, MARKER, `${file} links to ${href}`);
  }
});

test('body links to unpublished entries are published as their text, not as links', () => {
  const html = readDist('postmortems/public-outage/index.html');
  assert.match(html, /though its authors linked the internal review and the page\./);
  assert.doesNotMatch(html, MARKER);
});
