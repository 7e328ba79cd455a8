/**
 * The search index's shards, pure parts: which page goes into which shard
 * (src/core/search-shards.ts), and how the browser puts the shards' answers together
 * (src/scripts/search-core.ts: counts summed, date-sorted results newest shard first).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { UNDATED, facetCounts, pageUrl, planShards, searchablePage, shardSizeFor } from '../../src/core/search-shards.ts';
import { concatShardResponses, sumCounts, type PagefindResponse, type PagefindResult } from '../../src/scripts/search-core.ts';

const page = (url: string, date = UNDATED) => ({ url, date });
const urls = (shards: { pages: { url: string }[] }[]) => shards.map((shard) => shard.pages.map((p) => p.url));

test('shards: dated pages oldest first in chunks from the oldest, listed newest first; undated pages after, by URL', () => {
  const pages = [
    page('/pm/e/', '2026-05-01'),
    page('/teams/b/'),
    page('/pm/a/', '2026-01-01'),
    page('/pm/c/', '2026-03-01'),
    page('/pm/b/', '2026-03-01'),
    page('/teams/a/'),
    page('/pm/d/', '2026-04-01'),
  ];
  const shards = planShards(pages, 2);
  // Dated, oldest first: a (01-01), b and c (03-01, by URL), d (04-01), e (05-01) → [a b] [c d] [e].
  assert.deepEqual(urls(shards), [['/pm/e/'], ['/pm/c/', '/pm/d/'], ['/pm/a/', '/pm/b/'], ['/teams/a/', '/teams/b/']]);
  assert.deepEqual(
    shards.map(({ from, to }) => [from, to]),
    [
      ['2026-05-01', '2026-05-01'],
      ['2026-03-01', '2026-04-01'],
      ['2026-01-01', '2026-03-01'],
      [UNDATED, UNDATED],
    ],
  );
  assert.deepEqual(urls(planShards(pages, 10)), [
    ['/pm/a/', '/pm/b/', '/pm/c/', '/pm/d/', '/pm/e/'],
    ['/teams/a/', '/teams/b/'],
  ]);
  assert.deepEqual(planShards([], 3), [], 'no page, no shard');
  assert.throws(() => planShards(pages, 0), RangeError);
  assert.throws(() => planShards(pages, 1.5), RangeError);
});

test('shards: a new newest page or an edited page leaves every other shard as it was', () => {
  const pages = Array.from({ length: 7 }, (_, index) => page(`/pm/${index}/`, `2026-0${index + 1}-01`));
  const before = urls(planShards(pages, 3));
  assert.deepEqual(before, [['/pm/6/'], ['/pm/3/', '/pm/4/', '/pm/5/'], ['/pm/0/', '/pm/1/', '/pm/2/']]);
  const added = urls(planShards([...pages, page('/pm/new/', '2026-09-01')], 3));
  assert.deepEqual(added, [['/pm/6/', '/pm/new/'], before[1], before[2]], 'the newest shard alone changes');
});

test('page URLs as Pagefind computes them from built files', () => {
  assert.equal(pageUrl('postmortems/slot-outage/index.html'), '/postmortems/slot-outage/');
  assert.equal(pageUrl('index.html'), '/');
  assert.equal(pageUrl('404.html'), '/404.html');
  assert.equal(pageUrl('handbook\\on-call\\index.html'), '/handbook/on-call/', 'Windows separators');
});

test('a built page is searchable when it has data-pagefind-body; its date is its date sort key', () => {
  const entry =
    '<html><body><main><div data-pagefind-body><h1>T</h1><div hidden data-pagefind-ignore><span data-pagefind-sort="date:2026-11-05"></span></div></div></main></body></html>';
  assert.deepEqual(searchablePage(entry), { date: '2026-11-05', filters: [] });
  assert.deepEqual(searchablePage('<div data-pagefind-body><span data-pagefind-sort="date:0000-00-00"></span></div>'), {
    date: UNDATED,
    filters: [],
  });
  assert.deepEqual(searchablePage('<div data-pagefind-body="">no sort key</div>'), { date: UNDATED, filters: [] });
  assert.equal(searchablePage('<main><h1>Postmortems</h1><p>data-pagefind-body in text</p></main>'), undefined, 'a list page');
});

test('what a page gives the search index is what the patterns for its attributes find', () => {
  // The patterns searchablePage answers as (it looks for the attribute names instead).
  const BODY = /<[^>]*\sdata-pagefind-body[\s=>]/;
  const DATE_SORT = /\sdata-pagefind-sort="date:([^"]*)"/;
  const FILTER = /\sdata-pagefind-filter="([^"]*)"/g;
  const pages = [
    '<div data-pagefind-body>x</div>',
    '<div\ndata-pagefind-body\n>x</div>',
    '<div data-pagefind-body=""><span data-pagefind-sort="date:2026-01-02"></span></div>',
    '<div class="a" data-pagefind-body>',
    '<div data-pagefind-bodyx>not the attribute</div>',
    '<div xdata-pagefind-body>not the attribute</div>',
    '<p>in text: data-pagefind-body </p>',
    '<p>> data-pagefind-body ></p>',
    'data-pagefind-body at the start',
    '<div data-pagefind-body',
    '<main data-pagefind-body><i data-pagefind-filter="tag:a"></i><i\tdata-pagefind-filter="tag:b"></i><i data-pagefind-filter="tag:c></i>',
    '<main data-pagefind-body><i xdata-pagefind-filter="tag:no"></i><i data-pagefind-filter="tag:a" data-pagefind-filter="tag:b"></i>',
    '<main data-pagefind-body><i data-pagefind-sort="date:"></i><i data-pagefind-sort="date:2026-03-04"></i></main>',
    '<main data-pagefind-body><i xdata-pagefind-sort="date:1999-01-01"></i><i data-pagefind-sort="date:2026-03-04"></i></main>',
    '<main data-pagefind-body><i data-pagefind-sort="date:2026-03-04></i>',
  ];
  for (const html of pages) {
    const expected = BODY.test(html)
      ? {
          date: DATE_SORT.exec(html)?.[1] || UNDATED,
          filters: [...new Set([...html.matchAll(FILTER)].map((match) => match[1]))],
        }
      : undefined;
    assert.deepEqual(searchablePage(html), expected, html);
  }
});

test('what a page gives the search index does not keep the page’s HTML alive', () => {
  // The build keeps this for every page while it indexes: at 10,000 docs, holding on to the
  // pages would cost most of a gigabyte.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const kept: unknown[] = [];
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let index = 0; index < 40; index++) {
    const filler = `<p>${String(index).padStart(4, '0')} ${'words of a long postmortem '.repeat(90_000)}</p>`;
    const html = `<div data-pagefind-body>${filler}<span data-pagefind-sort="date:2026-11-${String((index % 28) + 1).padStart(2, '0')}"></span><span data-pagefind-filter="service:Checkout API ${index}"></span></div>`;
    kept.push(searchablePage(html));
  }
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  assert.equal(kept.length, 40);
  // 40 pages of 2.4 MB each: about 100 MB if their HTML stayed reachable.
  assert.ok(grown < 10 * 2 ** 20, `the heap grew by ${Math.round(grown / 2 ** 20)} MB`);
});

test("a searchable page's filters are read as the browser reads them, each once", () => {
  const html = [
    '<div data-pagefind-body><div hidden data-pagefind-ignore>',
    '<span data-pagefind-filter="type:postmortem"></span>',
    '<span data-pagefind-filter="tag:r&amp;d"></span>',
    '<span data-pagefind-filter="tag:&quot;quoted&quot; &#39;single&#39; &#x3C;angle&#x3E; &lt;x&gt;"></span>',
    '<span data-pagefind-filter="tag:r&amp;d"></span>',
    '<span data-pagefind-filter="team:time:zones"></span>',
    '</div></div>',
  ].join('');
  assert.deepEqual(searchablePage(html)?.filters, ['type:postmortem', 'tag:r&d', 'tag:"quoted" \'single\' <angle> <x>', 'team:time:zones']);
});

test('facet counts: each page counts once per value, and the facet ends at the first colon', () => {
  assert.deepEqual(
    facetCounts([
      { filters: ['type:postmortem', 'severity:SEV1', 'tag:db', 'tag:network'] },
      { filters: ['type:postmortem', 'severity:SEV2', 'tag:db'] },
      { filters: ['type:release', 'team:time:zones'] },
      { filters: [':no facet', 'no colon'] },
      {},
    ]),
    {
      type: { postmortem: 2, release: 1 },
      severity: { SEV1: 1, SEV2: 1 },
      tag: { db: 2, network: 1 },
      team: { 'time:zones': 1 },
    },
  );
});

test('filter counts from several shards are summed per value; the shard filter is dropped', () => {
  assert.deepEqual(
    sumCounts([
      { severity: { SEV1: 2, SEV2: 1 }, shard: { a: 3 } },
      undefined,
      { severity: { SEV2: 4, SEV3: 1 }, type: { postmortem: 5 }, shard: { b: 5 } },
    ]),
    { severity: { SEV1: 2, SEV2: 5, SEV3: 1 }, type: { postmortem: 5 } },
  );
});

test('date-sorted shard responses: results newest shard first, counts summed, totals kept once', () => {
  const result = (id: string): PagefindResult => ({ id, data: () => Promise.reject(new Error('not loaded')) });
  const response = (ids: string[], filters: PagefindResponse['filters']): PagefindResponse => ({
    results: ids.map(result),
    unfilteredResultCount: 9,
    filters,
    totalFilters: { severity: { SEV1: 3, SEV2: 6 }, shard: { a: 4, b: 5 } },
  });
  const merged = concatShardResponses([
    response(['new1', 'new2'], { severity: { SEV1: 1, SEV2: 1 } }),
    response([], { severity: {} }),
    response(['old1'], { severity: { SEV2: 1 } }),
  ]);
  assert.deepEqual(
    merged.results.map((r) => r.id),
    ['new1', 'new2', 'old1'],
  );
  assert.deepEqual(merged.filters, { severity: { SEV1: 1, SEV2: 2 } });
  assert.deepEqual(merged.totalFilters, { severity: { SEV1: 3, SEV2: 6 } });
  assert.equal(merged.unfilteredResultCount, 9);
  assert.throws(() => concatShardResponses([response([], {}), null]), /no results list/);
});

test('the shard size: the smallest of 250, 500, 1,000 … that makes at most 6 dated shards', () => {
  assert.equal(shardSizeFor(0), 250);
  assert.equal(shardSizeFor(1100), 250, '1000 docs and their releases: 5 shards of 250');
  assert.equal(shardSizeFor(1500), 250, 'exactly 6 × 250');
  assert.equal(shardSizeFor(1501), 500);
  assert.equal(shardSizeFor(3001), 1000);
  assert.equal(shardSizeFor(11_000), 2000, '10,000 docs: 6 shards of 2,000');
  assert.equal(shardSizeFor(12_001), 4000);
  const dated = Array.from({ length: 600 }, (_, index) => ({
    url: `/pm/${index}/`,
    date: `2026-01-${String((index % 28) + 1).padStart(2, '0')}`,
  }));
  const undated = Array.from({ length: 300 }, (_, index) => ({ url: `/teams/${index}/`, date: UNDATED }));
  assert.deepEqual(
    planShards([...dated, ...undated]).map((shard) => shard.pages.length),
    [100, 250, 250, 250, 50],
    'without a fixed size: 250 for 600 dated pages, the newest shard partly filled; the undated ones cut the same way',
  );
});
