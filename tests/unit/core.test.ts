/** Small core helpers: time parsing, ids, git history, edit links, environment. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainDate, explainDateTime, explainDuration, durationMinutes, median, percentile } from '../../src/core/time.ts';
import { closest, didYouMean, explainId, slugify, idFromTitle } from '../../src/core/ids.ts';
import { parseGitLog } from '../../src/build/git.ts';
import { editLink } from '../../src/core/presentation.ts';
import { readEnvironment } from '../../src/build/env.ts';
import { formatFieldPath } from '../../src/core/problems.ts';

test('datetimes need an offset; the message says how to add one', () => {
  assert.equal(explainDateTime('2026-03-02T09:14:00Z'), undefined);
  assert.equal(explainDateTime('2026-03-02T10:14:00+01:00'), undefined);
  assert.match(explainDateTime('2026-03-02T09:14:00')!, /no UTC offset.*"2026-03-02T09:14:00Z"/);
  assert.match(explainDateTime('2026-02-30T09:14:00Z')!, /not a real calendar date/);
  assert.match(explainDateTime('yesterday')!, /not an ISO 8601 datetime/);
});

test('dates and durations', () => {
  assert.equal(explainDate('2026-03-02'), undefined);
  assert.match(explainDate('02/03/2026')!, /YYYY-MM-DD/);
  assert.equal(durationMinutes('30d'), 43_200);
  assert.equal(durationMinutes('2w'), 20_160);
  assert.equal(durationMinutes('90m'), 90);
  assert.match(explainDuration('30 days')!, /unit m, h, d or w/);
});

test('median and nearest-rank percentiles', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), 9);
  assert.equal(median([]), undefined);
});

test('ids and suggestions', () => {
  assert.equal(explainId('checkout-api'), undefined);
  assert.match(explainId('Checkout_API')!, /lowercase/);
  assert.match(explainId('1-api')!, /start with a letter/);
  assert.equal(closest('paymnets', ['payments', 'platform']), 'payments');
  assert.equal(closest('zzz', ['payments']), undefined);
  assert.equal(didYouMean('checkout-apii', ['checkout-api']), ' Did you mean "checkout-api"?');
  assert.equal(slugify('3-D Secure: Ünïcode & more!'), '3-d-secure-unicode-more');
  assert.equal(idFromTitle('3-D Secure outage'), 'x-3-d-secure-outage');
});

test('git log output gives the newest date per file', () => {
  const log =
    '\x1e2026-11-20T10:00:00+00:00\n\ncontent/a.mdx\ncontent/b.mdx\n\x1e2026-10-01T09:00:00+00:00\n\ncontent/a.mdx\ncontent/c.yaml\n';
  assert.deepEqual(
    [...parseGitLog(log)],
    [
      ['content/a.mdx', '2026-11-20T10:00:00+00:00'],
      ['content/b.mdx', '2026-11-20T10:00:00+00:00'],
      ['content/c.yaml', '2026-10-01T09:00:00+00:00'],
    ],
  );
});

test('edit links point into the content folder of the repository', () => {
  const config = { editBranch: 'main', contentPath: 'content' };
  assert.equal(
    editLink('https://git.example.com/org/repo/', config, 'content/postmortems/x.mdx'),
    'https://git.example.com/org/repo/edit/main/content/postmortems/x.mdx',
  );
  assert.equal(
    editLink('https://git.example.com/r', { editBranch: 'trunk', contentPath: '' }, '../elsewhere/slos/y.mdx'),
    'https://git.example.com/r/edit/trunk/slos/y.mdx',
  );
  assert.equal(editLink(undefined, config, 'content/postmortems/x.mdx'), undefined);
});

test('the environment is validated in one place', () => {
  const env = readEnvironment(
    { ALMANAC_NOW: '2026-11-28T12:00:00+01:00', ALMANAC_AUDIENCE: 'public', ALMANAC_CONTENT_DIR: 'elsewhere' },
    { root: '/repo' },
  );
  assert.equal(env.now, Date.parse('2026-11-28T11:00:00Z'));
  assert.equal(env.audience, 'public');
  assert.equal(env.contentDir, '/repo/elsewhere');
  assert.throws(() => readEnvironment({ ALMANAC_AUDIENCE: 'everyone' }), /ALMANAC_AUDIENCE is "everyone"; it must be "internal"/);
  assert.throws(() => readEnvironment({ ALMANAC_NOW: '2026-11-28T12:00' }), /ALMANAC_NOW: .*no UTC offset/);
  assert.equal(readEnvironment({}, { root: '/repo', clock: () => 42 }).now, 42);
  // Astro names the root with a final slash, the scripts without: both must give the same
  // folders, which key the validation cache that `npm run check` and `astro build` share.
  const fromAstro = readEnvironment({ ALMANAC_CONTENT_DIR: '/handbook/content/' }, { root: '/repo/' });
  assert.deepEqual([fromAstro.root, fromAstro.contentDir, fromAstro.cacheDir], ['/repo', '/handbook/content', '/repo/.cache']);
  assert.equal(readEnvironment({}, { root: '/repo/' }).contentDir, '/repo/content');
  assert.equal(readEnvironment({}).searchShardSize, undefined, 'no setting: the default shard size');
  assert.equal(readEnvironment({ ALMANAC_SEARCH_SHARD_SIZE: ' 8 ' }).searchShardSize, 8);
  for (const bad of ['0', '2.5', 'many'])
    assert.throws(
      () => readEnvironment({ ALMANAC_SEARCH_SHARD_SIZE: bad }),
      /ALMANAC_SEARCH_SHARD_SIZE is ".*"; it must be a whole number/,
    );
});

test('field paths read like the YAML', () => {
  assert.equal(formatFieldPath(['actionItems', 2, 'owner']), 'actionItems[2].owner');
  assert.equal(formatFieldPath(['timeline', 'started']), 'timeline.started');
});
