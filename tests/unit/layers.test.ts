/**
 * The folders of src/ are layers: `core` (schemas and the pure domain) imports nothing else and
 * does no I/O; `validation` builds on `core`; `build` (environment, caches, git, output folder)
 * on both; `outputs` on `core` and `build`; `scripts` (browser code) only on `core`. The Astro shell (integration, pages, components) may
 * use them all. A test, so that a stray import fails CI instead of waiting for a review.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { test } from 'node:test';

const SRC = join(import.meta.dirname, '..', '..', 'src');
const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  validation: ['core', 'validation'],
  build: ['core', 'validation', 'build'],
  outputs: ['core', 'build', 'outputs'],
  // Browser code, bundled by Vite: pure core modules (types, labels) and itself, nothing that runs at build time.
  scripts: ['core', 'scripts'],
};
/** Modules that reach outside the process: never in the pure core. */
const IO_MODULES = /^(?:node:)?(?:fs|fs\/promises|child_process|worker_threads|net|http|https)$|^astro:/;

function filesOf(folder: string): string[] {
  return readdirSync(join(SRC, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(SRC, folder, file));
}

function importsOf(file: string): string[] {
  return [
    ...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((match) => match[1] ?? match[2]);
}

test('each layer imports only the layers beneath it', () => {
  const violations: string[] = [];
  for (const [layer, allowed] of Object.entries(ALLOWED)) {
    for (const file of filesOf(layer)) {
      for (const specifier of importsOf(file)) {
        if (!specifier.startsWith('.')) continue;
        const target = relative(SRC, normalize(join(dirname(file), specifier))).split(/[\\/]/)[0];
        if (!allowed.includes(target))
          violations.push(`${relative(SRC, file)} imports ${specifier} (${layer} may use ${allowed.join(', ')})`);
      }
    }
  }
  assert.deepEqual(violations, []);
});

test('the core does no I/O and never imports astro:*', () => {
  const violations = filesOf('core').flatMap((file) =>
    importsOf(file)
      .filter((specifier) => IO_MODULES.test(specifier))
      .map((specifier) => `${relative(SRC, file)} imports ${specifier}`),
  );
  assert.deepEqual(violations, []);
});
