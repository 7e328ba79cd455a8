/**
 * `npm run bench -- --docs N [--json] [--keep] [--skip-first-search] [--seed 1] [--verbose]`
 *
 * Measures the build of a generated handbook of N postmortems (issue 8):
 *   1. generates a deterministic corpus (scripts/generate-corpus.ts: N postmortems, teams, services,
 *      SLOs and one release per ten postmortems) into a temporary content folder;
 *   2. cold build: fresh outDir, fresh OG card cache, `astro build --force` (content layer cache
 *      cleared): wall time, peak RSS of the whole process tree (astro and its children, e.g. Pagefind,
 *      polled from /proc every 100 ms), phase timings (ASTRO_TIMER_PATH, ALMANAC_TIMER_PATH);
 *   3. rebuild after one postmortem's body changed: same outDir, same card cache, no --force;
 *   4. dist size, Pagefind index size, JavaScript loaded up front by a postmortem page;
 *   5. the bytes of a first search: `astro preview` + Chromium on /search/?q=<a title word>, summing
 *      the transferred bytes of /pagefind/ requests until results show;
 *   6. prints a table (or JSON) with the issue's baseline and targets.
 *
 * Builds must not overlap with anyone else's: the whole run holds /tmp/almanac-build.lock (flock).
 * When the lock is taken the bench says so and waits; the waiting is outside every measurement.
 * Progress goes to stderr; stdout carries only the table or the JSON.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { delimiter, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { generateCorpus, proportionalReleases, type CorpusSummary } from './generate-corpus.ts';
import {
  BASELINE, PHASE_LABELS, TARGETS, TreeRssSampler, almanacTimerPhases, astroTimerPhases, evaluateTargets, formatBytes, formatMs, formatTable,
  issuePhases, otherCpuSeconds, pageScripts, parseCpuBusyTicks, parseStatCpuTicks, passLabel, searchWord, sitePath, staticImports, type IssuePhases,
  type PagefindSource, type TargetResult,
} from './bench-helpers.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const ASTRO = join(BIN, 'astro');
export const LOCK_FILE = '/tmp/almanac-build.lock';
const AS_OF = '2026-11-28T12:00:00Z';
const LOCK_BUSY = 75;
const CHANGED_SENTENCE = 'The benchmark appended this sentence to measure a rebuild after one change.';

class BenchError extends Error {
  /** The end of a build or preview log, shown with the error. */
  logTail?: string;
  constructor(message: string, options?: { cause?: unknown; logTail?: string }) {
    super(message, options);
    this.name = 'BenchError';
    this.logTail = options?.logTail;
  }
}

// ── arguments ────────────────────────────────────────────────────────────────────────────────
const USAGE = `Usage: npm run bench -- --docs N [--json] [--keep] [--skip-first-search] [--seed 1] [--verbose]

  --docs N              postmortems in the generated corpus (required), e.g. 200, 1000, 3000
  --json                print one JSON object with every figure instead of the table
  --keep                keep the temporary folder (corpus, dist, card cache, logs) and print its path
  --skip-first-search   do not start astro preview + Chromium to measure the bytes of a first search
  --skip-dev            do not start astro dev to measure how long an edit takes to show
  --seed S              corpus seed (default 1; the same seed gives the same corpus)
  --verbose             stream the astro output to stderr`;

interface Options {
  docs: number;
  seed: number;
  json: boolean;
  keep: boolean;
  skipFirstSearch: boolean;
  skipDev: boolean;
  verbose: boolean;
}

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      docs: { type: 'string' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'skip-first-search': { type: 'boolean', default: false },
      'skip-dev': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const docs = Number(values.docs);
  const seed = Number(values.seed);
  if (values.docs === undefined || !Number.isInteger(docs) || docs < 1) throw new BenchError(`--docs must be a whole number of postmortems, at least 1 (got ${values.docs ?? 'nothing'})\n\n${USAGE}`);
  if (!Number.isInteger(seed)) throw new BenchError(`--seed must be a whole number (got ${values.seed})`);
  return { docs, seed, json: values.json!, keep: values.keep!, skipFirstSearch: values['skip-first-search']!, skipDev: values['skip-dev']!, verbose: values.verbose! };
}

// ── helpers ──────────────────────────────────────────────────────────────────────────────────
const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

/** The environment of every astro process: Node 24 from node_modules/.bin first on PATH. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH ?? ''}`, ASTRO_TELEMETRY_DISABLED: '1', ...extra };
}

/** Child processes to end if the bench is interrupted (each leads its own process group). */
const running = new Set<ChildProcess>();
function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}
function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolvePromise) => child.once('exit', (code, signal) => resolvePromise({ code, signal })));
}

function logTail(path: string, lines = 40): string {
  if (!existsSync(path)) return '';
  return readFileSync(path, 'utf8').replace(/\u001b\[[0-9;]*m/g, '').trimEnd().split('\n').slice(-lines).join('\n');
}

function readJson(path: string): unknown {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new BenchError(`could not read the timer file ${path}`, { cause: error });
  }
}

function folderSize(path: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  if (!existsSync(path)) return { bytes, files };
  for (const name of readdirSync(path, { recursive: true, encoding: 'utf8' })) {
    const stat = statSync(join(path, name));
    if (stat.isFile()) {
      bytes += stat.size;
      files++;
    }
  }
  return { bytes, files };
}

function git(args: string[]): string {
  const result = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return result.status === 0 ? result.stdout.trim() : '';
}

/** What a build is made of (the bench's own scripts are not). */
const SITE_SOURCES = ['src', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

/**
 * What the build is made of: the contents of every tracked or untracked (not ignored) file of the
 * site's sources. Compared before and after a run; committing unchanged files does not change it.
 */
function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const files = git(['ls-files', '--cached', '--others', '--exclude-standard', '--', ...SITE_SOURCES]);
  for (const file of [...new Set(files.split('\n').filter(Boolean))].sort()) {
    hash.update(`${file}\0`);
    try {
      hash.update(readFileSync(join(ROOT, file)));
    } catch {
      hash.update('(missing)'); // deleted in the working tree
    }
  }
  return hash.digest('hex');
}

/** Clock ticks per second of /proc CPU figures (USER_HZ). */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

function cpuSnapshot() {
  return { machine: parseCpuBusyTicks(readFileSync('/proc/stat', 'utf8')), bench: parseStatCpuTicks(readFileSync('/proc/self/stat', 'utf8')) };
}

// ── one measured build ───────────────────────────────────────────────────────────────────────
export interface BuildMeasurement {
  label: string;
  wallSeconds: number;
  peakRssBytes: number;
  /** Processes in the tree when the peak was seen. */
  peakProcesses: number;
  rssSamples: number;
  phases: IssuePhases;
  pagefindPhaseSource: PagefindSource;
  /** Raw phase timings, ms: Astro's ASTRO_TIMER_PATH file and Almanac's ALMANAC_TIMER_PATH file. */
  astroTimer: Record<string, number>;
  almanacTimer: Record<string, number>;
  /** From .cache/og-last-run.json when it belongs to this build. */
  ogCards?: { total: number; rendered: number; cached: number };
  /** HTML pages written. */
  pages?: number;
  /** The machine's 1-minute load average when the build started (includes the bench's previous build). */
  loadAverageBefore: number;
  /** CPU seconds used by processes outside the build's tree (and outside the bench) while it ran. */
  otherCpuSeconds: number;
}

interface Work {
  dir: string;
  content: string;
  dist: string;
  cache: string;
  logs: string;
}

async function measuredBuild(work: Work, label: string, options: { force: boolean; verbose: boolean }): Promise<BuildMeasurement> {
  const astroTimerPath = join(work.logs, `${label}-astro-timer.json`);
  const almanacTimerPath = join(work.logs, `${label}-almanac-timer.json`);
  const logPath = join(work.logs, `${label}-build.log`);
  for (const path of [astroTimerPath, almanacTimerPath]) rmSync(path, { force: true });
  const args = ['build', '--outDir', work.dist, ...(options.force ? ['--force'] : [])];
  const env = childEnv({
    ALMANAC_CONTENT_DIR: work.content,
    ALMANAC_NOW: AS_OF,
    ALMANAC_CACHE_DIR: work.cache,
    ASTRO_TIMER_PATH: astroTimerPath,
    ALMANAC_TIMER_PATH: almanacTimerPath,
  });
  const log = createWriteStream(logPath);
  await new Promise((resolvePromise) => log.once('open', resolvePromise));
  progress(`${label} build: astro ${args.join(' ')}`);
  const loadAverageBefore = Number(loadavg()[0]!.toFixed(2));
  const cpuBefore = cpuSnapshot();
  const started = performance.now();
  const child = spawn(ASTRO, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.add(child);
  const sampler = new TreeRssSampler(child.pid!, { intervalMs: 100 });
  const spawnError = new Promise<never>((_, reject) => child.once('error', (error) => reject(new BenchError(`could not start ${ASTRO}`, { cause: error }))));
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.pipe(log, { end: false });
    if (options.verbose) stream.pipe(process.stderr, { end: false });
  }
  sampler.start();
  let result: { code: number | null; signal: NodeJS.Signals | null };
  try {
    result = await Promise.race([exited(child), spawnError]);
  } finally {
    sampler.stop();
    running.delete(child);
  }
  const wallSeconds = (performance.now() - started) / 1000;
  // The child is reaped now, so its CPU (and its reaped children's) is in this process's cutime/cstime;
  // the sampler covers the children nobody reaped.
  const otherCpu = Number(otherCpuSeconds(cpuBefore, cpuSnapshot(), CLOCK_TICKS, sampler.treeCpuTicks).toFixed(1));
  await new Promise((resolvePromise) => log.end(resolvePromise));
  if (result.code !== 0) {
    throw new BenchError(`${label} build failed (${result.signal ? `signal ${result.signal}` : `exit code ${result.code}`}) after ${wallSeconds.toFixed(1)} s; log: ${logPath} (kept with --keep)`, {
      logTail: logTail(logPath),
    });
  }
  const astroTimer = astroTimerPhases(readJson(astroTimerPath));
  const almanacTimer = almanacTimerPhases(readJson(almanacTimerPath));
  if (Object.keys(astroTimer).length === 0) throw new BenchError(`${label} build: astro wrote no phase timings to ASTRO_TIMER_PATH (${astroTimerPath})`);
  const { phases, pagefindSource } = issuePhases(astroTimer, almanacTimer, readFileSync(logPath, 'utf8'));
  let ogCards: BuildMeasurement['ogCards'];
  const lastRun = readJson(join(ROOT, '.cache', 'og-last-run.json')) as { outDir?: string; total?: number; rendered?: number; cached?: number } | undefined;
  if (lastRun && lastRun.outDir && resolve(lastRun.outDir) === resolve(work.dist)) ogCards = { total: lastRun.total ?? 0, rendered: lastRun.rendered ?? 0, cached: lastRun.cached ?? 0 };
  const pagesMatch = /(\d+) page\(s\) built/.exec(readFileSync(logPath, 'utf8'));
  const measurement: BuildMeasurement = {
    label,
    wallSeconds: Number(wallSeconds.toFixed(2)),
    peakRssBytes: sampler.peakBytes,
    peakProcesses: sampler.peakProcesses,
    rssSamples: sampler.samples,
    phases,
    pagefindPhaseSource: pagefindSource,
    astroTimer,
    almanacTimer,
    ...(ogCards ? { ogCards } : {}),
    ...(pagesMatch ? { pages: Number(pagesMatch[1]) } : {}),
    loadAverageBefore,
    otherCpuSeconds: otherCpu,
  };
  progress(`${label} build: ${measurement.wallSeconds.toFixed(1)} s wall, peak ${formatBytes(measurement.peakRssBytes)} RSS (${sampler.samples} samples); other processes used ${otherCpu} CPU-s meanwhile`);
  return measurement;
}

// ── outputs ──────────────────────────────────────────────────────────────────────────────────
export interface JsUpFront {
  /** The postmortem page with the most JavaScript (site path). */
  page: string;
  bytes: number;
  gzipBytes: number;
  inlineBytes: number;
  externalBytes: number;
  /** External files loaded up front (script src, modulepreload, and their static imports). */
  files: { path: string; bytes: number }[];
  /** Scripts on other origins (not counted; should be none). */
  offsite: string[];
  /** Postmortem pages examined; `minBytes` is the smallest total among them. */
  pagesExamined: number;
  minBytes: number;
}

/** JavaScript a page runs up front: inline JS, external scripts and module preloads, with their static imports. */
function jsOfPage(dist: string, pagePath: string): Omit<JsUpFront, 'pagesExamined' | 'minBytes'> {
  const html = readFileSync(join(dist, pagePath, 'index.html'), 'utf8');
  const scripts = pageScripts(html);
  const inlineBytes = scripts.inline.reduce((sum, script) => sum + Buffer.byteLength(script.body), 0);
  let gzipBytes = scripts.inline.reduce((sum, script) => sum + gzipSync(script.body).length, 0);
  const files = new Map<string, number>();
  const offsite: string[] = [];
  const queue: { from: string; url: string }[] = [
    ...scripts.external.map((script) => ({ from: pagePath, url: script.src })),
    ...scripts.modulepreload.map((url) => ({ from: pagePath, url })),
    ...scripts.inline.filter((script) => script.type.trim().toLowerCase() === 'module').flatMap((script) => staticImports(script.body).map((url) => ({ from: pagePath, url }))),
  ];
  while (queue.length) {
    const { from, url } = queue.shift()!;
    const path = sitePath(from, url);
    if (path === undefined) {
      offsite.push(url);
      continue;
    }
    if (files.has(path)) continue;
    const file = join(dist, path);
    if (!existsSync(file)) throw new BenchError(`${pagePath} loads ${url}, but ${relative(ROOT, file)} is not in the build`);
    const code = readFileSync(file);
    files.set(path, code.length);
    gzipBytes += gzipSync(code).length;
    for (const specifier of staticImports(code.toString('utf8'))) queue.push({ from: path, url: specifier });
  }
  const externalBytes = [...files.values()].reduce((sum, bytes) => sum + bytes, 0);
  return { page: pagePath, bytes: inlineBytes + externalBytes, gzipBytes, inlineBytes, externalBytes, files: [...files].map(([path, bytes]) => ({ path, bytes })), offsite };
}

function jsUpFront(dist: string, postmortemIds: string[]): JsUpFront {
  const pages = postmortemIds.map((id) => `/postmortems/${id}/`).filter((path) => existsSync(join(dist, path, 'index.html')));
  if (pages.length === 0) throw new BenchError(`no postmortem page found under ${join(dist, 'postmortems')}`);
  let worst: ReturnType<typeof jsOfPage> | undefined;
  let minBytes = Infinity;
  for (const page of pages) {
    const js = jsOfPage(dist, page);
    minBytes = Math.min(minBytes, js.bytes);
    if (!worst || js.bytes > worst.bytes) worst = js;
  }
  return { ...worst!, pagesExamined: pages.length, minBytes };
}

// ── first search ─────────────────────────────────────────────────────────────────────────────
export interface FirstSearch {
  query: string;
  /** Transferred (encoded) response body bytes of requests under /pagefind/ until results showed. */
  bytes: number;
  /** Their response header bytes. */
  headerBytes: number;
  requests: number;
  files: { path: string; bytes: number }[];
  /** From navigation to results on screen, ms (local preview server; indicative only). */
  msToResults: number;
  resultsShown: number;
  status: string;
}

function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

interface ProxyRecord {
  path: string;
  status: number;
  /** Response body bytes as sent (after content-encoding, without chunked framing). */
  bytes: number;
  /** Status line and headers, as Node would write them. */
  headerBytes: number;
  done: boolean;
}

/** An HTTP proxy on a free port to 127.0.0.1:`targetPort` that records every response's size. */
async function countingProxy(targetPort: number) {
  const records: ProxyRecord[] = [];
  const server = createHttpServer((request, response) => {
    const record: ProxyRecord = { path: new URL(request.url ?? '/', 'http://x').pathname, status: 0, bytes: 0, headerBytes: 0, done: false };
    records.push(record);
    const upstream = httpRequest({ host: '127.0.0.1', port: targetPort, path: request.url, method: request.method, headers: request.headers }, (reply) => {
      record.status = reply.statusCode ?? 0;
      const headers = reply.rawHeaders;
      record.headerBytes = Buffer.byteLength(`HTTP/1.1 ${reply.statusCode} ${reply.statusMessage}\r\n`) + headers.reduce((sum, value) => sum + Buffer.byteLength(value) + 2, 0) + 2; // "name: value\r\n" per pair, blank line
      response.writeHead(reply.statusCode ?? 502, reply.statusMessage, reply.headers);
      reply.on('data', (chunk: Buffer) => (record.bytes += chunk.length));
      reply.on('end', () => (record.done = true));
      reply.pipe(response);
    });
    upstream.on('error', (error) => {
      record.status = 502;
      record.done = true;
      response.destroy(error);
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolvePromise());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    base: `http://127.0.0.1:${port}`,
    records,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}

async function firstSearch(work: Work, query: string): Promise<FirstSearch> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logPath = join(work.logs, 'preview.log');
  const log = createWriteStream(logPath);
  await new Promise((resolvePromise) => log.once('open', resolvePromise));
  progress(`first search: astro preview on ${base}, Chromium on /search/?q=${query}`);
  const preview = spawn(ASTRO, ['preview', '--outDir', work.dist, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: childEnv({ ALMANAC_CONTENT_DIR: work.content, ALMANAC_NOW: AS_OF }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(preview);
  preview.stdout!.pipe(log, { end: false });
  preview.stderr!.pipe(log, { end: false });
  let previewError: unknown;
  preview.once('error', (error) => (previewError = error));
  let browser: import('playwright-core').Browser | undefined;
  let proxy: Awaited<ReturnType<typeof countingProxy>> | undefined;
  try {
    for (let attempt = 0; ; attempt++) {
      if (previewError) throw new BenchError('could not start astro preview', { cause: previewError });
      if (preview.exitCode !== null || preview.signalCode !== null) throw new BenchError(`astro preview exited (${preview.exitCode ?? preview.signalCode}) before answering; log: ${logPath}`, { logTail: logTail(logPath) });
      try {
        const response = await fetch(`${base}/search/`);
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      if (attempt > 300) throw new BenchError(`astro preview did not answer on ${base} within 60 s; log: ${logPath}`, { logTail: logTail(logPath) });
      await sleep(200);
    }
    // The browser talks to a counting proxy in front of the preview server, so every request is
    // counted as sent on the wire (compressed bodies stay compressed), whether the page or
    // Pagefind's web worker made it.
    proxy = await countingProxy(port);
    const { launchBrowser } = await import('../tests/support/browser.ts');
    browser = await launchBrowser();
    const context = await browser.newContext();
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${proxy.base}/search/?q=${encodeURIComponent(query)}`);
    try {
      await page.waitForFunction(
        () => {
          const status = document.getElementById('search-status')?.textContent?.trim() ?? '';
          const list = document.getElementById('search-results');
          return status !== '' && list !== null && list.getAttribute('aria-busy') !== 'true';
        },
        undefined,
        { timeout: 60_000, polling: 25 },
      );
    } catch (error) {
      throw new BenchError(`the search page showed no finished search for "${query}" within 60 s (#search-status and #search-results expected)`, { cause: error });
    }
    const msToResults = Math.round(performance.now() - started);
    const shown = await page.evaluate(() => ({
      results: document.querySelectorAll('#search-results > li').length,
      status: document.getElementById('search-status')?.textContent?.trim() ?? '',
    }));
    if (shown.results === 0) throw new BenchError(`the first search for "${query}" showed no results: "${shown.status}"`);
    // Requests still in flight when the results appeared belong to this search too.
    const isPagefind = (record: ProxyRecord) => record.path.startsWith('/pagefind/');
    for (let waited = 0; proxy.records.some((record) => isPagefind(record) && !record.done) && waited < 10_000; waited += 50) await sleep(50);
    const records = proxy.records.filter(isPagefind);
    const failures = records.filter((record) => !record.done || record.status >= 400).map((record) => `${record.path}: ${record.done ? `HTTP ${record.status}` : 'unfinished'}`);
    if (failures.length) throw new BenchError(`Pagefind requests failed during the first search:\n  ${failures.join('\n  ')}`);
    if (records.length === 0) throw new BenchError('the first search made no request under /pagefind/');
    await context.close();
    const finished = records.map((record) => ({ path: record.path, bytes: record.bytes, headerBytes: record.headerBytes })).sort((a, b) => a.path.localeCompare(b.path));
    return {
      query,
      bytes: finished.reduce((sum, file) => sum + file.bytes, 0),
      headerBytes: finished.reduce((sum, file) => sum + file.headerBytes, 0),
      requests: finished.length,
      files: finished.map(({ path, bytes }) => ({ path, bytes })),
      msToResults,
      resultsShown: shown.results,
      status: shown.status,
    };
  } finally {
    await browser?.close().catch(() => {});
    await proxy?.close();
    killGroup(preview);
    const stop = exited(preview);
    if ((await Promise.race([stop.then(() => true), sleep(5000).then(() => false)])) === false) {
      killGroup(preview, 'SIGKILL');
      await stop;
    }
    running.delete(preview);
    await new Promise((resolvePromise) => log.end(resolvePromise));
  }
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────
/** `astro dev` on the corpus: how long until it answers, and until an edited title shows. */
export interface DevEdit {
  /** From starting `astro dev` to the first page served. */
  startupSeconds: number;
  /** From writing a new title into one postmortem to the page showing it (median of the edits). */
  editToPageMs: number;
  edits: number[];
  page: string;
}

/**
 * Starts `astro dev` on the corpus, then changes one postmortem's title several times, each time
 * requesting its page until the new title shows. Runs after the builds, so it shares nothing
 * with their measurements.
 */
async function devEdit(work: Work, file: string): Promise<DevEdit> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const page = `/postmortems/${file.replace(/^postmortems\//, '').replace(/\.mdx?$/, '')}/`;
  const log = createWriteStream(join(work.logs, 'dev.log'));
  const started = performance.now();
  const server = spawn(ASTRO, ['dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    env: childEnv({ ALMANAC_CONTENT_DIR: work.content, ALMANAC_NOW: AS_OF }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(server);
  server.stdout!.pipe(log);
  server.stderr!.pipe(log);
  const fetchPage = async () => {
    try {
      const response = await fetch(base + page, { headers: { accept: 'text/html' } });
      return { status: response.status, html: await response.text() };
    } catch {
      return { status: 0, html: '' };
    }
  };
  const until = async (check: (answer: { status: number; html: string }) => boolean, what: string) => {
    const deadline = performance.now() + 120_000;
    while (performance.now() < deadline) {
      if (check(await fetchPage())) return;
      await sleep(25);
    }
    throw new BenchError(`astro dev: ${what} did not show within 120 s`, { logTail: logTail(join(work.logs, 'dev.log')) });
  };
  try {
    await until(({ status }) => status === 200, `${page}`);
    const startupSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
    const path = join(work.content, file);
    const original = readFileSync(path, 'utf8');
    const edits: number[] = [];
    for (let edit = 1; edit <= 5; edit++) {
      const title = `Edited title ${edit} for the dev benchmark`;
      const written = performance.now();
      writeFileSync(path, original.replace(/^title: .*$/m, `title: ${title}`));
      await until(({ status, html }) => status === 200 && html.includes(title), `edit ${edit}`);
      edits.push(Math.round(performance.now() - written));
    }
    writeFileSync(path, original);
    const sorted = [...edits].sort((a, b) => a - b);
    return { startupSeconds, editToPageMs: sorted[Math.floor(sorted.length / 2)]!, edits, page };
  } finally {
    killGroup(server);
    await exited(server);
    running.delete(server);
  }
}

export interface BenchResult {
  inputs: {
    docs: number;
    seed: number;
    date: string;
    asOf: string;
    cores: number;
    cpu: string;
    memoryBytes: number;
    node: string;
    astro: string;
    commit: string;
    /** Uncommitted (or untracked) changes to the site's sources (SITE_SOURCES) when measured; the bench's own scripts do not count. */
    uncommittedChanges: boolean;
    /** The commit or working tree changed while the bench ran: the builds may have measured different code. */
    sourceChangedDuringRun: boolean;
    audience: string;
  };
  corpus: Omit<CorpusSummary, 'dir'> & { seconds: number };
  cold: BuildMeasurement;
  rebuild: BuildMeasurement & { changedFile: string };
  output: { distBytes: number; distFiles: number; pagefindBytes: number; pagefindFiles: number; htmlPages: number };
  js: JsUpFront;
  firstSearch: FirstSearch | { skipped: true };
  dev: DevEdit | { skipped: true };
  baseline: (typeof BASELINE)['byDocs'][number] | null;
  targets: TargetResult[];
  workDir?: string;
}

function versionOf(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env: childEnv({}) });
  return result.status === 0 ? result.stdout.trim().split('\n').pop()!.trim() : 'unknown';
}

async function run(options: Options): Promise<BenchResult> {
  const work: Work = (() => {
    const dir = mkdtempSync(join(tmpdir(), `almanac-bench-${options.docs}-`));
    return { dir, content: join(dir, 'content'), dist: join(dir, 'dist'), cache: join(dir, 'cache'), logs: join(dir, 'logs') };
  })();
  cleanupDir = options.keep ? undefined : work.dir;
  mkdirSync(work.cache, { recursive: true });
  mkdirSync(work.logs, { recursive: true });
  const inputs: BenchResult['inputs'] = {
    docs: options.docs,
    seed: options.seed,
    date: new Date().toISOString(),
    asOf: AS_OF,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    node: versionOf(join(BIN, 'node'), ['--version']),
    astro: JSON.parse(readFileSync(join(ROOT, 'node_modules', 'astro', 'package.json'), 'utf8')).version,
    commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown',
    uncommittedChanges: git(['status', '--porcelain', '--', ...SITE_SOURCES]) !== '',
    sourceChangedDuringRun: false,
    audience: process.env.ALMANAC_AUDIENCE?.trim() || 'internal',
  };

  const fingerprint = sourceFingerprint();
  progress(`generating ${options.docs} postmortems (seed ${options.seed}) into ${work.content}`);
  const generated = performance.now();
  const { dir: _dir, ...corpus } = generateCorpus({ docs: options.docs, dir: work.content, seed: options.seed, releases: proportionalReleases(options.docs) });
  const corpusSeconds = Number(((performance.now() - generated) / 1000).toFixed(2));
  progress(`corpus: ${corpus.postmortems} postmortems, ${corpus.releases} releases, ${corpus.slos} SLOs, ${corpus.services} services, ${corpus.teams} teams (${corpusSeconds} s)`);

  const cold = await measuredBuild(work, 'cold', { force: true, verbose: options.verbose });

  // One postmortem's body changes: a sentence appended to the first one (by file name).
  const postmortemFiles = readdirSync(join(work.content, 'postmortems')).filter((name) => /\.mdx?$/.test(name)).sort();
  const changedFile = join('postmortems', postmortemFiles[0]!);
  appendFileSync(join(work.content, changedFile), `\n${CHANGED_SENTENCE}\n`);
  const rebuild = await measuredBuild(work, 'rebuild', { force: false, verbose: options.verbose });
  const builtPage = readFileSync(join(work.dist, 'postmortems', postmortemFiles[0]!.replace(/\.mdx?$/, ''), 'index.html'), 'utf8');
  if (!builtPage.includes(CHANGED_SENTENCE)) throw new BenchError(`the rebuild did not publish the change to ${changedFile}`);

  const dist = folderSize(work.dist);
  const pagefind = folderSize(join(work.dist, 'pagefind'));
  const htmlPages = readdirSync(work.dist, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.html')).length;
  const ids = postmortemFiles.map((name) => name.replace(/\.mdx?$/, ''));
  const js = jsUpFront(work.dist, ids);

  let search: BenchResult['firstSearch'] = { skipped: true };
  if (!options.skipFirstSearch) {
    const titleOf = (name: string) => {
      const text = readFileSync(join(work.content, 'postmortems', name), 'utf8');
      const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
      return String((parseYaml(front) as { title?: unknown })?.title ?? '');
    };
    const titles = postmortemFiles.map(titleOf);
    search = await firstSearch(work, searchWord(titles[0]!, titles));
  }

  let dev: BenchResult['dev'] = { skipped: true };
  if (!options.skipDev) {
    progress('astro dev: measuring how long an edited title takes to show');
    dev = await devEdit(work, changedFile);
  }

  inputs.sourceChangedDuringRun = sourceFingerprint() !== fingerprint;
  if (inputs.sourceChangedDuringRun) progress('warning: the commit or the working tree changed during the run; the cold build and the rebuild may have measured different code');
  const baseline = BASELINE.byDocs[options.docs] ?? null;
  const targets = evaluateTargets(options.docs, { coldSeconds: cold.wallSeconds, peakRssBytes: cold.peakRssBytes, rebuildSeconds: rebuild.wallSeconds, jsBytes: js.bytes });
  return {
    inputs,
    corpus: { ...corpus, seconds: corpusSeconds },
    cold,
    rebuild: { ...rebuild, changedFile },
    output: { distBytes: dist.bytes, distFiles: dist.files, pagefindBytes: pagefind.bytes, pagefindFiles: pagefind.files, htmlPages },
    js,
    firstSearch: search,
    dev,
    baseline,
    targets,
    ...(options.keep ? { workDir: work.dir } : {}),
  };
}

// ── printing ─────────────────────────────────────────────────────────────────────────────────
export function report(result: BenchResult): string {
  const { inputs, cold, rebuild } = result;
  const lines: string[] = [];
  lines.push(
    `Almanac bench: ${inputs.docs} postmortems (+ ${result.corpus.releases} releases, ${result.corpus.slos} SLOs, ${result.corpus.services} services, ${result.corpus.teams} teams; seed ${inputs.seed})`,
    `commit ${inputs.commit}${inputs.uncommittedChanges ? ' + uncommitted changes' : ''}${inputs.sourceChangedDuringRun ? ' (CHANGED DURING THE RUN)' : ''} · ${inputs.cores} cores (${inputs.cpu}) · ${formatBytes(inputs.memoryBytes)} RAM · node ${inputs.node} · astro ${inputs.astro} · ${inputs.date}`,
    '',
  );
  const ogNote = (build: BuildMeasurement) => (build.ogCards ? `${build.ogCards.rendered} rendered, ${build.ogCards.cached} cached` : '');
  lines.push(
    formatTable(
      ['build', 'wall', 'peak RSS (tree)', 'Astro total', 'pages', 'OG cards', 'other CPU meanwhile'],
      [cold, rebuild].map((build) => [
        build.label === 'cold' ? 'cold (--force, empty card cache)' : `rebuild (1 postmortem changed)`,
        `${build.wallSeconds.toFixed(1)} s`,
        formatBytes(build.peakRssBytes),
        formatMs(build.phases.totalBuild),
        String(build.pages ?? '—'),
        ogNote(build),
        `${build.otherCpuSeconds.toFixed(1)} CPU-s`,
      ]),
    ),
    '',
  );
  const phaseKeys = Object.keys(PHASE_LABELS) as (keyof IssuePhases)[];
  const outside = (build: BuildMeasurement) => (build.phases.totalBuild === null ? null : Math.max(0, build.wallSeconds * 1000 - build.phases.totalBuild));
  // Phases the timers recorded that the issue's list does not name (e.g. new ones), shown as they are.
  const mapped = new Set(['Sync content layer', 'Prerender build', 'SSR build', 'Client build', 'Static generate', 'Total build', 'validation', 'pagefind', 'og cards']);
  if (cold.pagefindPhaseSource === 'timer, after pages') mapped.add('pagefind (after pages)');
  const extra = [...new Set([...Object.keys(cold.astroTimer), ...Object.keys(rebuild.astroTimer), ...Object.keys(cold.almanacTimer), ...Object.keys(rebuild.almanacTimer)])].filter((name) => !mapped.has(name));
  const raw = (build: BuildMeasurement, name: string) => build.almanacTimer[name] ?? build.astroTimer[name];
  lines.push(
    formatTable(
      ['phase (phases overlap; see README)', 'cold', 'rebuild'],
      [
        ...phaseKeys.map((key) => [
          PHASE_LABELS[key] + (key === 'pagefind' && cold.pagefindPhaseSource === 'log' ? ' (from log)' : key === 'pagefind' && cold.pagefindPhaseSource === 'timer, after pages' ? ' (after pages)' : ''),
          formatMs(cold.phases[key]),
          formatMs(rebuild.phases[key]),
        ]),
        ['outside Astro\'s timer (startup)', formatMs(outside(cold)), formatMs(outside(rebuild))],
        ...extra.map((name) => [`"${name}" (as recorded)`, formatMs(raw(cold, name)), formatMs(raw(rebuild, name))]),
      ],
    ),
    '',
  );
  const search = result.firstSearch;
  lines.push(
    formatTable(
      ['output', 'value'],
      [
        ['dist', `${formatBytes(result.output.distBytes)} in ${result.output.distFiles} files (${result.output.htmlPages} HTML pages)`],
        ['Pagefind index', `${formatBytes(result.output.pagefindBytes)} in ${result.output.pagefindFiles} files`],
        ['first search', 'skipped' in search ? 'skipped (--skip-first-search)' : `${formatBytes(search.bytes)} in ${search.requests} requests under /pagefind/ for "${search.query}" (${search.resultsShown} results shown, ${search.msToResults} ms)`],
        [
          'astro dev: edit → page shows it',
          'skipped' in result.dev ? 'skipped (--skip-dev)' : `${formatMs(result.dev.editToPageMs)} median of ${result.dev.edits.length} title edits (${result.dev.edits.map((ms) => `${ms} ms`).join(', ')}); started in ${result.dev.startupSeconds} s`,
        ],
        ['JS up front, postmortem page', `${result.js.bytes} B (${formatBytes(result.js.gzipBytes)} gzipped): ${result.js.inlineBytes} B inline + ${result.js.externalBytes} B in ${result.js.files.length} files`],
      ],
    ),
    '',
  );
  lines.push(`Baseline (${BASELINE.source}): 1000 docs 17.9 s / 1.83 GB, 3000 docs 47.0 s / 3.84 GB; rebuild 17.5 s (1000 docs); ${BASELINE.jsKb} KB JS per content page.`);
  lines.push(`Targets: cold ≤ baseline, peak RSS ≤ ${TARGETS.peakRatio} × baseline, rebuild ≤ ${TARGETS.rebuildRatio} × baseline, JS ≤ ${TARGETS.jsKb} KB (GB = 2^30 B, KB = 2^10 B).`);
  if (!result.baseline) lines.push(`No baseline for ${inputs.docs} docs (the issue gives 1000 and 3000; nothing is interpolated).`);
  lines.push('', formatTable(['figure', 'measured', 'baseline', 'target', 'result'], result.targets.map((t) => [t.figure, t.measured, t.baseline, t.target, passLabel(t.pass)])));
  // Other processes' CPU while a build ran, as a share of what the machine could give over that time.
  const busy = [cold, rebuild].map((build) => ({ build, share: build.otherCpuSeconds / (build.wallSeconds * inputs.cores) }));
  if (busy.some(({ share }) => share > 0.05)) {
    lines.push('', `Note: other processes used ${busy.map(({ build, share }) => `${build.otherCpuSeconds} CPU-s during the ${build.label} build (${Math.round(share * 100)}% of the machine)`).join(' and ')}; times are inflated.`);
  }
  if (result.workDir) lines.push('', `kept: ${result.workDir} (content/, dist/, cache/, logs/)`);
  return lines.join('\n');
}

// ── entry point ──────────────────────────────────────────────────────────────────────────────
let cleanupDir: string | undefined;
function cleanup() {
  if (cleanupDir) rmSync(cleanupDir, { recursive: true, force: true });
  cleanupDir = undefined;
}

function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    if (current instanceof Error) {
      parts.push(depth === 0 ? current.message : `caused by: ${current.stack ?? current.message}`);
      if (current instanceof BenchError && current.logTail) parts.push(`── end of the log ──\n${current.logTail}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  if (!(error instanceof BenchError) && error instanceof Error && error.stack) parts.push(error.stack);
  return parts.join('\n');
}

/** Re-runs this script under `flock` so no other build overlaps; the lock is held until it exits. */
async function underLock(argv: string[]): Promise<number> {
  const command = (blocking: boolean) => [...(blocking ? [] : ['-n', '-E', String(LOCK_BUSY)]), '--no-fork', LOCK_FILE, process.execPath, import.meta.filename, ...argv];
  const attempt = (blocking: boolean) =>
    new Promise<number>((resolvePromise, reject) => {
      const child = spawn('flock', command(blocking), { stdio: 'inherit', env: { ...process.env, BENCH_LOCKED: '1' } });
      const forward = (signal: NodeJS.Signals) => child.kill(signal);
      process.on('SIGINT', forward);
      process.on('SIGTERM', forward);
      child.once('error', (error) => reject(new BenchError('could not run flock (util-linux) for the build lock', { cause: error })));
      child.once('exit', (code, signal) => {
        process.off('SIGINT', forward);
        process.off('SIGTERM', forward);
        resolvePromise(code ?? (signal === 'SIGINT' ? 130 : 143));
      });
    });
  const code = await attempt(false);
  if (code !== LOCK_BUSY) return code;
  progress(`${LOCK_FILE} is held by another build; waiting for it (the wait is not measured)…`);
  return attempt(true);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const options = readOptions(argv);
  if (process.env.BENCH_LOCKED !== '1') return underLock(argv);
  if (process.platform !== 'linux' || !existsSync('/proc/self/status')) throw new BenchError('the bench reads process memory from /proc and needs Linux');
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
    process.stdout.write(`${options.json ? JSON.stringify(result, null, 2) : report(result)}\n`);
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
