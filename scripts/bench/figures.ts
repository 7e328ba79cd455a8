/**
 * The pure parts of the bench, checked by tests/unit/bench.test.ts without building anything:
 * process-tree memory and CPU from the text of /proc files, the lock holders of /proc/locks, phase
 * timings from the timer files, the JavaScript a page loads up front, the first-search word and
 * the end of a log. No I/O here: the modules that read /proc, logs and pages pass the text in.
 */

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

// ── CPU used by other processes ──────────────────────────────────────────────────────────────

/** Busy clock ticks of the whole machine from `/proc/stat`'s first line (all but idle and iowait; guest time is inside user). */
export function parseCpuBusyTicks(procStat: string): number {
  const line = procStat.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) throw new Error('no "cpu" line in /proc/stat');
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  return user + nice + system + irq + softirq + steal;
}

/**
 * CPU ticks of a process from `/proc/<pid>/stat`: its own (utime + stime) and its reaped children's
 * (cutime + cstime, which include their own reaped descendants). The command name may hold spaces
 * and parentheses, so fields are counted after the last ")".
 */
export function parseStatCpuTicks(stat: string): { self: number; children: number } {
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .trim()
    .split(/\s+/);
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
export function otherCpuSeconds(before: CpuSnapshot, after: CpuSnapshot, ticksPerSecond = 100, treeTicks = 0): number {
  const machine = after.machine - before.machine;
  const ours = after.bench.self - before.bench.self + buildTreeTicks(before, after, treeTicks);
  return Math.max(0, (machine - ours) / ticksPerSecond);
}

/** The machine's busy ticks and the bench process's own ticks, at one moment. */
export interface CpuSnapshot {
  machine: number;
  bench: { self: number; children: number };
}

/** The build tree's CPU ticks between two snapshots: the larger of its reaped and its sampled ticks. */
function buildTreeTicks(before: CpuSnapshot, after: CpuSnapshot, treeTicks: number): number {
  return Math.max(after.bench.children - before.bench.children, treeTicks);
}

/**
 * CPU seconds the build itself used (every process of its tree, every core): on a machine whose
 * cores are all busy, what a build costs is its CPU time, and the wall time follows it.
 */
export function buildCpuSeconds(before: CpuSnapshot, after: CpuSnapshot, ticksPerSecond = 100, treeTicks = 0): number {
  return buildTreeTicks(before, after, treeTicks) / ticksPerSecond;
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

/** The last `lines` lines of a log, without terminal colours, to show with a failure. */
export function lastLines(log: string, lines = 40): string {
  return log.replace(ANSI, '').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Pagefind's time from a build log: the line of src/integration/pagefind.ts ("search index: … in
 * 1234 ms" or "…; 1234 ms after …"), or Starlight's ("Finished building search index in 4.33s", or "in 450ms" under 750 ms).
 */
export function pagefindMsFromLog(log: string): number | undefined {
  const plain = log.replace(ANSI, '');
  const match = /search index: [^\n]*?(\d+) ms/.exec(plain);
  if (match) return Number(match[1]);
  const starlight = /Finished building search index in (\d+(?:\.\d+)?)(ms|s)\b/.exec(plain);
  if (!starlight) return undefined;
  return starlight[2] === 'ms' ? Number(starlight[1]) : Math.round(Number(starlight[1]) * 1000);
}

/** The phases the report shows, each from named timer keys (see docs/performance.md). */
export interface ReportedPhases {
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

export const PHASE_LABELS: Record<keyof ReportedPhases, string> = {
  validation: 'validation',
  contentSync: 'content sync',
  bundling: 'bundling (MDX/Vite)',
  rendering: 'rendering pages',
  pagefind: 'Pagefind',
  ogCards: 'OG cards',
  totalBuild: 'Astro total build',
};

/** Where the Pagefind figure came from: its own timer key, the tail after the pages, or the build log. */
export type PagefindSource = 'timer' | 'timer, after pages' | 'log' | null;

/** The reported phases from the raw timer files (null where a phase was not recorded). */
export function reportedPhases(
  astro: Record<string, number>,
  almanac: Record<string, number>,
  log = '',
): { phases: ReportedPhases; pagefindSource: PagefindSource } {
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
    pagefindSource:
      almanac.pagefind !== undefined ? 'timer' : afterPages !== undefined ? 'timer, after pages' : fromLog !== undefined ? 'log' : null,
  };
}

// ── JavaScript on a page ─────────────────────────────────────────────────────────────────────

const JS_TYPES = new Set([
  '',
  'module',
  'text/javascript',
  'application/javascript',
  'text/ecmascript',
  'application/ecmascript',
  'text/jscript',
]);

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

// ── first search ─────────────────────────────────────────────────────────────────────────────

/** Picks a word of a title for the first-search measurement: the rarest among the corpus titles (≥ 5 letters). */
export function searchWord(title: string, allTitles: readonly string[]): string {
  const words = (text: string) =>
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length >= 5 && !/^\d+$/.test(word));
  const candidates = [...new Set(words(title))];
  if (candidates.length === 0) throw new Error(`no word of 5 letters or more in the title "${title}"`);
  const lists = allTitles.map((t) => new Set(words(t)));
  const frequency = (word: string) => lists.filter((set) => set.has(word)).length;
  return candidates.reduce((best, word) => (frequency(word) < frequency(best) ? word : best));
}

// ── the build lock ───────────────────────────────────────────────────────────────────────────

/** A lock listed in `/proc/locks`: its kind (FLOCK, POSIX, OFDLCK), access, holder and file. */
export interface LockEntry {
  kind: string;
  access: string;
  pid: number;
  /** The file's device as the kernel writes it, "major:minor" in hex (e.g. "fe:00"). */
  device: string;
  inode: number;
}

/**
 * The held locks of `/proc/locks` ("1: FLOCK  ADVISORY  WRITE 4242 fe:00:4243493 0 EOF"); waiting
 * requests ("1: -> FLOCK …") are left out, since they hold nothing.
 */
export function parseProcLocks(text: string): LockEntry[] {
  const entries: LockEntry[] = [];
  for (const line of text.split('\n')) {
    const match = /^\d+:\s+(\w+)\s+\w+\s+(\w+)\s+(-?\d+)\s+([0-9a-f]+:[0-9a-f]+):(\d+)\s/i.exec(line);
    if (match)
      entries.push({ kind: match[1]!, access: match[2]!, pid: Number(match[3]), device: match[4]!.toLowerCase(), inode: Number(match[5]) });
  }
  return entries;
}

/** The "major:minor" hex form of /proc/locks for a `stat().dev` number (Linux's encoding of dev_t). */
export function procLocksDevice(dev: number): string {
  const major = Math.floor(dev / 256) & 0xfff;
  const minor = (dev & 0xff) | (Math.floor(dev / 4096) & 0xfff00);
  return `${major.toString(16).padStart(2, '0')}:${minor.toString(16).padStart(2, '0')}`;
}

/**
 * Whether one of `pids` (this process and its ancestors) holds an flock on the file: then the lock
 * was taken for this run already (`flock <lock> npm run bench …`), and taking it again from a new
 * open of the file would wait for ourselves forever.
 */
export function flockHeldBy(locks: readonly LockEntry[], file: { dev: number; ino: number }, pids: readonly number[]): boolean {
  const device = procLocksDevice(file.dev);
  return locks.some((lock) => lock.kind === 'FLOCK' && lock.device === device && lock.inode === file.ino && pids.includes(lock.pid));
}
