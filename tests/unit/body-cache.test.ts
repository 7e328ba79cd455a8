/**
 * The rendered-bodies cache: one file per body digest, all in one folder, written aside and
 * renamed; the folder is made once per process and again if it was deleted meanwhile. A build
 * marks the bodies it reuses, and tidying deletes those no build has used for 30 days and the
 * folders left from an earlier layout. The card cache is pruned by the same rule (`pruneUnused`).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import {
  UNUSED_CACHE_DAYS,
  bodyCachePath,
  pruneUnused,
  readCachedBody,
  tidyBodyCache,
  useCachedBody,
  writeCachedBody,
} from '../../src/build/cache.ts';

function cacheFolder(t: { after(fn: () => void): void }): string {
  const cacheDir = mkdtempSync(join(tmpdir(), 'almanac-bodies-'));
  t.after(() => rmSync(cacheDir, { recursive: true, force: true }));
  return cacheDir;
}

const body = { html: '<p>What happened.</p>', headings: [{ depth: 2, slug: 'impact', text: 'Impact' }] };
const DAY = 86_400_000;

test('bodies are cached by digest in one folder, and written again after the folder was deleted', async (t) => {
  const cacheDir = cacheFolder(t);
  await Promise.all(['a1', 'b2', 'c3'].map((digest) => writeCachedBody(digest, body, cacheDir)));
  assert.deepEqual(readdirSync(join(cacheDir, 'bodies')).sort(), ['a1.json', 'b2.json', 'c3.json'], 'one folder, no temporary files left');
  assert.equal(dirname(bodyCachePath('ff00', cacheDir)), join(cacheDir, 'bodies'));
  assert.deepEqual(readCachedBody('b2', cacheDir), body);
  assert.equal(useCachedBody('d4', cacheDir), false);
  assert.equal(readCachedBody('d4', cacheDir), undefined);

  rmSync(join(cacheDir, 'bodies'), { recursive: true });
  await writeCachedBody('d4', body, cacheDir);
  assert.ok(existsSync(bodyCachePath('d4', cacheDir)), 'the folder is made again');
  assert.deepEqual(readCachedBody('d4', cacheDir), body);
});

test('tidying deletes the bodies no build has used for 30 days and the folders of an earlier layout', async (t) => {
  const cacheDir = cacheFolder(t);
  assert.deepEqual(await tidyBodyCache(cacheDir), { bodies: 0, folders: 0 }, 'no bodies cache yet');
  const now = Date.now();
  await Promise.all(['used', 'unused', 'recent'].map((digest) => writeCachedBody(digest, body, cacheDir)));
  const age = (digest: string, days: number) => {
    const then = new Date(now - days * DAY);
    utimesSync(bodyCachePath(digest, cacheDir), then, then);
  };
  age('used', 40);
  age('unused', UNUSED_CACHE_DAYS + 1);
  age('recent', UNUSED_CACHE_DAYS - 1);
  // A build reuses "used": it is marked as used now.
  assert.equal(useCachedBody('used', cacheDir), true);
  assert.ok(statSync(bodyCachePath('used', cacheDir)).mtimeMs >= now - 1000);
  for (const old of ['ab/ab12.json', 'cd/cd34.json', 'cd/cd56.json']) {
    mkdirSync(dirname(join(cacheDir, 'bodies', old)), { recursive: true });
    writeFileSync(join(cacheDir, 'bodies', old), '{}');
  }
  assert.deepEqual(await tidyBodyCache(cacheDir, UNUSED_CACHE_DAYS, now), { bodies: 1, folders: 2 });
  assert.deepEqual(readdirSync(join(cacheDir, 'bodies')).sort(), ['recent.json', 'used.json']);
  assert.deepEqual(readCachedBody('used', cacheDir), body);
});

test('the card cache deletes unused cards at any depth, and nothing but cards', async (t) => {
  const { pruneCardCache } = await import('../../src/outputs/og/render.ts');
  const cacheDir = cacheFolder(t);
  const now = Date.now();
  const file = (path: string, days: number) => {
    mkdirSync(dirname(join(cacheDir, path)), { recursive: true });
    writeFileSync(join(cacheDir, path), 'x');
    const then = new Date(now - days * DAY);
    utimesSync(join(cacheDir, path), then, then);
  };
  file('recent.png', 1);
  file('old.png', UNUSED_CACHE_DAYS + 1);
  file('ab/old-prefix.png', UNUSED_CACHE_DAYS + 5);
  file('notes.txt', 400);
  assert.equal(await pruneCardCache(cacheDir, UNUSED_CACHE_DAYS, now), 2);
  assert.deepEqual(readdirSync(cacheDir, { recursive: true }).sort(), ['ab', 'notes.txt', 'recent.png']);
  assert.equal(await pruneUnused(join(cacheDir, 'missing'), () => true), 0, 'no folder, nothing to do');
});
