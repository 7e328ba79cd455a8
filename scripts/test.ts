/**
 * `npm test`: every test, in the order their inputs exist.
 *   1. unit     — pure core functions (tests/unit), no build
 *      process  — tests that run commands (check, new, the card process, astro build and dev) on
 *                 temporary content folders (tests/process)
 *   2. build    — the example handbook is built once (fixed as-of instant, search index in tiny
 *                 shards) into .cache/dist-example;
 *                 tests/build read its files (JSON, feeds, cards, links)
 *   3. browser  — `astro preview` serves that build; tests/e2e drive Chromium through it
 *   4. audience — a fixture handbook is built for the public audience; tests/audience search it for leaks
 *   5. edge     — tests/fixtures/edge-values (years 0001 and 9999, extreme offsets, BOM, CRLF) is
 *                 built; tests/edge check that every page exists and every date renders
 * Each phase runs under node's test runner; the last line sums them up.
 *   0. static   — Prettier (formatting), ESLint and `astro check` (types): one check each
 * Flags: --unit-only, --skip-browser, --skip-static, --e2e-only (reuse an existing build).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const root = resolve(import.meta.dirname, '..');
const cacheDir = join(root, '.cache');
export const EXAMPLE_DIST = join(cacheDir, 'dist-example');
export const PUBLIC_FIXTURE_DIST = join(cacheDir, 'dist-public-fixture');
export const EDGE_FIXTURE_DIST = join(cacheDir, 'dist-edge-values');
const AS_OF = '2026-11-28T12:00:00Z';
/**
 * Pages per search index shard in the example build: the example handbook has about 60 searchable
 * pages, so tiny shards give it several, and the build and browser tests check search across them.
 */
const EXAMPLE_SHARD_SIZE = '8';
/** Planted in the public fixture build's environment; tests/audience looks for it in the output. */
export const LEAK_ENV_VALUE = 'zzleak-from-the-environment';
const args = new Set(process.argv.slice(2));
const astroBin = join(root, 'node_modules', '.bin', 'astro');

function run(command: string, commandArgs: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

function testFiles(directory: string): string[] {
  const absolute = join(root, directory);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => join(directory, file))
    .sort();
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedPhases: string[] = [];

async function testPhase(name: string, directory: string, env: Record<string, string> = {}) {
  const files = testFiles(directory);
  if (files.length === 0) return;
  mkdirSync(cacheDir, { recursive: true });
  const tap = join(cacheDir, `${name}.tap`);
  rmSync(tap, { force: true });
  console.log(`\n── ${name}: ${files.length} test file(s) ──`);
  const code = await run(
    process.execPath,
    [
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    env,
  );
  const summary = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (key: string) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(summary)?.[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + count('cancelled');
  totals.skipped += count('skipped') + count('todo');
  if (code !== 0) failedPhases.push(name);
}

async function build(outDir: string, env: Record<string, string>) {
  console.log(`\n── build ${outDir} ──`);
  const code = await run(astroBin, ['build', '--outDir', outDir], { ALMANAC_NOW: AS_OF, ...env });
  if (code !== 0) throw new Error(`astro build for ${outDir} failed with exit code ${code}`);
}

async function withPreview<T>(outDir: string, work: (baseUrl: string) => Promise<T>): Promise<T> {
  const port = 4400 + Math.floor(Math.random() * 500);
  const baseUrl = `http://127.0.0.1:${port}`;
  const preview: ChildProcess = spawn(
    astroBin,
    ['preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--ignore-lock'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    },
  );
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(`${baseUrl}/`);
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      if (attempt > 150) throw new Error(`astro preview did not answer on ${baseUrl}`);
      await sleep(200);
    }
    return await work(baseUrl);
  } finally {
    preview.kill('SIGTERM');
  }
}

const bin = (name: string) => join(root, 'node_modules', '.bin', name);

/** Formatting, lint and types: each a check that passes or fails, with the tool's own output. */
async function staticChecks() {
  console.log('\n── static: formatting, lint, types ──');
  const checks: [string, string, string[]][] = [
    ['prettier', bin('prettier'), ['--check', '.']],
    ['eslint', bin('eslint'), ['.']],
    ['astro check', astroBin, ['check']],
  ];
  for (const [name, command, commandArgs] of checks) {
    const code = await run(command, commandArgs);
    if (code === 0) totals.passed++;
    else {
      totals.failed++;
      failedPhases.push(`static (${name})`);
    }
  }
}

async function main() {
  if (!args.has('--e2e-only') && !args.has('--skip-static')) await staticChecks();
  if (!args.has('--e2e-only')) await testPhase('unit', 'tests/unit');
  if (args.has('--unit-only')) return;
  if (!args.has('--e2e-only')) await testPhase('process', 'tests/process');
  const exampleEnv = { ALMANAC_SEARCH_SHARD_SIZE: EXAMPLE_SHARD_SIZE };
  if (!args.has('--e2e-only') || !existsSync(EXAMPLE_DIST)) await build(EXAMPLE_DIST, exampleEnv);
  const distEnv = { ...exampleEnv, ALMANAC_DIST: EXAMPLE_DIST, ALMANAC_NOW: AS_OF };
  await testPhase('build', 'tests/build', distEnv);
  if (!args.has('--skip-browser')) {
    await withPreview(EXAMPLE_DIST, (baseUrl) => testPhase('browser', 'tests/e2e', { ...distEnv, BASE_URL: baseUrl }));
  }
  if (testFiles('tests/audience').length) {
    await build(PUBLIC_FIXTURE_DIST, {
      ALMANAC_CONTENT_DIR: 'tests/fixtures/leak',
      ALMANAC_AUDIENCE: 'public',
      ALMANAC_LEAK_ENV: LEAK_ENV_VALUE,
    });
    await testPhase('audience', 'tests/audience', {
      ALMANAC_DIST: PUBLIC_FIXTURE_DIST,
      ALMANAC_CONTENT_DIR: 'tests/fixtures/leak',
      ALMANAC_NOW: AS_OF,
    });
  }
  if (testFiles('tests/edge').length) {
    await build(EDGE_FIXTURE_DIST, { ALMANAC_CONTENT_DIR: 'tests/fixtures/edge-values' });
    await testPhase('edge', 'tests/edge', { ALMANAC_DIST: EDGE_FIXTURE_DIST, ALMANAC_NOW: AS_OF });
  }
}

try {
  await main();
} catch (error) {
  console.error(error);
  failedPhases.push('setup');
}
console.log(`\nAlmanac tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (failedPhases.length) {
  console.error(`Failed: ${failedPhases.join(', ')}`);
  process.exit(1);
}
