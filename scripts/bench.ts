/**
 * `npm run bench -- --docs N [--json] [--keep] [--skip-first-search] [--skip-dev] [--seed 1] [--verbose]`
 *
 * Measures the build of a generated handbook of N postmortems (method and results:
 * docs/performance.md). This file wires the steps of scripts/bench/:
 *   1. options.ts: the command line; lock.ts: the whole run holds /tmp/almanac-build.lock;
 *   2. a deterministic corpus (scripts/generate-corpus.ts: N postmortems, teams, services, SLOs and
 *      one release per ten postmortems) in a temporary folder (processes.ts: Work);
 *   3. build.ts: the cold build (`--force`, fresh outDir, empty card cache), then the rebuild after
 *      one postmortem's body changed (same outDir and card cache);
 *   4. output.ts: output and Pagefind index sizes, the JavaScript a postmortem page loads up front;
 *   5. search.ts: the bytes of a first search (astro preview + Chromium);
 *   6. dev.ts: how long an edited title takes to show in astro dev;
 *   7. report.ts: the table (or JSON) with the baseline and the targets (targets.ts).
 * Progress goes to stderr; stdout carries only the table or the JSON.
 */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measuredBuild } from './bench/build.ts';
import { devEdit } from './bench/dev.ts';
import { BenchError, describeError } from './bench/errors.ts';
import { readInputs, sourceFingerprint } from './bench/inputs.ts';
import { holdsLock, underLock } from './bench/lock.ts';
import { USAGE, readOptions, type Options } from './bench/options.ts';
import { jsUpFront, outputSizes } from './bench/output.ts';
import { ASTRO, killGroup, progress, running, type Work } from './bench/processes.ts';
import { printed, type BenchResult } from './bench/report.ts';
import { firstSearch, firstSearchQuery } from './bench/search.ts';
import { BASELINE, evaluateTargets } from './bench/targets.ts';
import { generateCorpus, proportionalReleases } from './generate-corpus.ts';

const CHANGED_SENTENCE = 'The benchmark appended this sentence to measure a rebuild after one change.';

/** The run's temporary folder, removed at the end (also on failure or interrupt) unless --keep. */
let cleanupDir: string | undefined;
function cleanup() {
  if (cleanupDir) rmSync(cleanupDir, { recursive: true, force: true });
  cleanupDir = undefined;
}

async function run(options: Options): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), `almanac-bench-${options.docs}-`));
  const work: Work = { dir, content: join(dir, 'content'), dist: join(dir, 'dist'), cache: join(dir, 'cache'), logs: join(dir, 'logs') };
  cleanupDir = options.keep ? undefined : work.dir;
  mkdirSync(work.cache, { recursive: true });
  mkdirSync(work.logs, { recursive: true });
  const inputs = readInputs(options);

  const fingerprint = sourceFingerprint();
  progress(`generating ${options.docs} postmortems (seed ${options.seed}) into ${work.content}`);
  const generated = performance.now();
  const { dir: _dir, ...corpus } = generateCorpus({
    docs: options.docs,
    dir: work.content,
    seed: options.seed,
    releases: proportionalReleases(options.docs),
  });
  const corpusSeconds = Number(((performance.now() - generated) / 1000).toFixed(2));
  progress(
    `corpus: ${corpus.postmortems} postmortems, ${corpus.releases} releases, ${corpus.slos} SLOs, ${corpus.services} services, ${corpus.teams} teams (${corpusSeconds} s)`,
  );

  const cold = await measuredBuild(work, 'cold', { force: true, verbose: options.verbose });

  // One postmortem's body changes: a sentence appended to the first one (by file name).
  const postmortemFiles = readdirSync(join(work.content, 'postmortems'))
    .filter((name) => /\.mdx?$/.test(name))
    .sort();
  const changedFile = join('postmortems', postmortemFiles[0]!);
  appendFileSync(join(work.content, changedFile), `\n${CHANGED_SENTENCE}\n`);
  const rebuild = await measuredBuild(work, 'rebuild', { force: false, verbose: options.verbose });
  const builtPage = readFileSync(join(work.dist, 'postmortems', postmortemFiles[0]!.replace(/\.mdx?$/, ''), 'index.html'), 'utf8');
  if (!builtPage.includes(CHANGED_SENTENCE)) throw new BenchError(`the rebuild did not publish the change to ${changedFile}`);

  const output = outputSizes(work.dist);
  const js = jsUpFront(
    work.dist,
    postmortemFiles.map((name) => name.replace(/\.mdx?$/, '')),
  );

  let search: BenchResult['firstSearch'] = { skipped: true };
  if (!options.skipFirstSearch) search = await firstSearch(work, firstSearchQuery(work, postmortemFiles));

  let dev: BenchResult['dev'] = { skipped: true };
  if (!options.skipDev) {
    progress('astro dev: measuring how long an edited title takes to show');
    dev = await devEdit(work, changedFile);
  }

  inputs.sourceChangedDuringRun = sourceFingerprint() !== fingerprint;
  if (inputs.sourceChangedDuringRun)
    progress(
      'warning: the commit or the working tree changed during the run; the cold build and the rebuild may have measured different code',
    );
  const baseline = BASELINE.byDocs[options.docs] ?? null;
  const targets = evaluateTargets(options.docs, {
    coldSeconds: cold.wallSeconds,
    peakRssBytes: cold.peakRssBytes,
    rebuildSeconds: rebuild.wallSeconds,
    jsBytes: js.bytes,
  });
  return {
    inputs,
    corpus: { ...corpus, seconds: corpusSeconds },
    cold,
    rebuild: { ...rebuild, changedFile },
    output,
    js,
    firstSearch: search,
    dev,
    baseline,
    targets,
    ...(options.keep ? { workDir: work.dir } : {}),
  };
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const options = readOptions(argv);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (!holdsLock()) return underLock(import.meta.filename, argv);
  if (process.platform !== 'linux' || !existsSync('/proc/self/status'))
    throw new BenchError('the bench reads process memory from /proc and needs Linux');
  if (!existsSync(ASTRO)) throw new BenchError(`${ASTRO} is missing; run npm install first`);
  const onSignal = (signal: NodeJS.Signals) => {
    progress(`${signal}: stopping ${running.size} child process(es) and cleaning up`);
    for (const child of running) killGroup(child, 'SIGKILL');
    cleanup();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await run(options);
    process.stdout.write(printed(result, options.json));
    return 0;
  } finally {
    for (const child of running) killGroup(child, 'SIGKILL');
    if (cleanupDir) progress(`removing ${cleanupDir}`);
    cleanup();
  }
}

if (import.meta.main) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`bench: FAILED: ${describeError(error)}\n`);
      process.exit(1);
    },
  );
}
