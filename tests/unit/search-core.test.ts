/**
 * The browser search code's pure parts (src/scripts/search-core.ts), shared by the search page
 * and the quick-search dialog: URL state, the excerpt's highlights and what a result card shows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excerptParts, parseState, resultView, stateFilters, stateToSearch } from '../../src/scripts/search-core.ts';
import type { ResultLabels } from '../../src/core/search.ts';

const FACETS = ['type', 'severity', 'status', 'tag'];

test('URL state: a query string round-trips; unknown parameters, empty and repeated values are dropped', () => {
  const state = parseState('?q=slot+budget&severity=SEV1&type=postmortem&severity=SEV2&severity=SEV1&tag=&sort=date&utm=x', FACETS);
  assert.deepEqual(state, {
    query: 'slot budget',
    sort: 'date',
    selected: { type: ['postmortem'], severity: ['SEV1', 'SEV2'], status: [], tag: [] },
  });
  // Facet order, not URL order; the query is trimmed.
  assert.equal(
    stateToSearch({ ...state, query: '  slot budget ' }, FACETS),
    'q=slot+budget&type=postmortem&severity=SEV1&severity=SEV2&sort=date',
  );
  assert.equal(stateToSearch(parseState('?sort=relevance', FACETS), FACETS), '', 'only sort=date is a sort order');
  assert.deepEqual(stateFilters(state), { type: { any: ['postmortem'] }, severity: { any: ['SEV1', 'SEV2'] } });
});

test('excerpt: marks become hits, entities are decoded, other tags are dropped as text', () => {
  assert.deepEqual(excerptParts('The <mark>slot</mark> booking &amp; <b>pick</b> &lt;queue&gt; &#39;x&#39;'), [
    { text: 'The ', hit: false },
    { text: 'slot', hit: true },
    { text: " booking & pick <queue> 'x'", hit: false },
  ]);
  assert.deepEqual(excerptParts('<mark>&lt;script&gt;</mark>'), [{ text: '<script>', hit: true }], 'an escaped tag stays text');
});

test('excerpt: a hit inside a web address or a path is not highlighted', () => {
  assert.deepEqual(excerptParts('see https://git.example.com/<mark>slot</mark>-service/edit for the <mark>slot</mark> fix'), [
    { text: 'see https://git.example.com/slot-service/edit for the ', hit: false },
    { text: 'slot', hit: true },
    { text: ' fix', hit: false },
  ]);
  assert.deepEqual(excerptParts('at www.<mark>slot</mark>s.example'), [{ text: 'at www.slots.example', hit: false }]);
  assert.deepEqual(excerptParts('in /postmortems/<mark>slot</mark>-outage/'), [{ text: 'in /postmortems/slot-outage/', hit: false }]);
  assert.deepEqual(
    excerptParts('slot-<mark>booking</mark> stalled'),
    [
      { text: 'slot-', hit: false },
      { text: 'booking', hit: true },
      { text: ' stalled', hit: false },
    ],
    'a hyphenated word is not an address',
  );
});

const labels: ResultLabels = {
  types: { postmortem: 'Postmortem', handbook: 'Handbook page' },
  severities: { SEV1: 'bad', SEV2: 'warn', SEV3: 'info' },
  statuses: { published: { label: 'Published', tone: 'ok' }, 'at-risk': { label: 'At risk', tone: 'warn' } },
};

test('result card: type, severity and status badges with their tones and screen-reader labels, date, summary', () => {
  const view = resultView(
    {
      url: '/postmortems/slot-outage/',
      excerpt: 'the <mark>pool</mark> ran dry',
      meta: {
        title: 'Slot outage',
        type: 'postmortem',
        severity: 'SEV2',
        status: 'published',
        date: '2026-11-02',
        summary: 'Slots vanished.',
      },
    },
    labels,
    { excerpt: true },
  );
  assert.deepEqual(view, {
    href: '/postmortems/slot-outage/',
    title: 'Slot outage',
    badges: [
      { text: 'Postmortem', tone: 'neutral', label: 'Type' },
      { text: 'SEV2', tone: 'warn', label: 'Severity' },
      { text: 'Published', tone: 'ok', label: 'Status' },
    ],
    date: '2026-11-02',
    summary: 'Slots vanished.',
    excerpt: [
      { text: 'the ', hit: false },
      { text: 'pool', hit: true },
      { text: ' ran dry', hit: false },
    ],
  });
});

test('result card: an excerpt whose hits the title or summary already show is left out', () => {
  const data = { url: '/services/slot-booking/', meta: { title: 'Slot Booking', summary: 'Publishes one-hour delivery slots.' } };
  assert.equal(
    resultView({ ...data, excerpt: '<mark>Slot</mark> Booking. Publishes one-hour delivery <mark>slots.</mark>' }, labels, {
      excerpt: true,
    }).excerpt,
    undefined,
    'punctuation in a mark does not count',
  );
  assert.deepEqual(
    resultView({ url: '/releases/x/', meta: { title: 'Slot booking 2.8' }, excerpt: '<mark>Slot</mark> booking 2.8. Customers' }, labels, {
      excerpt: true,
    }).excerpt?.length,
    2,
    'without a summary the excerpt is kept',
  );
  assert.deepEqual(resultView({ ...data, excerpt: 'holds in <mark>PostgreSQL</mark>' }, labels, { excerpt: true }).excerpt, [
    { text: 'holds in ', hit: false },
    { text: 'PostgreSQL', hit: true },
  ]);
});

test('result card: no excerpt without a query; unknown values keep their raw text; no title falls back to the URL', () => {
  const view = resultView({ url: '/handbook/x/', excerpt: 'text', meta: { type: 'runbook', status: 'stale', severity: 'SEV9' } }, labels, {
    excerpt: false,
  });
  assert.equal(view.title, '/handbook/x/');
  assert.equal(view.excerpt, undefined);
  assert.deepEqual(view.badges, [
    { text: 'runbook', tone: 'neutral', label: 'Type' },
    { text: 'SEV9', tone: 'info', label: 'Severity' },
    { text: 'stale', tone: 'neutral', label: 'Status' },
  ]);
  assert.equal(view.date, undefined);
});
