/**
 * The integration's Vite plugin: the build context module, and the MDX source it hands on to the
 * MDX compiler (no code, links to unpublished entries as text) for files of the content folder.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { BuildContext } from '../../src/integration/context.ts';
import { almanacVitePlugin } from '../../src/integration/vite-plugin.ts';
import { AS_OF, contentFolder, mdx, postmortemYaml } from './support/content.ts';

const logger = { info() {}, warn() {}, error() {}, debug() {} } as unknown as Parameters<typeof almanacVitePlugin>[1];

function pluginFor(files: Record<string, string>, audience: 'internal' | 'public' = 'internal') {
  const folder = contentFolder(files);
  const context = new BuildContext({
    contentDir: folder.contentDir,
    root: folder.root,
    cacheDir: `${folder.root}/.cache`,
    now: AS_OF,
    audience,
    includeDrafts: false,
  });
  const plugin = almanacVitePlugin(context, logger);
  const transform = (code: string, id: string) =>
    (plugin.transform as { handler: (code: string, id: string) => { code: string } | undefined }).handler(code, id);
  return { folder, plugin, transform };
}

describe('almanac Vite plugin', () => {
  test('the context module holds the environment (without the as-of instant), the configuration, the unpublished entries and the model snapshot', () => {
    const { plugin } = pluginFor({
      'postmortems/hidden.mdx': mdx(postmortemYaml({ status: 'status: draft', reviewers: '', reviewedAt: '' })),
    });
    const resolved = (plugin.resolveId as (id: string) => string | undefined)('virtual:almanac/context');
    assert.equal(resolved, '\0virtual:almanac/context');
    const code = (plugin.load as (id: string) => string)(resolved!);
    const context = JSON.parse(code.replace(/^export const context = /, '').replace(/;$/, ''));
    // The instant changes with every build; in the pages' code it would stop Astro's incremental
    // build from reusing any page. The pages read it from the model.
    assert.equal(context.environment.now, undefined);
    assert.equal(context.environment.audience, 'internal');
    assert.equal(context.config.name, 'Almanac');
    assert.match(context.modelFile, /model[/\\]build\.bin$/);
    assert.deepEqual(context.hidden, ['postmortems/hidden']);
  });

  test('MDX modules of the content folder reach the compiler without code; other files are untouched', () => {
    const source = mdx(
      postmortemYaml(),
      "import fs from 'node:fs'\n\nToken: {process.env.CI_TOKEN}.\n\n<Callout title={fs.readFileSync('/etc/passwd', 'utf8')}>x</Callout>\n\nSee [draft](../hidden/).",
    );
    const { folder, transform } = pluginFor({
      'postmortems/leaky.mdx': source,
      'postmortems/hidden.mdx': mdx(postmortemYaml({ status: 'status: draft', reviewers: '', reviewedAt: '' })),
    });
    const id = join(folder.contentDir, 'postmortems', 'leaky.mdx');
    const result = transform(source, `${id}?astroContentCollectionEntry=true`)!;
    for (const gone of ['node:fs', 'process.env', 'readFileSync', '../hidden/']) assert.ok(!result.code.includes(gone), gone);
    assert.ok(result.code.startsWith(source.slice(0, source.indexOf('---\n\n') + 4)), 'the frontmatter is untouched');
    assert.match(result.code, /See draft\./);
    assert.equal(
      transform(source, join(folder.root, 'src', 'pages', 'x.mdx')),
      undefined,
      'files outside the content folder are not rewritten',
    );
  });

  test('mdx.allowCode keeps code in the internal build only', () => {
    const files = { 'almanac.yaml': 'mdx:\n  allowCode: true\n', 'postmortems/code.mdx': mdx(postmortemYaml(), 'Sum: {1 + 1}') };
    const internal = pluginFor(files);
    const source = mdx(postmortemYaml(), 'Sum: {1 + 1}');
    assert.equal(internal.transform(source, join(internal.folder.contentDir, 'postmortems', 'code.mdx')), undefined);
    const external = pluginFor(files, 'public');
    assert.ok(!external.transform(source, join(external.folder.contentDir, 'postmortems', 'code.mdx'))!.code.includes('1 + 1'));
  });
});
