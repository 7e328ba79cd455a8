/**
 * One measured `astro build`, of Almanac (the repository) or of the Starlight baseline
 * (scripts/bench/starlight/): wall time from spawning astro to its exit; peak RSS of the whole
 * process tree (astro and its children, e.g. the OG card process and Pagefind, polled from /proc
 * every 100 ms); the CPU that other processes used meanwhile; and the phase timings of the timer
 * files (ASTRO_TIMER_PATH for both, ALMANAC_TIMER_PATH for Almanac). A cold build runs with
 * `--force` into a fresh outDir with every cache emptied before it; a rebuild runs into the same
 * outDir with the caches the previous build left.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { BenchError } from './errors.ts';
import {
  almanacTimerPhases,
  astroTimerPhases,
  otherCpuSeconds,
  buildCpuSeconds,
  parseCpuBusyTicks,
  parseProcStatus,
  parseStatCpuTicks,
  reportedPhases,
  treeRss,
  type PagefindSource,
  type ProcEntry,
  type ReportedPhases,
} from './figures.ts';
import { formatBytes } from './format.ts';
import { ASTRO, ROOT, childEnv, exited, logTail, progress, running, siteEnv, type Work } from './processes.ts';
import type { BuildKind, Site, Step } from './runs.ts';
import { STARLIGHT_ROOT, starlightSiteEnv } from './starlight.ts';

// ── memory and CPU of a process tree ─────────────────────────────────────────────────────────

/**
 * Every process in `procDir` (default `/proc`). Processes that exit between the listing and the
 * read are skipped. Only thread-group leaders are listed by /proc, so threads are not counted twice.
 */
export function readProcTable(procDir = '/proc'): ProcEntry[] {
  const entries: ProcEntry[] = [];
  for (const name of readdirSync(procDir)) {
    if (!/^\d+$/.test(name)) continue;
    let text: string;
    try {
      text = readFileSync(join(procDir, name, 'status'), 'utf8');
    } catch {
      continue; // gone already, or not readable
    }
    const entry = parseProcStatus(Number(name), text);
    if (entry) entries.push(entry);
  }
  return entries;
}

/** A process's own CPU ticks (utime + stime) from `/proc/<pid>/stat`, or undefined when it is gone. */
export function readCpuTicks(pid: number, procDir = '/proc'): number | undefined {
  try {
    return parseStatCpuTicks(readFileSync(join(procDir, String(pid), 'stat'), 'utf8')).self;
  } catch {
    return undefined;
  }
}

/**
 * Polls the tree of `root` every `intervalMs` and keeps the largest sum seen. It also keeps the
 * last CPU ticks seen of every process of the tree: a child the build kills and never waits for
 * (Pagefind's service is killed at `close()`, and Astro may exit before reaping it) is missing from
 * the build's rusage, and would otherwise count as "other processes".
 */
export class TreeRssSampler {
  peakBytes = 0;
  peakProcesses = 0;
  samples = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly root: number;
  private readonly intervalMs: number;
  private readonly read: () => ProcEntry[];
  private readonly readCpu: (pid: number) => number | undefined;
  private readonly cpuTicks = new Map<number, number>();
  constructor(
    root: number,
    options: { intervalMs?: number; read?: () => ProcEntry[]; readCpuTicks?: (pid: number) => number | undefined } = {},
  ) {
    this.root = root;
    this.intervalMs = options.intervalMs ?? 100;
    this.read = options.read ?? (() => readProcTable());
    this.readCpu = options.readCpuTicks ?? readCpuTicks;
  }
  sample(): void {
    const { bytes, pids } = treeRss(this.read(), this.root);
    this.samples++;
    if (bytes > this.peakBytes) {
      this.peakBytes = bytes;
      this.peakProcesses = pids.length;
    }
    for (const pid of pids) {
      const ticks = this.readCpu(pid);
      if (ticks !== undefined) this.cpuTicks.set(pid, Math.max(ticks, this.cpuTicks.get(pid) ?? 0));
    }
  }
  /** CPU ticks (own, not children's) of every process seen in the tree, as of its last sample. */
  get treeCpuTicks(): number {
    let sum = 0;
    for (const ticks of this.cpuTicks.values()) sum += ticks;
    return sum;
  }
  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    return this;
  }
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** Clock ticks per second of /proc CPU figures (USER_HZ), asked once. */
let clockTicks: number | undefined;
function clockTicksPerSecond(): number {
  clockTicks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;
  return clockTicks;
}

function cpuSnapshot() {
  return {
    machine: parseCpuBusyTicks(readFileSync('/proc/stat', 'utf8')),
    bench: parseStatCpuTicks(readFileSync('/proc/self/stat', 'utf8')),
  };
}

// ── one measured build ───────────────────────────────────────────────────────────────────────

function readJson(path: string): unknown {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new BenchError(`could not read the timer file ${path}`, { cause: error });
  }
}

export interface BuildMeasurement {
  label: string;
  site: Site;
  kind: BuildKind;
  run: number;
  wallSeconds: number;
  peakRssBytes: number;
  /** Processes in the tree when the peak was seen. */
  peakProcesses: number;
  rssSamples: number;
  phases: ReportedPhases;
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
  /** CPU seconds the build's process tree used, on every core (`buildCpuSeconds`). */
  cpuSeconds: number;
  /** CPU seconds used by processes outside the build's tree (and outside the bench) while it ran. */
  otherCpuSeconds: number;
}

/** What a build of one site needs: its project root, its outDir, and its environment. */
function siteBuild(work: Work, site: Site, timers: { astro: string; almanac: string }) {
  if (site === 'starlight')
    return {
      cwd: STARLIGHT_ROOT,
      dist: work.starlightDist,
      rootArgs: ['--root', STARLIGHT_ROOT],
      env: childEnv({ ...starlightSiteEnv(work.content), ASTRO_TIMER_PATH: timers.astro }),
    };
  return {
    cwd: ROOT,
    dist: work.dist,
    rootArgs: [],
    env: siteEnv(work, { ALMANAC_CACHE_DIR: work.cache, ASTRO_TIMER_PATH: timers.astro, ALMANAC_TIMER_PATH: timers.almanac }),
  };
}

/** A step's label, as the logs and the report name it, e.g. `almanac-cold-2`. */
export const stepLabel = (step: Step) => `${step.site}-${step.kind}-${step.run}`;

export async function measuredBuild(work: Work, step: Step, options: { verbose: boolean }): Promise<BuildMeasurement> {
  const label = stepLabel(step);
  const astroTimerPath = join(work.logs, `${label}-astro-timer.json`);
  const almanacTimerPath = join(work.logs, `${label}-almanac-timer.json`);
  const logPath = join(work.logs, `${label}-build.log`);
  for (const path of [astroTimerPath, almanacTimerPath]) rmSync(path, { force: true });
  const build = siteBuild(work, step.site, { astro: astroTimerPath, almanac: almanacTimerPath });
  const args = ['build', ...build.rootArgs, '--outDir', build.dist, ...(step.kind === 'cold' ? ['--force'] : [])];
  const env = build.env;
  const log = createWriteStream(logPath);
  await new Promise((resolvePromise) => log.once('open', resolvePromise));
  progress(`${label} build: astro ${args.join(' ')}`);
  const loadAverageBefore = Number(loadavg()[0]!.toFixed(2));
  const cpuBefore = cpuSnapshot();
  const started = performance.now();
  const child = spawn(ASTRO, args, { cwd: build.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.add(child);
  const sampler = new TreeRssSampler(child.pid!, { intervalMs: 100 });
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new BenchError(`could not start ${ASTRO}`, { cause: error }))),
  );
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
  const cpuAfter = cpuSnapshot();
  const otherCpu = Number(otherCpuSeconds(cpuBefore, cpuAfter, clockTicksPerSecond(), sampler.treeCpuTicks).toFixed(1));
  const cpuSeconds = Number(buildCpuSeconds(cpuBefore, cpuAfter, clockTicksPerSecond(), sampler.treeCpuTicks).toFixed(1));
  await new Promise((resolvePromise) => log.end(resolvePromise));
  if (result.code !== 0) {
    throw new BenchError(
      `${label} build failed (${result.signal ? `signal ${result.signal}` : `exit code ${result.code}`}) after ${wallSeconds.toFixed(1)} s; log: ${logPath} (kept with --keep)`,
      {
        logTail: logTail(logPath),
      },
    );
  }
  const astroTimer = astroTimerPhases(readJson(astroTimerPath));
  const almanacTimer = almanacTimerPhases(readJson(almanacTimerPath));
  if (Object.keys(astroTimer).length === 0)
    throw new BenchError(`${label} build: astro wrote no phase timings to ASTRO_TIMER_PATH (${astroTimerPath})`);
  const { phases, pagefindSource } = reportedPhases(astroTimer, almanacTimer, readFileSync(logPath, 'utf8'));
  let ogCards: BuildMeasurement['ogCards'];
  const lastRun = readJson(join(ROOT, '.cache', 'og-last-run.json')) as
    { outDir?: string; total?: number; rendered?: number; cached?: number } | undefined;
  if (step.site === 'almanac' && lastRun && lastRun.outDir && resolve(lastRun.outDir) === resolve(work.dist))
    ogCards = { total: lastRun.total ?? 0, rendered: lastRun.rendered ?? 0, cached: lastRun.cached ?? 0 };
  const pagesMatch = /(\d+) page\(s\) built/.exec(readFileSync(logPath, 'utf8'));
  const measurement: BuildMeasurement = {
    label,
    ...step,
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
    cpuSeconds,
    otherCpuSeconds: otherCpu,
  };
  progress(
    `${label} build: ${measurement.wallSeconds.toFixed(1)} s wall, ${cpuSeconds} CPU-s, peak ${formatBytes(measurement.peakRssBytes)} RSS (${sampler.samples} samples); other processes used ${otherCpu} CPU-s meanwhile`,
  );
  return measurement;
}
