/** The per-file validation cache: same results as a cold run, never stale, and an edit rewrites one shard. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { defaultRules } from '../../src/validation/rules.ts';
import { validateContent } from '../../src/validation/validate.ts';
import { THREAD_FROM_FILES } from '../../src/validation/check-thread-client.ts';
import { checkSourceFiles, VALIDATION_CACHE_SHARDS, validationShardOf } from '../../src/validation/validation-cache.ts';
import { AS_OF, contentFolder, mdx, postmortemYaml } from './support/content.ts';

function setup() {
  const folder = contentFolder({
    'postmortems/warned.mdx': mdx(postmortemYaml(), 'It was human error.'),
    'postmortems/broken.mdx': mdx(postmortemYaml({ severity: 'severity: SEV9' })),
    'postmortems/fine.mdx': mdx(postmortemYaml()),
  });
  const cacheDir = join(folder.root, '.cache', 'validation');
  const run = () =>
    validateContent({ contentDir: folder.contentDir, root: folder.root, entryRules: defaultRules({ now: AS_OF }), cacheDir });
  return { folder, cacheDir, run };
}

const summary = (result: ReturnType<typeof validateContent>) => ({
  problems: result.problems.map(({ file, line, field, rule, message, level }) => ({ file, line, field, rule, message, level })),
  entries: result.entries.map(({ collection, id, data }) => ({ collection, id, data })),
});

test('a run from the cache reports exactly what a cold run reports, lint findings included', () => {
  const { cacheDir, run } = setup();
  const cold = summary(run());
  assert.ok(existsSync(cacheDir) && readdirSync(cacheDir).length > 0, 'the cache was written');
  assert.ok(cold.problems.some((p) => p.rule === 'blameless') && cold.problems.some((p) => p.field === 'severity'));
  const cached = run();
  assert.deepEqual(summary(cached), cold);
  assert.equal(cached.parsed.get('content/postmortems/fine.mdx')!.text.includes('Checkout errors'), true, 'loaders still get the text');
});

test('a changed file is checked again; the others come from the cache', () => {
  const { folder, cacheDir, run } = setup();
  run();
  const shards = () => new Map(readdirSync(cacheDir).map((name) => [name, statSync(join(cacheDir, name)).ino]));
  const before = shards();
  folder.write('postmortems/broken.mdx', mdx(postmortemYaml()));
  const after = run();
  assert.equal(
    after.problems.some((p) => p.file.endsWith('broken.mdx')),
    false,
    'the fixed file has no problem any more',
  );
  assert.equal(after.problems.filter((p) => p.rule === 'blameless').length, 1, 'the unchanged file keeps its lint finding');
  const file = 'content/postmortems/broken.mdx';
  const shard = `${validationShardOf(file)}.json`;
  const stored = JSON.parse(readFileSync(join(cacheDir, shard), 'utf8')) as { files: Record<string, { problems: unknown[] }> };
  assert.deepEqual(stored.files[file].problems, []);
  const after2 = shards();
  const rewritten = [...after2].filter(([name, inode]) => before.get(name) !== inode).map(([name]) => name);
  assert.deepEqual(rewritten, [shard], 'only the shard holding the changed file is written again');
});

test('cross-entry rules always run: an unchanged file whose reference broke is reported', () => {
  const { folder, run } = setup();
  run();
  rmSync(join(folder.contentDir, 'teams', 'checkout.yaml'));
  const after = run();
  assert.ok(
    after.problems.some((p) => p.file.endsWith('fine.mdx') && p.rule === 'reference' && p.line !== undefined),
    'a reference error with its line',
  );
});

test('a configuration change invalidates the cache', () => {
  const { folder, run } = setup();
  run();
  folder.write('almanac.yaml', 'lint:\n  blameless: off\n');
  assert.equal(
    run().problems.some((p) => p.rule === 'blameless'),
    false,
  );
});

test('the fingerprint covers the configuration, the folders and the checks’ own source', async () => {
  const { cacheFingerprint } = await import('../../src/validation/validation-cache.ts');
  const { defaultSiteConfig } = await import('../../src/validation/site-config.ts');
  const config = defaultSiteConfig();
  const base = cacheFingerprint(config, '/content', '/root');
  assert.equal(cacheFingerprint(defaultSiteConfig(), '/content', '/root'), base, 'stable for the same inputs');
  assert.notEqual(cacheFingerprint({ ...config, name: 'Other' }, '/content', '/root'), base);
  assert.notEqual(cacheFingerprint(config, '/elsewhere', '/root'), base);
  assert.notEqual(cacheFingerprint(config, '/content', '/other-root'), base);
});

test('results spread over the shards, and the single file of the earlier layout is deleted', () => {
  const { cacheDir, run } = setup();
  const legacy = `${cacheDir}.json`;
  mkdirSync(dirname(legacy), { recursive: true });
  writeFileSync(legacy, '{}');
  run();
  assert.equal(existsSync(legacy), false);
  const names = Array.from({ length: 200 }, (_, index) => `content/postmortems/incident-${index}.mdx`);
  const used = new Set(names.map(validationShardOf));
  assert.equal(used.size, VALIDATION_CACHE_SHARDS, 'every shard holds some of 200 files');
});

test('the cache is dropped when the checks change: their lint rules, schemas and core code are in its fingerprint', () => {
  const files = checkSourceFiles().map((file) => file.split('/src/')[1]);
  for (const source of [
    'validation/validate.ts',
    'validation/lint/blameless.ts',
    'validation/lint/secrets.ts',
    'core/schemas/postmortems.ts',
    'core/problems.ts',
    'core/time.ts',
  ])
    assert.ok(files.includes(source), `${source} is part of the fingerprint`);
});

test('a second thread checks some of many new files: the same problems and entries as one thread, and all of them cached', () => {
  const files: Record<string, string> = {};
  for (let index = 0; index < THREAD_FROM_FILES + 20; index++) {
    const name = `postmortems/incident-${String(index).padStart(3, '0')}.mdx`;
    if (index % 7 === 0) files[name] = mdx(postmortemYaml(), 'It was human error.');
    else if (index % 11 === 0) files[name] = mdx(postmortemYaml({ severity: 'severity: SEV9' }));
    else if (index % 13 === 0) files[name] = mdx(postmortemYaml(), 'The key was AKIAIOSFODNN7EXAMPLF in the log.');
    else files[name] = mdx(postmortemYaml());
  }
  const folder = contentFolder(files);
  const run = (threads: boolean, cacheDir?: string) =>
    validateContent({ contentDir: folder.contentDir, root: folder.root, entryRules: defaultRules({ now: AS_OF }), threads, cacheDir });
  const oneThread = summary(run(false));
  assert.ok(oneThread.problems.some((p) => p.rule === 'blameless') && oneThread.problems.some((p) => p.field === 'severity'));
  assert.ok(
    oneThread.problems.some((p) => p.rule === 'secrets'),
    'the secrets lint found the key',
  );
  const cacheDir = join(folder.root, '.cache', 'validation');
  const threaded = run(true, cacheDir);
  assert.ok(threaded.checkedOnThread > 0, 'the second thread checked files');
  assert.deepEqual(summary(threaded), oneThread);
  const stored = readdirSync(cacheDir).flatMap((name) =>
    Object.keys((JSON.parse(readFileSync(join(cacheDir, name), 'utf8')) as { files: object }).files),
  );
  assert.equal(stored.filter((file) => file.includes('/incident-')).length, THREAD_FROM_FILES + 20, 'every file is in the cache');
  // From the cache (no thread needed): still the same.
  assert.deepEqual(summary(run(true, cacheDir)), oneThread);
  // Without the lints (a caller that asks for none), the thread checks without them too.
  const bare = (threads: boolean) => validateContent({ contentDir: folder.contentDir, root: folder.root, threads });
  const bareThreaded = bare(true);
  assert.ok(bareThreaded.checkedOnThread > 0, 'the second thread checked files without lints');
  assert.deepEqual(summary(bareThreaded), summary(bare(false)));
  assert.ok(!summary(bareThreaded).problems.some((p) => p.rule === 'blameless' || p.rule === 'secrets'), 'no lint ran');
});
