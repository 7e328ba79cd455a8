/** The authoring contract is kept in the repository (docs/content-model.md), identical to the shared one. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { configurationReference, REFERENCE_FILE } from '../../scripts/config-reference.ts';

const root = join(import.meta.dirname, '..', '..');
const shared = join(root, '..', 'shared', 'CONTENT-MODEL.md');

test(
  'docs/content-model.md is the contract, word for word',
  { skip: existsSync(shared) ? false : 'the shared contract is not beside this checkout' },
  () => {
    assert.equal(readFileSync(join(root, 'docs', 'content-model.md'), 'utf8'), readFileSync(shared, 'utf8'));
  },
);

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const match of markdown.matchAll(/^#{1,6} (.+)$/gm)) {
    anchors.add(
      match[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    );
  }
  return anchors;
}

test('every relative link in the README and docs/ names a file (and a heading) that exists', () => {
  const documents = [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
  ];
  const broken: string[] = [];
  for (const document of documents) {
    const text = readFileSync(join(root, document), 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue;
      const [path, anchor] = target.split('#');
      const file = path ? join(root, dirname(document), path) : join(root, document);
      if (!existsSync(file)) broken.push(`${document}: ${target} (no such file)`);
      else if (anchor && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(anchor))
        broken.push(`${document}: ${target} (no such heading)`);
    }
  }
  assert.deepEqual(broken, []);
});

test('docs/configuration.md is what `npm run docs` generates from the schema', () => {
  assert.equal(readFileSync(REFERENCE_FILE, 'utf8'), configurationReference(), 'run `npm run docs` and commit docs/configuration.md');
});
