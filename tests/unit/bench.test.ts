/**
 * The pure parts of `npm run bench` (scripts/bench/): process-tree memory from a fake /proc, phase
 * timings from the timer files, the JavaScript a page loads up front, the targets (pass/fail only
 * where a baseline exists), the command line, the build lock held by an ancestor, and the report.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TreeRssSampler, readProcTable, type BuildMeasurement } from '../../scripts/bench/build.ts';
import { BenchError, describeError } from '../../scripts/bench/errors.ts';
import {
  astroTimerPhases,
  flockHeldBy,
  isJavaScriptType,
  lastLines,
  otherCpuSeconds,
  pageScripts,
  pagefindMsFromLog,
  parseCpuBusyTicks,
  parseProcLocks,
  parseStatCpuTicks,
  parseProcStatus,
  procLocksDevice,
  reportedPhases,
  searchWord,
  sitePath,
  staticImports,
  treeRss,
  type ProcEntry,
} from '../../scripts/bench/figures.ts';
import { formatBytes, formatTable } from '../../scripts/bench/format.ts';
import { USAGE, readOptions } from '../../scripts/bench/options.ts';
import { printed, report, type BenchResult } from '../../scripts/bench/report.ts';
import { GB, KB, evaluateTargets } from '../../scripts/bench/targets.ts';

const temporary: string[] = [];
after(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

const status = (ppid: number, rssKb?: number) =>
  `Name:\tnode\nState:\tS (sleeping)\nTgid:\t1\nPPid:\t${ppid}\n${rssKb === undefined ? '' : `VmRSS:\t  ${rssKb} kB\n`}Threads:\t7\n`;

test('parseProcStatus reads the parent pid and VmRSS (kB → bytes); a kernel thread has no RSS', () => {
  assert.deepEqual(parseProcStatus(42, status(7, 2048)), { pid: 42, ppid: 7, rssBytes: 2048 * 1024 });
  assert.deepEqual(parseProcStatus(2, status(0)), { pid: 2, ppid: 0, rssBytes: 0 });
  assert.equal(parseProcStatus(3, 'garbage'), undefined);
});

test('treeRss sums the root and every descendant, not its parent, siblings or unrelated processes', () => {
  const entries: ProcEntry[] = [
    { pid: 1, ppid: 0, rssBytes: 10 },
    { pid: 100, ppid: 1, rssBytes: 1000 }, // the bench
    { pid: 200, ppid: 100, rssBytes: 500 }, // astro
    { pid: 201, ppid: 200, rssBytes: 300 }, // pagefind
    { pid: 202, ppid: 200, rssBytes: 0 }, // a zombie child
    { pid: 300, ppid: 201, rssBytes: 7 }, // grandchild
    { pid: 400, ppid: 100, rssBytes: 9999 }, // a sibling of astro
    { pid: 500, ppid: 1, rssBytes: 4444 },
  ];
  assert.deepEqual(treeRss(entries, 200), { bytes: 807, pids: [200, 201, 202, 300] });
  assert.deepEqual(treeRss(entries, 201), { bytes: 307, pids: [201, 300] });
  assert.deepEqual(treeRss(entries, 999), { bytes: 0, pids: [] }, 'an exited root counts nothing');
  // A pid reused as its own ancestor cannot loop forever.
  assert.deepEqual(
    treeRss(
      [
        { pid: 5, ppid: 6, rssBytes: 1 },
        { pid: 6, ppid: 5, rssBytes: 2 },
      ],
      5,
    ),
    { bytes: 3, pids: [5, 6] },
  );
});

test('readProcTable reads a /proc-like folder, skipping non-pid names and unreadable entries', () => {
  const proc = mkdtempSync(join(tmpdir(), 'bench-proc-'));
  temporary.push(proc);
  const add = (pid: string, text?: string) => {
    mkdirSync(join(proc, pid));
    if (text !== undefined) writeFileSync(join(proc, pid, 'status'), text);
  };
  add('10', status(1, 100));
  add('11', status(10, 50));
  add('12', status(11, 25));
  add('13'); // exited between the listing and the read: no status file
  add('self', status(1, 1));
  writeFileSync(join(proc, 'meminfo'), 'MemTotal: 1 kB\n');
  const table = readProcTable(proc).sort((a, b) => a.pid - b.pid);
  assert.deepEqual(
    table.map((entry) => entry.pid),
    [10, 11, 12],
  );
  assert.equal(treeRss(table, 10).bytes, 175 * 1024);
  assert.equal(treeRss(table, 11).bytes, 75 * 1024);
});

test('TreeRssSampler keeps the largest sum over its samples', () => {
  const snapshots: ProcEntry[][] = [
    [{ pid: 7, ppid: 1, rssBytes: 100 }],
    [
      { pid: 7, ppid: 1, rssBytes: 200 },
      { pid: 8, ppid: 7, rssBytes: 300 },
    ],
    [{ pid: 7, ppid: 1, rssBytes: 250 }],
  ];
  let index = 0;
  const ticks = [{ 7: 10 }, { 7: 20, 8: 40 }, { 7: 30 }] as Record<number, number>[];
  const sampler = new TreeRssSampler(7, { read: () => snapshots[index++]!, readCpuTicks: (pid) => ticks[index - 1]![pid] });
  sampler.sample();
  sampler.sample();
  sampler.sample();
  assert.equal(sampler.peakBytes, 500);
  assert.equal(sampler.peakProcesses, 2);
  assert.equal(sampler.samples, 3);
  assert.equal(sampler.treeCpuTicks, 30 + 40, 'the last ticks seen of each process, the one that vanished (pid 8) included');
});

test('phase timings: Astro objects and Almanac numbers become the reported phases; Pagefind falls back to the log', () => {
  const astro = astroTimerPhases({
    'Total build': { elapsedTime: 61234.6, heapUsedChange: 1, heapUsedTotal: 2 },
    'Sync content layer': { elapsedTime: 4000.4 },
    'Prerender build': { elapsedTime: 20000 },
    'Client build': { elapsedTime: 500 },
    'Static generate': { elapsedTime: 15000 },
    broken: { nothing: true },
  });
  assert.deepEqual(astro, {
    'Total build': 61235,
    'Sync content layer': 4000,
    'Prerender build': 20000,
    'Client build': 500,
    'Static generate': 15000,
  });
  const log =
    '\u001b[2m12:00:01\u001b[22m \u001b[34m[almanac-pagefind]\u001b[39m search index: 1040 pages indexed (of 1400 HTML files) into /tmp/x/pagefind in 9876 ms\n';
  assert.equal(pagefindMsFromLog(log), 9876);
  assert.equal(pagefindMsFromLog('nothing here'), undefined);
  assert.equal(
    pagefindMsFromLog(
      '12:00:01 [almanac-pagefind] search index: 1053 pages indexed (of 1201 HTML pages) into /tmp/d/pagefind; 3548 ms after the pages were built',
    ),
    3548,
  );
  const afterPages = reportedPhases(astro, { 'pagefind (after pages)': 3548 }, log);
  assert.equal(afterPages.phases.pagefind, 3548, 'the streamed index times only its tail after the pages');
  assert.equal(afterPages.pagefindSource, 'timer, after pages');
  const fromLog = reportedPhases(astro, { validation: 800, 'og cards': 3000 }, log);
  assert.deepEqual(fromLog.phases, {
    validation: 800,
    contentSync: 4000,
    bundling: 20500,
    rendering: 15000,
    pagefind: 9876,
    ogCards: 3000,
    totalBuild: 61235,
  });
  assert.equal(fromLog.pagefindSource, 'log');
  const fromTimer = reportedPhases(astro, { validation: 800, pagefind: 5000 }, log);
  assert.equal(fromTimer.phases.pagefind, 5000);
  assert.equal(fromTimer.pagefindSource, 'timer');
  assert.equal(fromTimer.phases.ogCards, null);
  assert.deepEqual(reportedPhases({}, {}).phases, {
    validation: null,
    contentSync: null,
    bundling: null,
    rendering: null,
    pagefind: null,
    ogCards: null,
    totalBuild: null,
  });
});

test('pageScripts counts JavaScript only: inline classic and module scripts, src scripts, modulepreload; not JSON-LD, JSON or comments', () => {
  const html = `<!doctype html><html><head>
    <script type="application/ld+json">{"@type":"Report"}</script>
    <script>document.documentElement.dataset.theme = 'dark';</script>
    <!-- <script>commented out</script> -->
    <link rel="modulepreload" href="/_astro/chunk.js">
    <link rel="stylesheet" href="/_astro/site.css">
    <script type="module" src="/_astro/page.js"></script>
    <script type='text/javascript' src=../theme.js defer></script>
    <script type="application/json" id="search-config">{"facets":[]}</script>
    <script type="module">import "/_astro/inline-dep.js"; go();</script>
    <script></script>
  </head></html>`;
  const scripts = pageScripts(html);
  assert.deepEqual(
    scripts.inline.map((s) => s.body),
    [`document.documentElement.dataset.theme = 'dark';`, 'import "/_astro/inline-dep.js"; go();'],
  );
  assert.deepEqual(scripts.external, [
    { src: '/_astro/page.js', module: true },
    { src: '../theme.js', module: false },
  ]);
  assert.deepEqual(scripts.modulepreload, ['/_astro/chunk.js']);
  assert.ok(
    isJavaScriptType(undefined) && isJavaScriptType('') && isJavaScriptType('Module') && isJavaScriptType('text/javascript; charset=utf-8'),
  );
  assert.ok(!isJavaScriptType('application/ld+json') && !isJavaScriptType('speculationrules') && !isJavaScriptType('text/template'));
});

test('staticImports finds static imports and re-exports in minified code, not dynamic import()', () => {
  const code = `import{a as b}from"./chunk.BX1.js";import"./side.js";export{c}from'./re.js';import * as ns from "./ns.js";const l=()=>import("./lazy.js");`;
  assert.deepEqual(staticImports(code), ['./chunk.BX1.js', './side.js', './re.js', './ns.js']);
  assert.deepEqual(staticImports('const important = "x"; console.log("import from nowhere")'), []);
});

test('sitePath resolves script URLs against the page and leaves other origins out', () => {
  assert.equal(sitePath('/postmortems/a/', '/_astro/page.js'), '/_astro/page.js');
  assert.equal(sitePath('/postmortems/a/', '../../x.js'), '/x.js');
  assert.equal(sitePath('/_astro/page.js', './chunk.js'), '/_astro/chunk.js');
  assert.equal(sitePath('/postmortems/a/', 'https://cdn.example.com/x.js'), undefined);
});

test('targets: pass/fail where a baseline exists (1000, 3000); "no baseline" elsewhere, nothing interpolated', () => {
  const at1000 = evaluateTargets(1000, { coldSeconds: 17.9, peakRssBytes: 1.37 * GB, rebuildSeconds: 10.5, jsBytes: 3 * KB });
  assert.deepEqual(
    at1000.map((t) => [t.figure, t.pass]),
    [
      ['cold build', true],
      ['peak RSS (cold)', true],
      ['rebuild after one change', true],
      ['JS up front (postmortem page)', true],
    ],
  );
  const over = evaluateTargets(1000, { coldSeconds: 18, peakRssBytes: 1.38 * GB, rebuildSeconds: 10.6, jsBytes: 3 * KB + 1 });
  assert.deepEqual(
    over.map((t) => t.pass),
    [false, false, false, false],
  );
  const at3000 = evaluateTargets(3000, { coldSeconds: 40, peakRssBytes: 2 * GB, rebuildSeconds: 30, jsBytes: 1000 });
  assert.deepEqual(
    at3000.map((t) => t.pass),
    [true, true, null, true],
    'the baseline has no rebuild figure at 3000 docs',
  );
  assert.equal(at3000[2]!.baseline, 'no baseline');
  const at200 = evaluateTargets(200, { coldSeconds: 5, peakRssBytes: GB, rebuildSeconds: 4, jsBytes: 5000 });
  assert.deepEqual(
    at200.map((t) => t.pass),
    [null, null, null, false],
    'JS has a target at any N',
  );
  assert.ok(at200.slice(0, 3).every((t) => t.baseline === 'no baseline' && t.target === '—'));
  const at10000 = evaluateTargets(10_000, { coldSeconds: 300, peakRssBytes: 7.9 * GB, rebuildSeconds: 100, jsBytes: 0 });
  assert.deepEqual(
    at10000.map((t) => t.pass),
    [null, true, null, true],
    '10,000 docs: under 8 GB',
  );
});

test('formatTable pads columns, right-aligns numbers, and handles wide characters by code point', () => {
  const table = formatTable(
    ['figure', 'value', 'result'],
    [
      ['cold build', '17.9 s', 'PASS'],
      ['peak RSS', '1.83 GB', 'no baseline'],
      ['rebuild', '9 s', '≤ 10.5 s'],
    ],
  );
  assert.equal(
    table,
    [
      'figure      value    result',
      '──────────  ───────  ───────────',
      'cold build   17.9 s  PASS',
      'peak RSS    1.83 GB  no baseline',
      'rebuild         9 s  ≤ 10.5 s',
    ].join('\n'),
  );
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(2048), '2.0 KB');
  assert.equal(formatBytes(5 * 1024 * 1024), '5.0 MB');
  assert.equal(formatBytes(1.5 * GB), '1.50 GB');
});

test('searchWord picks the rarest title word of five letters or more', () => {
  const titles = [
    'Timeouts in Checkout API after a retry storm',
    'Timeouts in Payments Gateway after a retry storm',
    'Replica lag in Checkout API after a schema migration',
  ];
  // "after" is in all three titles; "timeouts", "checkout", "retry", "storm" in two: the first of those wins.
  assert.equal(searchWord(titles[0]!, titles), 'timeouts');
  assert.equal(searchWord(titles[2]!, titles), 'replica');
  assert.equal(searchWord('Disk saturation in Order Store', [...titles, 'Disk saturation in Order Store']), 'saturation');
  assert.throws(() => searchWord('A B C', titles), /no word/);
});

test('CPU used by other processes: machine busy ticks minus the bench and its reaped build tree', () => {
  assert.equal(parseCpuBusyTicks('cpu  1000 10 300 9000 50 0 20 5 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1\n'), 1000 + 10 + 300 + 20 + 5);
  const stat = '4242 (node (astro) x) S 1 4242 4242 0 -1 4194304 99 0 0 0 150 50 700 100 20 0 11 0 305600 3133440 389';
  assert.deepEqual(parseStatCpuTicks(stat), { self: 200, children: 800 });
  const before = { machine: 10_000, bench: { self: 100, children: 0 } };
  const after = { machine: 14_000, bench: { self: 150, children: 3_000 } };
  assert.equal(otherCpuSeconds(before, after, 100), 9.5, '4000 busy ticks − 3050 of ours = 950 ticks = 9.5 s');
  assert.equal(otherCpuSeconds(before, { machine: 10_100, bench: { self: 150, children: 200 } }), 0, 'never negative (ticks are sampled)');
  // A child killed and never reaped (Pagefind's service) is missing from cutime but was sampled.
  assert.equal(otherCpuSeconds(before, after, 100, 3_800), 1.5, '4000 − (50 + max(3000 reaped, 3800 sampled)) = 150 ticks');
  assert.equal(otherCpuSeconds(before, after, 100, 1_000), 9.5, 'the reaped figure wins when it is larger');
});

test('the command line: every flag of the usage, defaults, --help, and what is refused', () => {
  assert.deepEqual(readOptions(['--docs', '200', '--skip-first-search']), {
    docs: 200,
    seed: 1,
    json: false,
    keep: false,
    skipFirstSearch: true,
    skipDev: false,
    verbose: false,
  });
  assert.deepEqual(readOptions(['--docs=3000', '--json', '--keep', '--skip-first-search', '--skip-dev', '--seed', '7', '--verbose']), {
    docs: 3000,
    seed: 7,
    json: true,
    keep: true,
    skipFirstSearch: true,
    skipDev: true,
    verbose: true,
  });
  assert.equal(readOptions(['--help']), 'help');
  assert.equal(readOptions(['-h']), 'help', 'help needs no --docs');
  for (const flag of ['--docs', '--json', '--keep', '--skip-first-search', '--skip-dev', '--seed', '--verbose'])
    assert.ok(USAGE.includes(`  ${flag}`), `the usage explains ${flag}`);
  for (const docs of [[], ['--docs', '0'], ['--docs', '1.5'], ['--docs', 'many']]) {
    assert.throws(
      () => readOptions(docs),
      (error: unknown) =>
        error instanceof BenchError &&
        /^--docs must be a whole number of postmortems, at least 1 \(got (nothing|0|1\.5|many)\)/.test(error.message),
    );
  }
  assert.throws(() => readOptions(['--docs', '10', '--seed', 'x']), /--seed must be a whole number \(got x\)/);
  assert.throws(() => readOptions(['--docs', '10', '--fast']), /Unknown option '--fast'/);
});

test('the end of a log: the last lines, colours stripped, trailing blank lines dropped', () => {
  const log = ['one', '\u001b[32mtwo\u001b[39m', 'three', 'four', '', ''].join('\n');
  assert.equal(lastLines(log, 2), 'three\nfour');
  assert.equal(lastLines(log), 'one\ntwo\nthree\nfour');
  assert.equal(lastLines(''), '');
});

test('describeError: the message, its causes and the log tail of a bench error; the stack of an unexpected one', () => {
  const failure = new BenchError('cold build failed (exit code 1) after 3.0 s', {
    cause: 'a string cause',
    logTail: 'last line of the log',
  });
  assert.equal(
    describeError(failure),
    'cold build failed (exit code 1) after 3.0 s\n── end of the log ──\nlast line of the log\na string cause',
  );
  const nested = new BenchError('could not start astro', { cause: new Error('ENOENT') });
  const text = describeError(nested);
  assert.ok(text.startsWith('could not start astro\ncaused by: Error: ENOENT\n'), text);
  const bug = new TypeError('x is undefined');
  assert.ok(describeError(bug).startsWith('x is undefined\nTypeError: x is undefined\n    at '), 'a bug in the bench shows where');
});

test('the build lock: flock holders of /proc/locks, matched by device, inode and an ancestor pid', () => {
  const locks = parseProcLocks(
    [
      '1: FLOCK  ADVISORY  WRITE 21429 fe:00:4243493 0 EOF',
      '1: -> FLOCK  ADVISORY  WRITE 21500 fe:00:4243493 0 EOF',
      '2: POSIX  ADVISORY  WRITE 900 fe:00:77 0 EOF',
      '3: OFDLCK ADVISORY  READ  -1 08:01:12 0 EOF',
      '',
    ].join('\n'),
  );
  assert.deepEqual(
    locks,
    [
      { kind: 'FLOCK', access: 'WRITE', pid: 21429, device: 'fe:00', inode: 4243493 },
      { kind: 'POSIX', access: 'WRITE', pid: 900, device: 'fe:00', inode: 77 },
      { kind: 'OFDLCK', access: 'READ', pid: -1, device: '08:01', inode: 12 },
    ],
    'a waiting request ("->") holds nothing',
  );
  // Linux dev_t: minor's low byte, major << 8, minor's high bits << 12.
  assert.equal(procLocksDevice(0xfe00), 'fe:00');
  assert.equal(procLocksDevice(8 * 256 + 1), '08:01');
  assert.equal(procLocksDevice((300 & 0xff) + 259 * 256 + (300 & ~0xff) * 4096), '103:12c');
  const file = { dev: 0xfe00, ino: 4243493 };
  assert.equal(flockHeldBy(locks, file, [21430, 21429, 1]), true, 'flock(1) around npm is an ancestor of the bench');
  assert.equal(flockHeldBy(locks, file, [21500, 1]), false, 'another build holds it: wait');
  assert.equal(flockHeldBy(locks, { dev: 0xfe00, ino: 77 }, [900]), false, 'a POSIX lock is not the flock the builds share');
  assert.equal(flockHeldBy(locks, { dev: 0x801, ino: 4243493 }, [21429]), false, 'same inode on another device');
});

const build = (label: string, wallSeconds: number, otherCpu: number): BuildMeasurement => ({
  label,
  wallSeconds,
  peakRssBytes: 1.5 * GB,
  peakProcesses: 4,
  rssSamples: 120,
  phases: { validation: 1000, contentSync: 1900, bundling: 1700, rendering: 3800, pagefind: 1300, ogCards: 9100, totalBuild: 10_000 },
  pagefindPhaseSource: 'timer',
  astroTimer: { 'Total build': 10_000, 'New phase': 2500 },
  almanacTimer: { validation: 1000 },
  ogCards: { total: 307, rendered: 307, cached: 0 },
  pages: 321,
  loadAverageBefore: 0.5,
  otherCpuSeconds: otherCpu,
});

function result(overrides: Partial<BenchResult> = {}): BenchResult {
  return {
    inputs: {
      docs: 200,
      seed: 1,
      date: '2026-11-30T14:00:00.000Z',
      asOf: '2026-11-28T12:00:00Z',
      cores: 2,
      cpu: 'AMD EPYC',
      memoryBytes: 23.5 * GB,
      node: 'v24.21.0',
      astro: '7.3.5',
      commit: 'abc1234',
      uncommittedChanges: false,
      sourceChangedDuringRun: false,
      audience: 'internal',
    },
    corpus: {
      postmortems: 200,
      releases: 20,
      slos: 31,
      services: 16,
      teams: 6,
      words: { min: 800, max: 1500, mean: 1195 },
      files: 273,
      seconds: 0.5,
    },
    cold: build('cold', 12.8, 0.4),
    rebuild: { ...build('rebuild', 7.5, 0.2), changedFile: 'postmortems/a.mdx' },
    output: { distBytes: 26.5 * KB * KB, distFiles: 961, pagefindBytes: 2 * KB * KB, pagefindFiles: 320, htmlPages: 321 },
    js: {
      page: '/postmortems/a/',
      bytes: 1442,
      gzipBytes: 877,
      inlineBytes: 1442,
      externalBytes: 0,
      files: [],
      offsite: [],
      pagesExamined: 200,
      minBytes: 1442,
    },
    firstSearch: { skipped: true },
    dev: { startupSeconds: 9.5, editToPageMs: 380, edits: [350, 420, 380], page: '/postmortems/a/' },
    baseline: null,
    targets: evaluateTargets(200, { coldSeconds: 12.8, peakRssBytes: 1.5 * GB, rebuildSeconds: 7.5, jsBytes: 1442 }),
    ...overrides,
  };
}

test('the report: the astro dev line, skipped steps, phases as recorded, no baseline at 200 docs, the note on a busy machine', () => {
  const text = report(result());
  const line = (start: string) => text.split('\n').find((l) => l.startsWith(start));
  assert.match(
    line('astro dev: edit → page shows it') ?? '',
    /^astro dev: edit → page shows it\s+0\.4 s median of 3 title edits \(350 ms, 420 ms, 380 ms\); started in 9\.5 s$/,
  );
  assert.match(line('first search') ?? '', /^first search\s+skipped \(--skip-first-search\)$/);
  assert.match(
    line('"New phase" (as recorded)') ?? '',
    /^"New phase" \(as recorded\)\s+2\.5 s\s+2\.5 s$/,
    'an unknown timer key is shown as recorded',
  );
  assert.match(line('outside Astro') ?? '', /^outside Astro's timer \(startup\)\s+2\.8 s\s+0\.0 s$/, '12.8 s wall − 10.0 s Astro total');
  assert.match(line('JS up front, postmortem page') ?? '', /1442 B \(877 B gzipped\): 1442 B inline \+ 0 B in 0 files$/);
  assert.ok(text.includes('No baseline for 200 docs (the baseline covers 1000 and 3000; nothing is interpolated).'));
  assert.ok(!text.includes('Note: other processes'), '0.4 CPU-s of 2 × 12.8 s is under 5%');
  assert.ok(!text.includes('kept:'));
  const skipped = report(result({ dev: { skipped: true }, cold: build('cold', 10, 2), workDir: '/tmp/almanac-bench-200-x' }));
  assert.match(skipped.split('\n').find((l) => l.startsWith('astro dev')) ?? '', /skipped \(--skip-dev\)$/);
  assert.ok(
    skipped.includes(
      'Note: other processes used 2 CPU-s during the cold build (10% of the machine) and 0.2 CPU-s during the rebuild build (1% of the machine); times are inflated.',
    ),
  );
  assert.ok(skipped.endsWith('kept: /tmp/almanac-bench-200-x (content/, dist/, cache/, logs/)'));
  assert.deepEqual(JSON.parse(printed(result(), true)), JSON.parse(JSON.stringify(result())), '--json prints the whole result');
  assert.ok(
    printed(result(), false).endsWith('\n') &&
      printed(result(), false).startsWith('Almanac bench: 200 postmortems (+ 20 releases, 31 SLOs, 16 services, 6 teams; seed 1)\n'),
  );
});
