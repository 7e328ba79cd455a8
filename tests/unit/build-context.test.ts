/**
 * The build context builds the model once per content version and view, hands the pages the
 * same model through its snapshot, and has no model while the content has errors.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { readModelSnapshot, ModelUnavailableError } from '../../src/build/model-snapshot.ts';
import { ContentValidationError } from '../../src/core/problems.ts';
import type { Audience } from '../../src/core/audience.ts';
import { BuildContext } from '../../src/integration/context.ts';
import { AS_OF, contentFolder, mdx, postmortemYaml, type Folder } from './support/content.ts';

const contextOf = (folder: Folder, audience: Audience, includeDrafts: boolean) =>
  new BuildContext({
    contentDir: folder.contentDir,
    root: folder.root,
    cacheDir: `${folder.root}/.cache`,
    now: AS_OF,
    audience,
    includeDrafts,
  });

const handbook = () =>
  contentFolder({
    'postmortems/published.mdx': mdx(postmortemYaml()),
    'postmortems/draft.mdx': mdx(postmortemYaml({ title: 'title: A draft', status: 'status: draft' })),
  });

describe('BuildContext: one model per content version', () => {
  test("`astro dev` for the internal audience shows the policies' view: one model per edit", () => {
    const context = contextOf(handbook(), 'internal', true);
    context.validate();
    const model = context.model();
    assert.equal(context.model(), model, 'asking again builds nothing');
    assert.equal(context.modelsBuilt, 1);
    assert.deepEqual(model.postmortems.map((view) => view.id).sort(), ['draft', 'published']);
    context.validate();
    context.model();
    assert.equal(context.modelsBuilt, 2, 'a new content version has a new model');
  });

  test("a build's view differs from the policies' (no drafts): two models, each built once", () => {
    const context = contextOf(handbook(), 'internal', false);
    context.validate();
    const model = context.model();
    context.model();
    assert.equal(context.modelsBuilt, 2);
    assert.deepEqual(
      model.postmortems.map((view) => view.id),
      ['published'],
    );
  });

  test('the pages read the same model from the snapshot, which is deleted when the build is done', () => {
    const context = contextOf(handbook(), 'public', false);
    context.validate();
    context.publishModel();
    const read = readModelSnapshot(context.published().modelFile);
    assert.deepEqual(
      read.all().map((view) => `${view.collection}/${view.id}`),
      context
        .model()
        .all()
        .map((view) => `${view.collection}/${view.id}`),
    );
    context.unpublishModel();
    assert.equal(existsSync(context.modelFile), false);
  });

  test('while the content has errors there is no model: the snapshot holds the summary', () => {
    const folder = handbook();
    folder.write('postmortems/broken.mdx', mdx(postmortemYaml({ severity: 'severity: SEV9' })));
    const context = contextOf(folder, 'internal', true);
    context.validate();
    assert.throws(() => context.model(), ContentValidationError);
    context.publishModel();
    assert.throws(
      () => readModelSnapshot(context.modelFile),
      (error: Error) => error instanceof ModelUnavailableError && /1 error/.test(error.message),
    );
    folder.write('postmortems/broken.mdx', mdx(postmortemYaml()));
    context.validate();
    context.publishModel();
    assert.equal(readModelSnapshot(context.modelFile).postmortems.length, 3);
    context.unpublishModel();
  });

  test('after content sync the context lets go of the model: the pages have the snapshot', () => {
    const context = contextOf(handbook(), 'internal', false);
    context.validate();
    context.model();
    context.release();
    assert.throws(() => context.model(), /released after content sync/);
  });
});
