/**
 * RSS feeds: well-formed XML (checked by a strict parser), one item per published postmortem and
 * per release, newest first, absolute permalinks, and markup in titles and summaries arriving in a
 * reader as literal text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { postmortemFeed, releaseFeed } from '../../src/outputs/feeds.ts';
import { escapeXml } from '../../src/core/xml.ts';
import { readEnvironment } from '../../src/build/env.ts';
import { loadHandbook } from '../../src/build/load.ts';
import { childrenNamed, childText, parseXml, type XmlElement } from '../support/xml.ts';
import { decodeEntities } from '../support/html.ts';
import { sharingModel, XSS_SUMMARY, XSS_TITLE, RELEASE_TITLE } from './support/sharing.ts';

const root = join(import.meta.dirname, '..', '..');

function channel(xml: string): XmlElement {
  const rss = parseXml(xml);
  assert.equal(rss.name, 'rss');
  assert.equal(rss.attributes.version, '2.0');
  const [only] = childrenNamed(rss, 'channel');
  assert.ok(only, 'an RSS channel');
  for (const field of ['title', 'link', 'description']) assert.ok(childText(only, field), `channel has ${field}`);
  return only;
}

const items = (xml: string) => childrenNamed(channel(xml), 'item');
const dates = (list: XmlElement[]) => list.map((item) => Date.parse(childText(item, 'pubDate')!));

test('the strict XML checker rejects what is not well-formed', () => {
  assert.throws(() => parseXml('<a><b></a></b>'));
  assert.throws(() => parseXml('<a>x & y</a>'));
  assert.throws(() => parseXml('<a>&nbsp;</a>'));
  assert.throws(() => parseXml('<a x=1></a>'));
  assert.throws(() => parseXml('<a></a><b></b>'));
  assert.throws(() => parseXml('<a>\u0001</a>'));
  assert.equal(parseXml('<a t="&lt;&amp;">x &amp; &#60;y&#x3e;</a>').text, 'x & <y>');
});

test('the postmortem feed has one item per published postmortem, newest first', () => {
  const model = sharingModel('internal');
  const list = items(postmortemFeed(model));
  const published = model.postmortems.filter((pm) => pm.data.status === 'published');
  assert.equal(list.length, published.length);
  assert.deepEqual(list.map((item) => childText(item, 'link')).sort(), published.map((pm) => `${model.site.url}${pm.url}`).sort());
  const times = dates(list);
  assert.deepEqual(
    times,
    [...times].sort((a, b) => b - a),
    'newest first',
  );
  // Reviewed 2026-11-25 (two, in link order), 2026-11-01, 2026-10-02.
  assert.deepEqual(
    list.map((item) => childText(item, 'link')!.split('/').at(-2)),
    ['internal-outage', 'xss-outage', 'middle-outage', 'older-outage'],
  );
  assert.ok(!list.some((item) => childText(item, 'link')!.includes('in-review-outage')), 'in-review postmortems are not in the feed');
  assert.ok(!list.some((item) => childText(item, 'link')!.includes('draft-outage')), 'drafts are not in the feed');
});

test('items carry a permalink guid, an RFC 822 pubDate from the review date, and the summary', () => {
  const model = sharingModel('internal');
  const item = items(postmortemFeed(model)).find((entry) => childText(entry, 'link')!.endsWith('/xss-outage/'))!;
  const guid = childrenNamed(item, 'guid')[0];
  assert.equal(guid.attributes.isPermaLink, 'true');
  assert.equal(guid.text, childText(item, 'link'));
  assert.equal(childText(item, 'pubDate'), 'Wed, 25 Nov 2026 00:00:00 GMT');
  // The description is HTML (as readers take it): HTML-decoding it gives back the summary text.
  assert.equal(decodeEntities(childText(item, 'description')!), XSS_SUMMARY);
});

test('markup in titles and summaries is escaped: literal text after parsing, never raw tags', () => {
  const xml = postmortemFeed(sharingModel('internal'));
  assert.ok(!xml.includes('<script'), 'no raw <script>');
  assert.ok(!/<img/i.test(xml), 'no raw <img>');
  assert.ok(!xml.includes('<b>'), 'no raw <b> from the summary');
  assert.ok(xml.includes('&lt;script&gt;alert('), 'the title is escaped once (plain text)');
  const titles = items(xml).map((item) => childText(item, 'title'));
  assert.ok(titles.includes(XSS_TITLE), 'the parsed title is exactly the authored title');
  const description = items(xml).find((item) => childText(item, 'title') === XSS_TITLE)!;
  assert.ok(!childText(description, 'description')!.includes('<b>'), 'a reader rendering the description as HTML shows <b> as text');
});

test('the public feed holds only what the public build publishes', () => {
  const xml = postmortemFeed(sharingModel('public'));
  const links = items(xml).map((item) => childText(item, 'link'));
  assert.deepEqual(links.map((link) => link!.split('/').at(-2)).sort(), ['middle-outage', 'older-outage', 'xss-outage']);
  assert.ok(!xml.includes('Internal only outage'));
  assert.ok(!xml.includes('Hidden database'), 'a hidden service is not named in categories');
});

test('the release feed lists every visible release, newest first, with escaped titles', () => {
  const model = sharingModel('internal');
  const xml = releaseFeed(model);
  const list = items(xml);
  assert.equal(list.length, model.releases.length);
  const times = dates(list);
  assert.deepEqual(
    times,
    [...times].sort((a, b) => b - a),
  );
  assert.equal(childText(list[0], 'link'), `${model.site.url}/releases/internal-2-2-0/`);
  assert.ok(list.some((item) => childText(item, 'title') === `${RELEASE_TITLE} (2.0.0)`));
  assert.ok(!xml.includes('<beta>'));
  const publicList = items(releaseFeed(sharingModel('public')));
  assert.equal(publicList.length, 3);
  assert.ok(!publicList.some((item) => childText(item, 'title')!.includes('Internal release')));
});

test('characters XML forbids are dropped, everything else is escaped', () => {
  assert.equal(escapeXml('a\u0000b\u0008c\u000Bd\uFFFEe'), 'abcde');
  assert.equal(escapeXml(`<&>"'`), '&lt;&amp;&gt;&quot;&#39;');
  assert.equal(escapeXml('tab\tnew\nline 日本 😀'), 'tab\tnew\nline 日本 😀');
  assert.equal(escapeXml('lone \uD800 surrogate'), 'lone  surrogate');
});

test('the example handbook: one item per published postmortem and per release', () => {
  const { model } = loadHandbook(
    readEnvironment(
      { ...process.env, ALMANAC_NOW: '2026-11-28T12:00:00Z', ALMANAC_AUDIENCE: 'internal', ALMANAC_CONTENT_DIR: '' },
      { root },
    ),
  );
  const postmortems = items(postmortemFeed(model));
  assert.equal(postmortems.length, model.postmortems.filter((pm) => pm.data.status === 'published').length);
  assert.ok(postmortems.length >= 5);
  const releases = items(releaseFeed(model));
  assert.equal(releases.length, model.releases.length);
  for (const list of [postmortems, releases]) {
    const times = dates(list);
    assert.ok(times.every(Number.isFinite));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
  }
});
