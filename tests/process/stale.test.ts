/**
 * Nothing stale: builds of different content folders in one project share Astro's data store, and
 * each must publish its own bodies. Folder B is a copy of A with one body edited; A is then moved.
 * Each build must publish the body of the folder it was given, without `--force`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { contentFolder, mdx, postmortemYaml } from '../unit/support/content.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ASTRO = join(ROOT, 'node_modules', '.bin', 'astro');

function build(contentDir: string, outDir: string): string {
  const result = spawnSync(ASTRO, ['build', '--outDir', outDir], {
    cwd: ROOT,
    env: { ...process.env, ALMANAC_CONTENT_DIR: contentDir, ALMANAC_NOW: '2026-11-28T12:00:00Z' },
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  return readFileSync(join(outDir, 'postmortems', 'outage', 'index.html'), 'utf8');
}

test('a build publishes the bodies of its own folder, after another folder, an edit and a move', () => {
  const plain = 'Body of folder A, plain Markdown.';
  const component = '<Callout type="note">Callout of folder A.</Callout>';
  const a = contentFolder({ 'postmortems/outage.mdx': mdx(postmortemYaml(), `${plain}\n\n${component}`) });
  const b = join(a.root, 'content-b');
  cpSync(a.contentDir, b, { recursive: true });
  writeFileSync(
    join(b, 'postmortems', 'outage.mdx'),
    mdx(postmortemYaml(), 'Body of folder B, plain Markdown.\n\n<Callout type="note">Callout of folder B.</Callout>'),
  );

  const first = build(a.contentDir, join(a.root, 'dist-a'));
  assert.ok(first.includes('Body of folder A') && first.includes('Callout of folder A'));
  const second = build(b, join(a.root, 'dist-b'));
  assert.ok(second.includes('Body of folder B') && second.includes('Callout of folder B'), 'B publishes its own body');
  assert.ok(!second.includes('folder A'), 'nothing of A in B');

  const moved = join(a.root, 'content-moved');
  renameSync(a.contentDir, moved);
  const third = build(moved, join(a.root, 'dist-moved'));
  assert.ok(third.includes('Body of folder A') && third.includes('Callout of folder A'), 'the moved folder builds');
});
