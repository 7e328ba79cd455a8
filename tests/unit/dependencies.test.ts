/**
 * Every package the project imports is declared in package.json: an undeclared one works only
 * while another package happens to bring it, and breaks on the day that changes.
 */
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..', '..');

test('every imported package is a dependency or devDependency', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]);
  const builtins = new Set(builtinModules);
  const missing = new Set<string>();
  for (const folder of ['src', 'scripts', 'tests']) {
    for (const file of readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })) {
      if (!/\.(?:ts|mjs|astro)$/.test(file) || file.includes('fixtures')) continue;
      // What Astro generates (the bench's Starlight project keeps its `.astro/` and `node_modules/.astro/`) is not the project's code.
      if (file.split(sep).some((part) => part === '.astro' || part === 'node_modules')) continue;
      const text = readFileSync(join(root, folder, file), 'utf8');
      const statements =
        /^\s*(?:import|export|\})[^\n]*?\bfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
      for (const match of text.matchAll(statements)) {
        const specifier = match[1] ?? match[2] ?? match[3];
        if (specifier.startsWith('.') || specifier.startsWith('/')) continue;
        if (specifier.startsWith('node:') || specifier.startsWith('astro:') || specifier.startsWith('virtual:') || builtins.has(specifier))
          continue;
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        if (!declared.has(name)) missing.add(`${name} (${folder}/${file})`);
      }
    }
  }
  assert.deepEqual([...missing], []);
});
