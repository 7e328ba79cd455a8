/** defaultRules: one list of authoring rules, used by both the build and `npm run check`. */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { validateOrThrow } from '../../src/integration/almanac.ts';
import { BuildContext } from '../../src/integration/context.ts';
import { ContentValidationError } from '../../src/core/problems.ts';
import { defaultRules } from '../../src/validation/rules.ts';
import { validateContent } from '../../src/validation/validate.ts';
import { AS_OF, contentFolder, mdx, postmortemYaml } from './support/content.ts';

const KEY = 'AKIA' + 'IOSFODNN7EXAMPLE';

function fakeLogger() {
  const warnings: string[] = [];
  const logger = {
    warn: (message: string) => warnings.push(message),
    info() {},
    error() {},
    debug() {},
    options: {},
    label: 'test',
    fork: () => logger,
  };
  return { logger: logger as unknown as Parameters<typeof validateOrThrow>[1], warnings };
}

function contextOf(folder: { contentDir: string; root: string }) {
  return new BuildContext({
    contentDir: folder.contentDir,
    root: folder.root,
    cacheDir: `${folder.root}/.cache`,
    now: AS_OF,
    audience: 'internal',
    includeDrafts: false,
  });
}

describe('defaultRules', () => {
  test('holds the blameless lint, the secret scan and the policies', () => {
    const folder = contentFolder({
      'postmortems/a.mdx': mdx(postmortemYaml(), `It was human error. The key ${KEY} leaked.`),
      'handbook/old.mdx': mdx('title: Old\ndescription: d\nowner: platform\nlastReviewed: 2026-01-01'),
    });
    const result = folder.validate(defaultRules({ now: AS_OF }));
    assert.deepEqual(result.problems.map((p) => p.rule).sort(), ['blameless', 'policy.staleHandbook', 'secrets']);
  });

  test('the build (validateOrThrow) applies the same rules: warnings are logged, errors throw', () => {
    const warnOnly = contentFolder({ 'postmortems/a.mdx': mdx(postmortemYaml(), 'It was human error.') });
    const { logger, warnings } = fakeLogger();
    const result = validateOrThrow(contextOf(warnOnly), logger);
    assert.equal(result.problems.length, 1);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^warning content\/postmortems\/a\.mdx:\d+ body: "human error"/);

    const leaking = contentFolder({ 'postmortems/a.mdx': mdx(postmortemYaml(), `The key ${KEY} leaked.`) });
    assert.throws(
      () => validateOrThrow(contextOf(leaking), fakeLogger().logger),
      (error: unknown) =>
        error instanceof ContentValidationError && error.problems.some((p) => p.rule === 'secrets') && !error.message.includes(KEY),
    );
  });

  test('the example handbook passes the authoring rules without errors or lint findings', () => {
    const root = resolve(import.meta.dirname, '../..');
    const result = validateContent({ contentDir: resolve(root, 'content'), root, entryRules: defaultRules({ now: AS_OF }) });
    assert.deepEqual(
      result.problems.filter((p) => p.level === 'error'),
      [],
    );
    assert.deepEqual(
      result.problems.filter((p) => p.rule === 'blameless' || p.rule === 'secrets'),
      [],
    );
  });
});
