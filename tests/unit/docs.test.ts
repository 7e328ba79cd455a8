/** The authoring contract is kept in the repository (docs/content-model.md), identical to the shared one. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..', '..');
const shared = join(root, '..', 'shared', 'CONTENT-MODEL.md');

test('docs/content-model.md is the contract, word for word', { skip: existsSync(shared) ? false : 'the shared contract is not beside this checkout' }, () => {
  assert.equal(readFileSync(join(root, 'docs', 'content-model.md'), 'utf8'), readFileSync(shared, 'utf8'));
});
