/** The per-file validation cache: same results as a cold run, and never stale. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultRules } from '../../src/validation/rules.ts';
import { validateContent } from '../../src/validation/validate.ts';
import { AS_OF, contentFolder, mdx, postmortemYaml } from './support/content.ts';

function setup() {
  const folder = contentFolder({
    'postmortems/warned.mdx': mdx(postmortemYaml(), 'It was human error.'),
    'postmortems/broken.mdx': mdx(postmortemYaml({ severity: 'severity: SEV9' })),
    'postmortems/fine.mdx': mdx(postmortemYaml()),
  });
  const cacheFile = join(folder.root, '.cache', 'validation.json');
  const run = () =>
    validateContent({ contentDir: folder.contentDir, root: folder.root, entryRules: defaultRules({ now: AS_OF }), cacheFile });
  return { folder, cacheFile, run };
}

const summary = (result: ReturnType<typeof validateContent>) => ({
  problems: result.problems.map(({ file, line, field, rule, message, level }) => ({ file, line, field, rule, message, level })),
  entries: result.entries.map(({ collection, id, data }) => ({ collection, id, data })),
});

test('a run from the cache reports exactly what a cold run reports, lint findings included', () => {
  const { cacheFile, run } = setup();
  const cold = summary(run());
  assert.ok(existsSync(cacheFile), 'the cache was written');
  assert.ok(cold.problems.some((p) => p.rule === 'blameless') && cold.problems.some((p) => p.field === 'severity'));
  const cached = run();
  assert.deepEqual(summary(cached), cold);
  assert.equal(cached.parsed.get('content/postmortems/fine.mdx')!.text.includes('Checkout errors'), true, 'loaders still get the text');
});

test('a changed file is checked again; the others come from the cache', () => {
  const { folder, cacheFile, run } = setup();
  run();
  folder.write('postmortems/broken.mdx', mdx(postmortemYaml()));
  const after = run();
  assert.equal(
    after.problems.some((p) => p.file.endsWith('broken.mdx')),
    false,
    'the fixed file has no problem any more',
  );
  assert.equal(after.problems.filter((p) => p.rule === 'blameless').length, 1, 'the unchanged file keeps its lint finding');
  const stored = JSON.parse(readFileSync(cacheFile, 'utf8')) as { files: Record<string, { problems: unknown[] }> };
  assert.deepEqual(stored.files['content/postmortems/broken.mdx'].problems, []);
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
