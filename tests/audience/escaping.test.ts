/**
 * Markup in a title is text, never markup: a public postmortem is titled
 * `Checkout <script>alert("pwned")</script> & <img src=x onerror=alert(1)> outage`, and no page,
 * feed, JSON-LD block, JSON file or card input may carry it as live markup.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distFiles, readDist } from '../support/dist.ts';

const TITLE = 'Checkout <script>alert("pwned")</script> & <img src=x onerror=alert(1)> outage';
const files = distFiles();

test('no HTML page contains the title as live markup, and pages show it as text', () => {
  const html = files.filter((file) => file.endsWith('.html'));
  for (const file of html) {
    // Inside a quoted attribute value `<` is text (the browser never parses it as a tag).
    const text = readDist(file).replace(/="[^"]*"/g, '=""');
    assert.ok(!text.includes('<script>alert("pwned")'), `${file} has a live <script> from a title`);
    assert.ok(!/<img src=x onerror/i.test(text), `${file} has a live <img onerror> from a title`);
  }
  const page = readDist('postmortems/public-outage/index.html');
  assert.ok(page.includes('&lt;script&gt;alert(') || page.includes('&lt;script>alert('), 'the title is shown escaped');
});

test('JSON-LD blocks cannot be closed by a title', () => {
  const page = readDist('postmortems/public-outage/index.html');
  const blocks = [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((match) => match[1]);
  assert.ok(blocks.length > 0, 'the postmortem page has JSON-LD');
  for (const block of blocks) {
    assert.ok(!block.includes('</'), 'no "</" inside JSON-LD');
    assert.equal(JSON.parse(block).headline, TITLE);
  }
});

test('the JSON API carries the title as data', () => {
  const postmortems = JSON.parse(readDist('api/postmortems.json')) as { id: string; title: string }[];
  assert.equal(postmortems.find((pm) => pm.id === 'public-outage')?.title, TITLE);
});

test('feeds escape the title', () => {
  for (const file of files.filter((f) => f.startsWith('feeds/'))) {
    const xml = readDist(file);
    assert.ok(!xml.includes('<script>alert('), `${file} has raw markup`);
    assert.ok(!/<img src=x/i.test(xml), `${file} has raw markup`);
  }
  const feed = readDist('feeds/postmortems.xml');
  assert.ok(feed.includes('&lt;script&gt;alert(') || feed.includes('<![CDATA['), 'the title is escaped in the feed');
});
