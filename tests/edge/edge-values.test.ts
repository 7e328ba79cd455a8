/**
 * Check and build agree: tests/fixtures/edge-values holds values at the edges of what validation
 * accepts (datetimes in years 0001 and 9999, offsets +14:00 and -12:00, a byte order mark, CRLF
 * line endings). `npm test` builds it (ALMANAC_DIST); every page exists and every date renders.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { distFiles, readDist, readDistJson } from '../support/dist.ts';

describe('a build of edge values', () => {
  test('every entry has its page', () => {
    const files = new Set(distFiles());
    for (const page of [
      'postmortems/first-light/index.html',
      'postmortems/last-light/index.html',
      'handbook/ancient-rite/index.html',
      'handbook/far-future/index.html',
      'releases/web-1-0-0/index.html',
      'prds/long-plan/index.html',
      'teams/ops/index.html',
      'services/web/index.html',
      'slos/web-availability/index.html',
      'insights/index.html',
    ]) {
      assert.ok(files.has(page), `${page} was built`);
    }
  });

  test('year 0001 at +14:00 renders in UTC, which is still year 0000 (four digits)', () => {
    const page = readDist('postmortems/first-light/index.html');
    assert.ok(page.includes('<time datetime="0001-01-01T00:00:00+14:00">0000-12-31 10:00 UTC</time>'), 'timeline.started');
    assert.ok(page.includes('<time datetime="0001-01-01T01:00:00Z">0001-01-01 01:00 UTC</time>'), 'timeline.mitigated');
    // The <Event> of the body goes through toISOString.
    assert.ok(page.includes('<time datetime="0000-12-31T10:00:00.000Z">0000-12-31 10:00 UTC</time>'), '<Event at>');
  });

  test('year 9999 at -12:00 renders up to the last minute of 9999 in UTC', () => {
    const page = readDist('postmortems/last-light/index.html');
    assert.ok(page.includes('<time datetime="9999-12-31T10:00:00-12:00">9999-12-31 22:00 UTC</time>'));
    // Later instants of the same UTC day show the time only (the phases to scale).
    assert.ok(page.includes('<time datetime="9999-12-31T11:58:00-12:00">23:58 UTC</time>'));
    assert.ok(page.includes('<time datetime="9999-12-31T23:58:00.000Z">9999-12-31 23:58 UTC</time>'), '<Event at>');
  });

  test('durations across offsets and year boundaries are computed, not NaN', () => {
    const postmortems = readDistJson<{ id: string; durations: Record<string, number | null> }[]>('api/postmortems.json');
    const byId = new Map(postmortems.map((pm) => [pm.id, pm.durations]));
    // started 0001-01-01T00:00+14:00 = 0000-12-31T10:00Z; mitigated 0001-01-01T01:00Z: 15 h.
    assert.deepEqual(byId.get('first-light'), { toDetectMinutes: 5, toMitigateMinutes: 900, toResolveMinutes: null });
    assert.deepEqual(byId.get('last-light'), { toDetectMinutes: 60, toMitigateMinutes: 118, toResolveMinutes: null });
  });

  test('a page with a byte order mark and CRLF endings renders its fields and body', () => {
    const page = readDist('handbook/ancient-rite/index.html');
    assert.ok(page.includes('<h1>Ancient rite</h1>'));
    assert.ok(page.includes('<time datetime="0001-01-01">0001-01-01</time>'));
    assert.ok(page.includes('Kept since year one.'));
    assert.ok(!page.includes('\uFEFF'), 'the byte order mark is not published');
    // 9999-06-01 + 180 days = 9999-11-28.
    assert.ok(readDist('handbook/far-future/index.html').includes('next due <time datetime="9999-11-28">9999-11-28</time>'));
    assert.ok(readDist('teams/ops/index.html').includes('Ops'));
  });

  test('no page, feed, calendar or JSON file shows an invalid date', () => {
    for (const file of distFiles().filter((name) => /\.(html|json|xml|ics)$/.test(name) && !name.startsWith('pagefind/'))) {
      const text = readDist(file);
      assert.ok(!text.includes('Invalid Date') && !text.includes('NaN-') && !text.includes('+010000'), `${file} has an invalid date`);
    }
  });
});
