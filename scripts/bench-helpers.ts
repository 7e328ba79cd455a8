/**
 * Pure helpers of `npm run bench` (scripts/bench.ts), kept apart so tests/unit/bench.test.ts can
 * check them without building anything: process-tree memory from /proc, phase timings from the
 * timer files, JavaScript on a page, the issue's baseline and targets, and the printed table.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// ── memory of a process tree ─────────────────────────────────────────────────────────────────

export interface ProcEntry {
  pid: number;
  ppid: number;
  /** Resident set size in bytes (0 for kernel threads and zombies, which have no VmRSS line). */
  rssBytes: number;
}

/** Reads `PPid:` and `VmRSS:` (kB) from the text of `/proc/<pid>/status`. */
export function parseProcStatus(pid: number, text: string): ProcEntry | undefined {
  const ppid = /^PPid:\s+(\d+)/m.exec(text);
  if (!ppid) return undefined;
  const rss = /^VmRSS:\s+(\d+)\s*kB/m.exec(text);
  return { pid, ppid: Number(ppid[1]), rssBytes: rss ? Number(rss[1]) * 1024 : 0 };
}

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

/** Sum of the RSS of `root` and all its descendants (children, grandchildren, …), and their pids. */
export function treeRss(entries: readonly ProcEntry[], root: number): { bytes: number; pids: number[] } {
  const children = new Map<number, ProcEntry[]>();
  const byPid = new Map<number, ProcEntry>();
  for (const entry of entries) {
    byPid.set(entry.pid, entry);
    const list = children.get(entry.ppid) ?? [];
    list.push(entry);
    children.set(entry.ppid, list);
  }
  const rootEntry = byPid.get(root);
  if (!rootEntry) return { bytes: 0, pids: [] };
  let bytes = 0;
  const pids: number[] = [];
  const seen = new Set<number>();
  const stack = [rootEntry];
  while (stack.length) {
    const entry = stack.pop()!;
    if (seen.has(entry.pid)) continue;
    seen.add(entry.pid);
    bytes += entry.rssBytes;
    pids.push(entry.pid);
    stack.push(...(children.get(entry.pid) ?? []));
  }
  return { bytes, pids: pids.sort((a, b) => a - b) };
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
  constructor(root: number, options: { intervalMs?: number; read?: () => ProcEntry[]; readCpuTicks?: (pid: number) => number | undefined } = {}) {
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

// ── CPU used by other processes ──────────────────────────────────────────────────────────────

/** Busy clock ticks of the whole machine from `/proc/stat`'s first line (all but idle and iowait; guest time is inside user). */
export function parseCpuBusyTicks(procStat: string): number {
  const line = procStat.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) throw new Error('no "cpu" line in /proc/stat');
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  return user + nice + system + irq + softirq + steal;
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
 * CPU ticks of a process from `/proc/<pid>/stat`: its own (utime + stime) and its reaped children's
 * (cutime + cstime, which include their own reaped descendants). The command name may hold spaces
 * and parentheses, so fields are counted after the last ")".
 */
export function parseStatCpuTicks(stat: string): { self: number; children: number } {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).trim().split(/\s+/);
  // After ")": state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17) → indexes 11–14 here.
  const at = (field: number) => Number(fields[field - 3] ?? 0);
  return { self: at(14) + at(15), children: at(16) + at(17) };
}

/**
 * CPU seconds the rest of the machine used while a build ran: machine-wide busy time minus this
 * process and the build's tree. The tree counts as the larger of its reaped CPU (this process's
 * cutime/cstime) and the sampled CPU of every process seen in it (`treeTicks`), which also covers
 * children killed and never reaped. Other work on a 2-core machine inflates every time, so the
 * bench reports it next to the figures.
 */
export function otherCpuSeconds(
  before: { machine: number; bench: { self: number; children: number } },
  after: typeof before,
  ticksPerSecond = 100,
  treeTicks = 0,
): number {
  const machine = after.machine - before.machine;
  const ours = after.bench.self - before.bench.self + Math.max(after.bench.children - before.bench.children, treeTicks);
  return Math.max(0, (machine - ours) / ticksPerSecond);
}

// ── phase timings ────────────────────────────────────────────────────────────────────────────

/** Astro's `ASTRO_TIMER_PATH` file: `{ "<phase>": { elapsedTime, heapUsedChange, heapUsedTotal } }` → ms. */
export function astroTimerPhases(json: unknown): Record<string, number> {
  const phases: Record<string, number> = {};
  if (!json || typeof json !== 'object') return phases;
  for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
    const elapsed = typeof value === 'number' ? value : (value as { elapsedTime?: unknown } | null)?.elapsedTime;
    if (typeof elapsed === 'number' && Number.isFinite(elapsed)) phases[name] = Math.round(elapsed);
  }
  return phases;
}

/** Almanac's `ALMANAC_TIMER_PATH` file (src/build/phases.ts): `{ "<phase>": ms }`. */
export function almanacTimerPhases(json: unknown): Record<string, number> {
  return astroTimerPhases(json);
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** Pagefind's time from the build log line of src/integration/pagefind.ts ("search index: … in 1234 ms" or "…; 1234 ms after …"). */
export function pagefindMsFromLog(log: string): number | undefined {
  const match = /search index: [^\n]*?(\d+) ms/.exec(log.replace(ANSI, ''));
  return match ? Number(match[1]) : undefined;
}

export interface IssuePhases {
  /** Almanac's one validation pass over the content folder (almanac 'validation'). */
  validation: number | null;
  /** Astro's content layer: loaders, schemas, Markdown rendered at sync (astro 'Sync content layer'). */
  contentSync: number | null;
  /** Vite/rolldown bundling of pages and MDX modules (astro 'Prerender build' + 'SSR build' + 'Client build'). */
  bundling: number | null;
  /** Rendering every page to HTML (astro 'Static generate'). */
  rendering: number | null;
  /**
   * Pagefind indexing: almanac 'pagefind'; else 'pagefind (after pages)' (pages streamed to the
   * index while they render, so only the tail after the last page is timed); else the log line.
   */
  pagefind: number | null;
  /** OG cards, rendered or copied from the cache (almanac 'og cards'). */
  ogCards: number | null;
  /** Astro's whole build (astro 'Total build'); the phases above except validation run inside it. */
  totalBuild: number | null;
}

export const PHASE_LABELS: Record<keyof IssuePhases, string> = {
  validation: 'validation',
  contentSync: 'content sync',
  bundling: 'bundling (MDX/Vite)',
  rendering: 'rendering pages',
  pagefind: 'Pagefind',
  ogCards: 'OG cards',
  totalBuild: 'Astro total build',
};

/** The issue's phases from the raw timer files (null where a phase was not recorded). */
export type PagefindSource = 'timer' | 'timer, after pages' | 'log' | null;

export function issuePhases(astro: Record<string, number>, almanac: Record<string, number>, log = ''): { phases: IssuePhases; pagefindSource: PagefindSource } {
  const sum = (...names: string[]) => {
    const present = names.filter((name) => astro[name] !== undefined);
    return present.length ? present.reduce((total, name) => total + astro[name]!, 0) : null;
  };
  const fromLog = pagefindMsFromLog(log);
  const afterPages = almanac['pagefind (after pages)'];
  const pagefind = almanac.pagefind ?? afterPages ?? fromLog ?? null;
  return {
    phases: {
      validation: almanac.validation ?? null,
      contentSync: astro['Sync content layer'] ?? null,
      bundling: sum('Prerender build', 'SSR build', 'Client build'),
      rendering: astro['Static generate'] ?? null,
      pagefind,
      ogCards: almanac['og cards'] ?? null,
      totalBuild: astro['Total build'] ?? null,
    },
    pagefindSource: almanac.pagefind !== undefined ? 'timer' : afterPages !== undefined ? 'timer, after pages' : fromLog !== undefined ? 'log' : null,
  };
}

// ── JavaScript on a page ─────────────────────────────────────────────────────────────────────

const JS_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript', 'text/ecmascript', 'application/ecmascript', 'text/jscript']);

/** Whether a `<script type>` value is executed as JavaScript (absent or empty means classic JS). */
export function isJavaScriptType(type: string | undefined): boolean {
  return JS_TYPES.has((type ?? '').trim().toLowerCase().split(';')[0]!.trim());
}

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(attributes);
  if (match) return match[1] ?? match[2] ?? match[3] ?? '';
  return new RegExp(`(?:^|\\s)${name}(?=\\s|$)`, 'i').test(attributes) ? '' : undefined;
}

export interface PageScripts {
  /** Inline scripts that run as JavaScript: their type and body. JSON, JSON-LD and templates are left out. */
  inline: { type: string; body: string }[];
  /** `<script src>` URLs as written. */
  external: { src: string; module: boolean }[];
  /** `<link rel="modulepreload" href>` URLs as written. */
  modulepreload: string[];
}

/** The scripts a page loads up front, read from its HTML (comments ignored). */
export function pageScripts(html: string): PageScripts {
  const text = html.replace(/<!--[\s\S]*?-->/g, '');
  const result: PageScripts = { inline: [], external: [], modulepreload: [] };
  for (const match of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attributes = match[1] ?? '';
    const type = attribute(attributes, 'type');
    if (!isJavaScriptType(type)) continue;
    const src = attribute(attributes, 'src');
    if (src) result.external.push({ src, module: (type ?? '').trim().toLowerCase() === 'module' });
    else if ((match[2] ?? '').trim()) result.inline.push({ type: type ?? '', body: match[2]! });
  }
  for (const match of text.matchAll(/<link\b([^>]*)>/gi)) {
    const attributes = match[1] ?? '';
    const rel = (attribute(attributes, 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = attribute(attributes, 'href');
    if (rel.includes('modulepreload') && href) result.modulepreload.push(href);
  }
  return result;
}

/**
 * Static `import … from "x"` / `import "x"` / `export … from "x"` specifiers of an ES module
 * (dynamic `import()` loads later, on use, so it is not up front). Works on minified bundles.
 */
export function staticImports(code: string): string[] {
  const specifiers = new Set<string>();
  const pattern = /(?:^|[;\n\r}\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"'\n]+)["']/g;
  for (const match of code.matchAll(pattern)) specifiers.add(match[1]!);
  return [...specifiers];
}

/** The site path a script URL points at, relative to the page's path; undefined for other origins. */
export function sitePath(pagePath: string, url: string): string | undefined {
  const base = new URL(pagePath, 'http://site.invalid');
  const resolved = new URL(url, base);
  if (resolved.origin !== base.origin) return undefined;
  return decodeURIComponent(resolved.pathname);
}

// ── baseline and targets (issue 8) ───────────────────────────────────────────────────────────

/** 1 GB and 1 KB as used for the baseline and targets: binary units (2^30, 2^10 bytes). */
export const GB = 1024 ** 3;
export const KB = 1024;

export interface BaselineFigures {
  coldSeconds: number;
  peakRssGb: number;
  /** Only given for 1000 docs. */
  rebuildSeconds?: number;
}

export const BASELINE = {
  source: 'Starlight 0.42 on Astro 7 with Pagefind, same machine (issue 8)',
  byDocs: {
    1000: { coldSeconds: 17.9, peakRssGb: 1.83, rebuildSeconds: 17.5 },
    3000: { coldSeconds: 47.0, peakRssGb: 3.84 },
  } as Record<number, BaselineFigures>,
  jsKb: 14,
};

export const TARGETS = {
  /** Cold build at most the baseline's. */
  coldRatio: 1,
  /** Peak RSS at most 0.75 of the baseline's. */
  peakRatio: 0.75,
  /** Rebuild after one change at most 0.6 of the baseline's. */
  rebuildRatio: 0.6,
  /** JavaScript up front on a content page. */
  jsKb: 3,
  /** 10,000 docs build in under 8 GB. */
  peakGbAt10000: 8,
};

export interface Measured {
  coldSeconds: number;
  peakRssBytes: number;
  rebuildSeconds: number;
  jsBytes: number;
}

export interface TargetResult {
  figure: string;
  measured: string;
  baseline: string;
  target: string;
  /** null: no baseline for this N (nothing is interpolated). */
  pass: boolean | null;
}

const seconds = (value: number) => `${value.toFixed(1)} s`;
const gb = (bytes: number) => `${(bytes / GB).toFixed(2)} GB`;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

/** Pass/fail per figure where the issue gives a baseline for this N (1000, 3000); other N say so. */
export function evaluateTargets(docs: number, measured: Measured): TargetResult[] {
  const baseline = BASELINE.byDocs[docs];
  const none = { baseline: 'no baseline', target: '—', pass: null } as const;
  const results: TargetResult[] = [];
  results.push(
    baseline
      ? { figure: 'cold build', measured: seconds(measured.coldSeconds), baseline: seconds(baseline.coldSeconds), target: `≤ ${seconds(baseline.coldSeconds * TARGETS.coldRatio)}`, pass: measured.coldSeconds <= baseline.coldSeconds * TARGETS.coldRatio }
      : { figure: 'cold build', measured: seconds(measured.coldSeconds), ...none },
  );
  if (baseline) {
    const limit = baseline.peakRssGb * TARGETS.peakRatio * GB;
    results.push({ figure: 'peak RSS (cold)', measured: gb(measured.peakRssBytes), baseline: `${baseline.peakRssGb.toFixed(2)} GB`, target: `≤ ${gb(limit)} (0.75×)`, pass: measured.peakRssBytes <= limit });
  } else if (docs === 10_000) {
    const limit = TARGETS.peakGbAt10000 * GB;
    results.push({ figure: 'peak RSS (cold)', measured: gb(measured.peakRssBytes), baseline: 'no baseline', target: `< ${gb(limit)}`, pass: measured.peakRssBytes < limit });
  } else {
    results.push({ figure: 'peak RSS (cold)', measured: gb(measured.peakRssBytes), ...none });
  }
  results.push(
    baseline?.rebuildSeconds !== undefined
      ? {
          figure: 'rebuild after one change',
          measured: seconds(measured.rebuildSeconds),
          baseline: seconds(baseline.rebuildSeconds),
          target: `≤ ${seconds(baseline.rebuildSeconds * TARGETS.rebuildRatio)} (0.6×)`,
          pass: measured.rebuildSeconds <= baseline.rebuildSeconds * TARGETS.rebuildRatio,
        }
      : { figure: 'rebuild after one change', measured: seconds(measured.rebuildSeconds), ...none },
  );
  // The JavaScript target does not depend on N.
  results.push({ figure: 'JS up front (postmortem page)', measured: kb(measured.jsBytes), baseline: `${BASELINE.jsKb} KB`, target: `≤ ${TARGETS.jsKb} KB`, pass: measured.jsBytes <= TARGETS.jsKb * KB });
  return results;
}

// ── printing ─────────────────────────────────────────────────────────────────────────────────

/** A plain-text table: columns padded to their widest cell; numeric-looking cells right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const width = (text: string) => [...text].length;
  const columns = header.length;
  const widths = Array.from({ length: columns }, (_, column) => Math.max(width(header[column] ?? ''), ...rows.map((row) => width(row[column] ?? ''))));
  const numeric = (text: string) => /^[-+]?[\d.,]+(\s?\S{0,3})?$/.test(text.trim()) && /\d/.test(text);
  const line = (cells: readonly string[], isHeader = false) =>
    Array.from({ length: columns }, (_, column) => {
      const cell = cells[column] ?? '';
      const pad = ' '.repeat(widths[column]! - width(cell));
      return !isHeader && column > 0 && numeric(cell) ? pad + cell : cell + pad;
    })
      .join('  ')
      .trimEnd();
  return [line(header, true), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map((row) => line(row))].join('\n');
}

export const passLabel = (pass: boolean | null) => (pass === null ? 'no baseline' : pass ? 'PASS' : 'FAIL');

/** Bytes in a human unit (binary, 1 decimal). */
export function formatBytes(bytes: number): string {
  if (bytes < KB) return `${bytes} B`;
  if (bytes < KB ** 2) return `${(bytes / KB).toFixed(1)} KB`;
  if (bytes < GB) return `${(bytes / KB ** 2).toFixed(1)} MB`;
  return `${(bytes / GB).toFixed(2)} GB`;
}

export const formatMs = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);

/** Picks a word of a title for the first-search measurement: the rarest among the corpus titles (≥ 5 letters). */
export function searchWord(title: string, allTitles: readonly string[]): string {
  const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 5 && !/^\d+$/.test(word));
  const candidates = [...new Set(words(title))];
  if (candidates.length === 0) throw new Error(`no word of 5 letters or more in the title "${title}"`);
  const lists = allTitles.map((t) => new Set(words(t)));
  const frequency = (word: string) => lists.filter((set) => set.has(word)).length;
  return candidates.reduce((best, word) => (frequency(word) < frequency(best) ? word : best));
}
