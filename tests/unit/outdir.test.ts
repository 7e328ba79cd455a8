import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { prepareOutput, recordOutput, sweepOutput, type OutputFiles } from '../../src/build/outdir.ts';
import { fileIdentity, sameIdentity } from '../../src/build/file-identity.ts';

/** A project with an output folder as a finished build leaves it, and that build's record. */
function builtProject(t: { after(fn: () => void): void }) {
  const parent = mkdtempSync(join(tmpdir(), 'almanac-outdir-'));
  t.after(() => rmSync(parent, { recursive: true, force: true }));
  const outDir = join(parent, 'dist');
  const files: OutputFiles = {
    recordFile: join(parent, 'cache', 'output.json'),
    astroManifest: join(parent, 'astro', 'incremental-build.json'),
  };
  const write = (path: string, text: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  const pages = ['index.html', 'postmortems/a/index.html', 'postmortems/b/index.html', 'api/postmortems.json'];
  for (const page of pages) write(join(outDir, page), `page ${page}`);
  write(join(outDir, 'og', 'postmortems', 'a.png'), 'card');
  write(join(outDir, '_astro', 'search.js'), 'bundle');
  write(files.astroManifest, '{}');
  recordOutput(outDir, files, pages);
  return { parent, outDir, files, write, pages };
}

const waitUntilGone = async (path: string) => {
  for (let i = 0; i < 100 && existsSync(path); i++) await new Promise((resolve) => setTimeout(resolve, 50));
};

test("a build keeps the last build's pages in place and nothing else", async (t) => {
  const { outDir, files, pages } = builtProject(t);
  const inode = statSync(join(outDir, 'postmortems/a/index.html')).ino;
  const prepared = prepareOutput(outDir, files);
  assert.deepEqual([...prepared.kept.keys()].sort(), [...pages].sort());
  assert.deepEqual(readdirSync(outDir).sort(), ['api', 'index.html', 'postmortems'], 'cards and bundles are written anew');
  assert.equal(statSync(join(outDir, 'postmortems/a/index.html')).ino, inode, 'the same file, not a copy');
  assert.equal(readFileSync(join(outDir, 'postmortems/b/index.html'), 'utf8'), 'page postmortems/b/index.html');
  assert.ok(prepared.aside);
  await waitUntilGone(prepared.aside);
  assert.equal(existsSync(prepared.aside), false, 'the rest of the old output is deleted in the background');
  assert.ok(existsSync(join(outDir, 'postmortems/a/index.html')), 'deleting the old output leaves the kept pages');
});

test('the sweep removes the kept pages this build did not generate, and their empty folders', (t) => {
  const { outDir, files, write } = builtProject(t);
  const prepared = prepareOutput(outDir, files);
  // This build generates index.html and page a again (a is rewritten), no longer page b.
  write(join(outDir, 'postmortems/a/index.html'), 'page a, rendered again');
  const generated = new Set(['index.html', 'postmortems/a/index.html', 'api/postmortems.json']);
  assert.deepEqual(sweepOutput(outDir, prepared, generated), ['postmortems/b/index.html']);
  assert.equal(existsSync(join(outDir, 'postmortems/b')), false, 'its folder went with it');
  assert.equal(readFileSync(join(outDir, 'postmortems/a/index.html'), 'utf8'), 'page a, rendered again');
  assert.ok(existsSync(join(outDir, 'index.html')));
});

test('the sweep leaves a page that was written again, even if it was not generated as a page', (t) => {
  const { outDir, files, write } = builtProject(t);
  const prepared = prepareOutput(outDir, files);
  write(join(outDir, 'postmortems/b/index.html'), 'written by another step of this build');
  assert.deepEqual(sweepOutput(outDir, prepared, new Set(['index.html'])), ['postmortems/a/index.html', 'api/postmortems.json']);
  assert.ok(existsSync(join(outDir, 'postmortems/b/index.html')));
});

test('a page changed since the last build is not kept', (t) => {
  const { outDir, files, write } = builtProject(t);
  write(join(outDir, 'postmortems/b/index.html'), 'edited by hand');
  const prepared = prepareOutput(outDir, files);
  assert.equal(prepared.kept.has('postmortems/b/index.html'), false);
  assert.equal(existsSync(join(outDir, 'postmortems/b/index.html')), false);
  assert.ok(prepared.kept.has('postmortems/a/index.html'));
});

test("nothing is kept when Astro's manifest or the output folder is not the last build's", (t) => {
  const changedManifest = builtProject(t);
  changedManifest.write(changedManifest.files.astroManifest, '{"another":"build"}');
  const prepared = prepareOutput(changedManifest.outDir, changedManifest.files);
  assert.equal(prepared.kept.size, 0, 'another build (another cache folder) used the same Astro cache');
  assert.deepEqual(readdirSync(changedManifest.outDir), []);

  const otherFolder = builtProject(t);
  const elsewhere = join(otherFolder.parent, 'elsewhere');
  mkdirSync(elsewhere);
  writeFileSync(join(elsewhere, 'index.html'), 'old');
  assert.equal(prepareOutput(elsewhere, otherFolder.files).kept.size, 0, 'the record names another output folder');
  assert.deepEqual(readdirSync(elsewhere), []);

  const noRecord = builtProject(t);
  rmSync(noRecord.files.recordFile);
  assert.equal(prepareOutput(noRecord.outDir, noRecord.files).kept.size, 0);
});

test('an empty or missing output folder is left as it is, and a .git inside is kept', (t) => {
  const { parent, outDir, files } = builtProject(t);
  assert.deepEqual(prepareOutput(join(parent, 'missing'), files), { kept: new Map() });
  mkdirSync(join(parent, 'empty'));
  assert.equal(prepareOutput(join(parent, 'empty'), files).aside, undefined);
  mkdirSync(join(outDir, '.git'));
  writeFileSync(join(outDir, '.git', 'HEAD'), 'ref: refs/heads/pages');
  const prepared = prepareOutput(outDir, files);
  assert.ok(prepared.aside);
  assert.equal(readFileSync(join(outDir, '.git', 'HEAD'), 'utf8'), 'ref: refs/heads/pages');
  assert.equal(prepared.kept.size, 4);
});

test("a file's identity changes when it is written or replaced, and a folder has none", (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'almanac-identity-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const file = join(folder, 'page.html');
  writeFileSync(file, 'one');
  const first = fileIdentity(file);
  assert.ok(sameIdentity(first, fileIdentity(file)), 'unchanged');
  writeFileSync(file, 'one, longer');
  assert.equal(sameIdentity(first, fileIdentity(file)), false, 'written');
  const written = fileIdentity(file);
  writeFileSync(join(folder, 'next.html'), 'one, longer');
  renameSync(join(folder, 'next.html'), file);
  assert.equal(sameIdentity(written, fileIdentity(file)), false, 'replaced by a rename');
  assert.equal(fileIdentity(folder), undefined);
  assert.equal(fileIdentity(join(folder, 'missing')), undefined);
  assert.equal(sameIdentity(undefined, undefined), false);
});
