/**
 * The rendered-bodies cache: one file per body digest, all in one folder, written aside and
 * renamed; the folder is made once per process and again if it was deleted meanwhile. Folders
 * inside it are left from an earlier layout and deleted.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { bodyCachePath, hasCachedBody, readCachedBody, removeStaleBodyFolders, writeCachedBody } from '../../src/build/cache.ts';

test('bodies are cached by digest in one folder, and written again after the folder was deleted', async (t) => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'almanac-bodies-'));
  t.after(() => rmSync(cacheDir, { recursive: true, force: true }));
  const body = { html: '<p>What happened.</p>', headings: [{ depth: 2, slug: 'impact', text: 'Impact' }] };
  await Promise.all(['a1', 'b2', 'c3'].map((digest) => writeCachedBody(digest, body, cacheDir)));
  assert.deepEqual(readdirSync(join(cacheDir, 'bodies')).sort(), ['a1.json', 'b2.json', 'c3.json'], 'one folder, no temporary files left');
  assert.equal(dirname(bodyCachePath('ff00', cacheDir)), join(cacheDir, 'bodies'));
  assert.deepEqual(readCachedBody('b2', cacheDir), body);
  assert.equal(hasCachedBody('d4', cacheDir), false);
  assert.equal(readCachedBody('d4', cacheDir), undefined);

  rmSync(join(cacheDir, 'bodies'), { recursive: true });
  await writeCachedBody('d4', body, cacheDir);
  assert.ok(existsSync(bodyCachePath('d4', cacheDir)), 'the folder is made again');
  assert.deepEqual(readCachedBody('d4', cacheDir), body);
});

test("a build deletes the bodies cache's folders, left from an earlier layout, and keeps its bodies", async (t) => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'almanac-bodies-'));
  t.after(() => rmSync(cacheDir, { recursive: true, force: true }));
  assert.equal(await removeStaleBodyFolders(cacheDir), 0, 'no bodies cache yet');
  const body = { html: '<p>Kept.</p>', headings: [] };
  await writeCachedBody('e5', body, cacheDir);
  for (const old of ['ab/ab12.json', 'cd/cd34.json', 'cd/cd56.json']) {
    mkdirSync(dirname(join(cacheDir, 'bodies', old)), { recursive: true });
    writeFileSync(join(cacheDir, 'bodies', old), '{}');
  }
  assert.equal(await removeStaleBodyFolders(cacheDir), 2);
  assert.deepEqual(readdirSync(join(cacheDir, 'bodies')), ['e5.json']);
  assert.deepEqual(readCachedBody('e5', cacheDir), body);
});
