/**
 * `npm run bench -- --docs N [--runs R] [--baseline starlight|none] [--compare-with FILE] [--json] [--keep]
 *                  [--skip-first-search] [--skip-dev] [--seed 1] [--verbose]`
 *
 * Measures the build of a generated handbook of N postmortems against Starlight built from the
 * same corpus in the same run (method and results: docs/performance.md). This file wires the
 * steps of scripts/bench/:
 *   1. options.ts: the command line; lock.ts: the whole run holds /tmp/almanac-build.lock;
 *   2. a deterministic corpus (scripts/generate-corpus.ts: N postmortems, teams, services, SLOs and
 *      one release per ten postmortems) in a temporary folder (processes.ts: Work); starlight.ts
 *      writes its postmortems as the Starlight project's docs;
 *   3. build.ts and runs.ts: R cold builds per site (`--force`, fresh outDir, every cache emptied),
 *      alternating Almanac and Starlight, then R rebuilds after one postmortem's body changed,
 *      alternating too; each site's figure is the median of its runs;
 *   4. output.ts: output and Pagefind index sizes, the JavaScript a postmortem page loads up front;
 *   5. search.ts: the bytes of a first search (astro preview + Chromium);
 *   6. dev.ts: how long an edited title takes to show in astro dev;
 *   7. report.ts: the table (or JSON) with the targets (targets.ts).
 * Progress goes to stderr; stdout carries only the table or the JSON.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measuredBuild, type BuildMeasurement } from './bench/build.ts';
import { devEdit } from './bench/dev.ts';
import { BenchError, describeError } from './bench/errors.ts';
import { readInputs, sourceFingerprint } from './bench/inputs.ts';
import { holdsLock, underLock } from './bench/lock.ts';
import { USAGE, readOptions, type Options } from './bench/options.ts';
import { jsUpFront, outputSizes } from './bench/output.ts';
import { ASTRO, ROOT, killGroup, progress, running, type Work } from './bench/processes.ts';
import { printed, summarise, type BenchResult } from './bench/report.ts';
import { buildOrder, changeSentence, previousRun, type Site } from './bench/runs.ts';
import { firstSearch, firstSearchQuery } from './bench/search.ts';
import { STARLIGHT_DOCS, emptyStarlightCaches, removeStarlightDocs, writeStarlightDocs } from './bench/starlight.ts';
import { evaluateTargets, msPerDoc } from './bench/targets.ts';
import { generateCorpus, proportionalReleases } from './generate-corpus.ts';

/** The run's temporary folder and the Starlight docs, removed at the end (also on failure or interrupt) unless --keep. */
let cleanupDir: string | undefined;
let starlightDocsWritten = false;
function cleanup() {
  if (cleanupDir) rmSync(cleanupDir, { recursive: true, force: true });
  cleanupDir = undefined;
  if (starlightDocsWritten) removeStarlightDocs();
  starlightDocsWritten = false;
}

/** Before a cold build: a fresh outDir and every cache of that site emptied (`--force` then clears Astro's data store too). */
function prepareCold(work: Work, site: Site) {
  if (site === 'starlight') {
    rmSync(work.starlightDist, { recursive: true, force: true });
    emptyStarlightCaches();
    return;
  }
  rmSync(work.dist, { recursive: true, force: true });
  rmSync(work.cache, { recursive: true, force: true });
  mkdirSync(work.cache, { recursive: true });
  rmSync(join(ROOT, 'node_modules', '.astro'), { recursive: true, force: true });
}

function readPrevious(file: string) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BenchError(`--compare-with: could not read ${file} as JSON (write one with --json)`, { cause: error });
  }
  return { file, ...previousRun(json, file) };
}

async function run(options: Options): Promise<BenchResult> {
  // An unreadable earlier result fails before anything is built.
  const previous = options.compareWith ? readPrevious(options.compareWith) : null;
  const dir = mkdtempSync(join(tmpdir(), `almanac-bench-${options.docs}-`));
  const work: Work = {
    dir,
    content: join(dir, 'content'),
    dist: join(dir, 'dist'),
    starlightDist: join(dir, 'starlight-dist'),
    cache: join(dir, 'cache'),
    logs: join(dir, 'logs'),
  };
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

  // One postmortem's body changes before each rebuild: a sentence appended to the first one (by file name).
  const postmortemFiles = readdirSync(join(work.content, 'postmortems'))
    .filter((name) => /\.mdx?$/.test(name))
    .sort();
  const postmortemIds = postmortemFiles.map((name) => name.replace(/\.mdx?$/, ''));
  const changedFile = join('postmortems', postmortemFiles[0]!);
  const sites: Site[] = options.baseline === 'starlight' ? ['almanac', 'starlight'] : ['almanac'];
  const changed: Record<Site, { path: string; original: string; dist: string }> = {
    almanac: { path: join(work.content, changedFile), original: '', dist: work.dist },
    starlight: { path: '', original: '', dist: work.starlightDist },
  };
  changed.almanac.original = readFileSync(changed.almanac.path, 'utf8');
  if (sites.includes('starlight')) {
    progress(`writing the ${corpus.postmortems} postmortems as Starlight docs into ${STARLIGHT_DOCS}`);
    starlightDocsWritten = !options.keep;
    const docs = writeStarlightDocs(work.content);
    changed.starlight.path = join(STARLIGHT_DOCS, docs.get(postmortemFiles[0]!)!);
    changed.starlight.original = readFileSync(changed.starlight.path, 'utf8');
  }

  const builds: BuildMeasurement[] = [];
  for (const step of buildOrder(options.runs, sites)) {
    const target = changed[step.site];
    if (step.kind === 'cold') prepareCold(work, step.site);
    else writeFileSync(target.path, `${target.original}\n${changeSentence(step.run)}\n`);
    const build = await measuredBuild(work, step, { verbose: options.verbose });
    if (step.kind === 'rebuild') {
      const page = readFileSync(join(target.dist, 'postmortems', postmortemIds[0]!, 'index.html'), 'utf8');
      if (!page.includes(changeSentence(step.run)))
        throw new BenchError(`${build.label}: the rebuild did not publish the change to ${changedFile}`);
    }
    builds.push(build);
  }
  const almanac = summarise(builds, 'almanac');
  const starlight = sites.includes('starlight') ? summarise(builds, 'starlight') : null;

  const output = outputSizes(work.dist);
  const js = jsUpFront(work.dist, postmortemIds);

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
  const baseline = starlight ? { coldSeconds: starlight.cold.wallSeconds, rebuildSeconds: starlight.rebuild.wallSeconds } : null;
  const targets = evaluateTargets(
    {
      docs: options.docs,
      coldSeconds: almanac.cold.wallSeconds,
      rebuildSeconds: almanac.rebuild.wallSeconds,
      peakRssBytes: almanac.cold.peakRssBytes,
      jsBytes: js.bytes,
      firstSearchBytes: 'skipped' in search ? null : search.bytes,
    },
    baseline,
    previous,
  );
  return {
    inputs,
    corpus: { ...corpus, seconds: corpusSeconds },
    runs: options.runs,
    cold: almanac.coldRun,
    rebuild: { ...almanac.rebuildRun, changedFile },
    almanac: { cold: almanac.cold, rebuild: almanac.rebuild },
    starlight: starlight
      ? {
          cold: starlight.cold,
          rebuild: starlight.rebuild,
          coldRun: starlight.coldRun,
          rebuildRun: starlight.rebuildRun,
          output: outputSizes(work.starlightDist),
          js: jsUpFront(work.starlightDist, postmortemIds),
        }
      : null,
    builds,
    perDoc: {
      coldMsPerDoc: msPerDoc(almanac.cold.wallSeconds, options.docs),
      rebuildMsPerDoc: msPerDoc(almanac.rebuild.wallSeconds, options.docs),
    },
    comparedWith: previous,
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
    if (cleanupDir) progress(`removing ${cleanupDir}${starlightDocsWritten ? ' and the Starlight docs' : ''}`);
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
