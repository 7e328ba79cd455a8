/**
 * The pure parts of `npm run bench` (scripts/bench/): process-tree memory from a fake /proc, phase
 * timings from the timer files, the JavaScript a page loads up front, the targets (against Starlight
 * measured in the same run, "not measured" without it), the order and medians of alternating runs,
 * the Starlight docs made from the corpus, the command line, the build lock held by an ancestor,
 * and the report.
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
  buildCpuSeconds,
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
import { printed, report, summarise, type BenchResult } from '../../scripts/bench/report.ts';
import { buildOrder, changeSentence, median, medianIndex, previousRun } from '../../scripts/bench/runs.ts';
import { starlightDoc, starlightSiteEnv } from '../../scripts/bench/starlight.ts';
import { GB, KB, evaluateTargets, msPerDoc, type Measured } from '../../scripts/bench/targets.ts';

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
  assert.equal(
    pagefindMsFromLog('15:14:53 [starlight:pagefind] Finished building search index in 4.33s.\n'),
    4330,
    "Starlight's own Pagefind line",
  );
  assert.equal(pagefindMsFromLog('[starlight:pagefind] Finished building search index in 450ms.'), 450, 'Starlight prints ms under 750 ms');
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

const measured = (overrides: Partial<Measured> = {}): Measured => ({
  docs: 1000,
  coldSeconds: 20,
  rebuildSeconds: 6,
  peakRssBytes: 1.3 * GB,
  jsBytes: 2902,
  firstSearchBytes: 196.4 * KB,
  ...overrides,
});
const statuses = (results: ReturnType<typeof evaluateTargets>) => results.map((t) => [t.figure, t.status]);

test('targets at 1000 docs: ratios to Starlight measured in the same run, first search, JS; "not measured" without a baseline', () => {
  // Limits: cold ≤ 1.0 × 20 s = 20 s; rebuild ≤ 0.3 × 20 s = 6 s; first search ≤ 200 KB; JS ≤ 3072 B.
  const atLimits = evaluateTargets(measured({ firstSearchBytes: 200 * KB, jsBytes: 3 * KB }), { coldSeconds: 20, rebuildSeconds: 20 });
  assert.deepEqual(statuses(atLimits), [
    ['cold build / Starlight', 'PASS'],
    ['rebuild after one change / Starlight', 'PASS'],
    ['first search', 'PASS'],
    ['JS up front (postmortem page)', 'PASS'],
    ['memory flat in the number of cards', 'not measured'],
  ]);
  assert.deepEqual(atLimits[0], {
    figure: 'cold build / Starlight',
    measured: '1.00× (20.0 s)',
    baseline: '20.0 s',
    target: '≤ 1.00×',
    status: 'PASS',
  });
  assert.equal(atLimits[1]!.measured, '0.30× (6.0 s)', '6 s / 20 s');
  assert.equal(atLimits[1]!.target, '≤ 0.30×');
  const over = evaluateTargets(measured({ coldSeconds: 20.1, rebuildSeconds: 6.1, firstSearchBytes: 200 * KB + 1, jsBytes: 3 * KB + 1 }), {
    coldSeconds: 20,
    rebuildSeconds: 20,
  });
  assert.deepEqual(
    over.slice(0, 4).map((t) => t.status),
    ['FAIL', 'FAIL', 'FAIL', 'FAIL'],
  );
  assert.equal(over[1]!.measured, '0.30× (6.1 s)', '6.1 / 20 = 0.305 rounds to 0.30× in print, and still fails');
  const skipped = evaluateTargets(measured({ firstSearchBytes: null }), null);
  assert.deepEqual(statuses(skipped).slice(0, 3), [
    ['cold build / Starlight', 'not measured'],
    ['rebuild after one change / Starlight', 'not measured'],
    ['first search', 'not measured'],
  ]);
  assert.equal(skipped[0]!.measured, '20.0 s / not measured');
  assert.equal(skipped[0]!.baseline, 'not measured', 'never a hand-typed figure');
});

test('targets at 3000, 10,000 and other N: ratios at 3000, absolute limits and the per-doc comparison at 10,000, none interpolated', () => {
  const at3000 = evaluateTargets(measured({ docs: 3000, coldSeconds: 60, rebuildSeconds: 20 }), { coldSeconds: 50, rebuildSeconds: 40 });
  assert.deepEqual(statuses(at3000), [
    ['cold build / Starlight', 'FAIL'],
    ['rebuild after one change / Starlight', 'FAIL'],
    ['JS up front (postmortem page)', 'PASS'],
    ['memory flat in the number of cards', 'not measured'],
  ]);
  assert.equal(at3000[0]!.measured, '1.20× (60.0 s)', '60 / 50');
  assert.equal(at3000[1]!.measured, '0.50× (20.0 s)', '20 / 40 > 0.3');

  // 10,000 docs: peak ≤ 4 GiB, rebuild ≤ 30 s, first search ≤ 300 KB, cold ms/doc ≤ 1.1 × the 1000-doc figure.
  const large = measured({ docs: 10_000, coldSeconds: 230, rebuildSeconds: 30, peakRssBytes: 4 * GB, firstSearchBytes: 300 * KB });
  const at10000 = evaluateTargets(large, null, { docs: 1000, coldMsPerDoc: 21 });
  assert.deepEqual(statuses(at10000), [
    ['cold peak RSS (process tree)', 'PASS'],
    ['rebuild after one change', 'PASS'],
    ['cold time per postmortem', 'PASS'],
    ['first search', 'PASS'],
    ['JS up front (postmortem page)', 'PASS'],
    ['memory flat in the number of cards', 'not measured'],
  ]);
  assert.equal(at10000[2]!.measured, '23.00 ms (1.10×)', '230 s / 10,000 = 23 ms; 23 / 21 = 1.095');
  assert.equal(at10000[2]!.baseline, '21.00 ms at 1000 docs');
  const slower = evaluateTargets(
    { ...large, coldSeconds: 232, rebuildSeconds: 30.1, peakRssBytes: 4 * GB + 1, firstSearchBytes: 300 * KB + 1 },
    null,
    { docs: 1000, coldMsPerDoc: 21 },
  );
  assert.deepEqual(
    slower.slice(0, 4).map((t) => t.status),
    ['FAIL', 'FAIL', 'FAIL', 'FAIL'],
    '23.2 / 21 = 1.105 > 1.1',
  );
  assert.equal(evaluateTargets(large, null)[2]!.status, 'not measured', 'no earlier run to compare with');

  const at200 = evaluateTargets(measured({ docs: 200, coldSeconds: 10, rebuildSeconds: 4 }), { coldSeconds: 8, rebuildSeconds: 8 });
  assert.deepEqual(statuses(at200), [
    ['cold build / Starlight', 'no target'],
    ['rebuild after one change / Starlight', 'no target'],
    ['JS up front (postmortem page)', 'PASS'],
    ['memory flat in the number of cards', 'not measured'],
  ]);
  assert.equal(at200[0]!.measured, '1.25× (10.0 s)', 'the ratio is still shown');
  assert.deepEqual(
    evaluateTargets(measured({ docs: 200 }), null).map((t) => t.figure),
    ['JS up front (postmortem page)', 'memory flat in the number of cards'],
    'no ratio row at an N without a ratio target when Starlight was not built',
  );
  const compared = evaluateTargets(measured({ docs: 3000, coldSeconds: 66 }), null, { docs: 1000, coldMsPerDoc: 20 });
  assert.equal(compared.find((t) => t.figure === 'cold time per postmortem')?.status, 'PASS', '22 ms / 20 ms = 1.1');
  assert.equal(msPerDoc(21.2, 1000), 21.2);
  assert.equal(msPerDoc(100, 3000), 33.33);
});

test('--compare-with reads the cold time per postmortem of an earlier bench JSON, or derives it from an older one', () => {
  assert.deepEqual(previousRun({ inputs: { docs: 1000 }, perDoc: { coldMsPerDoc: 21.2 }, cold: { wallSeconds: 99 } }, 'a.json'), {
    docs: 1000,
    coldMsPerDoc: 21.2,
  });
  assert.deepEqual(previousRun({ inputs: { docs: 1000 }, cold: { wallSeconds: 21.2 } }, 'old.json'), { docs: 1000, coldMsPerDoc: 21.2 });
  assert.throws(() => previousRun({ docs: 1000 }, 'x.json'), /x\.json is not a bench JSON: it has no inputs\.docs/);
  assert.throws(() => previousRun({ inputs: { docs: 10 } }, 'y.json'), /neither perDoc\.coldMsPerDoc nor cold\.wallSeconds/);
  assert.throws(() => previousRun(null, 'z.json'), BenchError);
});

test('a generated postmortem as a Starlight doc: title and summary as description, the body unchanged, .md for plain Markdown', () => {
  const source = [
    '---',
    'title: "Cache stampede: Auth Service"',
    'summary: Logins failed for 12 minutes.',
    'severity: SEV2',
    'services:',
    '  - auth-service',
    'timeline:',
    '  started: 2024-01-31T22:12:00Z',
    '---',
    '',
    '## Summary',
    '',
    'The cache emptied at once.',
    '',
  ].join('\n');
  assert.deepEqual(starlightDoc(source), {
    extension: 'md',
    text: [
      '---',
      'title: "Cache stampede: Auth Service"',
      'description: Logins failed for 12 minutes.',
      '---',
      '',
      '## Summary',
      '',
      'The cache emptied at once.',
      '',
    ].join('\n'),
  });
  assert.equal(starlightDoc('---\ntitle: A\n---\n\n<Callout>hi</Callout>\n').extension, 'mdx', 'a body that uses MDX stays MDX');
  assert.equal(starlightDoc('---\ntitle: A\n---\nText.\n').text, '---\ntitle: A\n---\nText.\n', 'no summary, no description');
  assert.throws(() => starlightDoc('No frontmatter', 'x.mdx'), /x\.mdx has no frontmatter to convert for Starlight/);
  assert.throws(() => starlightDoc('---\nsummary: S\n---\nText\n', 'y.mdx'), /y\.mdx has no title to give Starlight/);
});

test("the Starlight site's title and URL are the generated handbook's", () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-starlight-'));
  temporary.push(dir);
  writeFileSync(join(dir, 'almanac.yaml'), 'name: Generated handbook (10 postmortems)\nurl: https://corpus.example.com\n');
  assert.deepEqual(starlightSiteEnv(dir), {
    BENCH_SITE_TITLE: 'Generated handbook (10 postmortems)',
    BENCH_SITE_URL: 'https://corpus.example.com',
  });
  writeFileSync(join(dir, 'almanac.yaml'), 'description: no name or url\n');
  assert.deepEqual(starlightSiteEnv(dir), { BENCH_SITE_TITLE: '', BENCH_SITE_URL: '' }, "the config's fallbacks apply");
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
  // The build's own CPU: the same tree ticks, without the bench's own or the machine's.
  assert.equal(buildCpuSeconds(before, after, 100), 30, '3000 reaped ticks = 30 s');
  assert.equal(buildCpuSeconds(before, after, 100, 3_800), 38, 'max(3000 reaped, 3800 sampled) = 38 s');
  assert.equal(buildCpuSeconds(before, after, 250), 12, 'at 250 ticks a second');
});

test('the command line: every flag of the usage, defaults, --help, and what is refused', () => {
  const defaults = {
    docs: 200,
    runs: 1,
    baseline: 'starlight',
    compareWith: undefined,
    seed: 1,
    json: false,
    keep: false,
    skipFirstSearch: true,
    skipDev: false,
    verbose: false,
  };
  assert.deepEqual(readOptions(['--docs', '200', '--skip-first-search']), defaults, 'Starlight is measured unless told not to');
  assert.deepEqual(
    readOptions([
      '--docs=3000',
      '--runs',
      '3',
      '--baseline',
      'none',
      '--compare-with',
      'bench-1000.json',
      '--json',
      '--keep',
      '--skip-first-search',
      '--skip-dev',
      '--seed',
      '7',
      '--verbose',
    ]),
    {
      docs: 3000,
      runs: 3,
      baseline: 'none',
      compareWith: 'bench-1000.json',
      seed: 7,
      json: true,
      keep: true,
      skipFirstSearch: true,
      skipDev: true,
      verbose: true,
    },
  );
  assert.equal((readOptions(['--docs', '10', '--skip-baseline']) as { baseline: string }).baseline, 'none');
  assert.equal((readOptions(['--docs', '10', '--baseline', 'starlight']) as { baseline: string }).baseline, 'starlight');
  assert.equal(readOptions(['--help']), 'help');
  assert.equal(readOptions(['-h']), 'help', 'help needs no --docs');
  for (const flag of [
    '--docs',
    '--runs',
    '--baseline',
    '--skip-baseline',
    '--compare-with',
    '--json',
    '--keep',
    '--skip-first-search',
    '--skip-dev',
    '--seed',
    '--verbose',
  ])
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
  for (const runs of ['0', '2.5', 'x'])
    assert.throws(() => readOptions(['--docs', '10', '--runs', runs]), /--runs must be a whole number, at least 1/);
  assert.throws(() => readOptions(['--docs', '10', '--baseline', 'hugo']), /--baseline must be one of starlight, none \(got hugo\)/);
  assert.throws(() => readOptions(['--docs', '10', '--baseline', 'starlight', '--skip-baseline']), /contradict each other/);
  assert.throws(() => readOptions(['--docs', '10', '--compare-with', '']), /--compare-with needs the path/);
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

/** A build measurement named like the bench names them: `<site>-<kind>-<run>`. */
const build = (label: string, wallSeconds: number, otherCpu: number): BuildMeasurement => {
  const [site, kind, run] = label.split('-') as ['almanac' | 'starlight', 'cold' | 'rebuild', string];
  const starlight = site === 'starlight';
  return {
    label,
    site,
    kind,
    run: Number(run),
    wallSeconds,
    peakRssBytes: 1.5 * GB,
    peakProcesses: 4,
    rssSamples: 120,
    phases: {
      validation: starlight ? null : 1000,
      contentSync: 1900,
      bundling: 1700,
      rendering: 3800,
      pagefind: 1300,
      ogCards: starlight ? null : 9100,
      totalBuild: 10_000,
    },
    pagefindPhaseSource: starlight ? 'log' : 'timer',
    astroTimer: { 'Total build': 10_000, ...(starlight ? {} : { 'New phase': 2500 }) },
    almanacTimer: starlight ? {} : { validation: 1000 },
    ...(starlight ? {} : { ogCards: { total: 307, rendered: kind === 'cold' ? 307 : 0, cached: kind === 'cold' ? 0 : 307 } }),
    pages: starlight ? 201 : 321,
    loadAverageBefore: 0.5,
    cpuSeconds: starlight ? 20 : 31,
    otherCpuSeconds: otherCpu,
  };
};

const output = (distBytes: number, htmlPages: number) => ({
  distBytes,
  distFiles: 961,
  pagefindBytes: 2 * KB * KB,
  pagefindFiles: 320,
  htmlPages,
});
const js = (bytes: number) => ({
  page: '/postmortems/a/',
  bytes,
  gzipBytes: 877,
  inlineBytes: bytes,
  externalBytes: 0,
  files: [],
  offsite: [],
  pagesExamined: 200,
  minBytes: bytes,
});

/** A run at 200 docs without Starlight, as `--baseline none` gives it; `withStarlight` adds a two-run baseline. */
function result(overrides: Partial<BenchResult> = {}, withStarlight = false): BenchResult {
  const builds = [build('almanac-cold-1', 12.8, 0.4), build('almanac-rebuild-1', 7.5, 0.2)];
  if (withStarlight)
    builds.splice(
      0,
      2,
      build('almanac-cold-1', 12.8, 0.4),
      build('starlight-cold-1', 16, 0.1),
      build('almanac-cold-2', 11.2, 0.1),
      build('starlight-cold-2', 15, 0.1),
      build('almanac-rebuild-1', 7.5, 0.2),
      build('starlight-rebuild-1', 15, 0.1),
      build('almanac-rebuild-2', 6.5, 0.1),
      build('starlight-rebuild-2', 14, 0.1),
    );
  const almanac = summarise(builds, 'almanac');
  const starlight = withStarlight ? { ...summarise(builds, 'starlight'), output: output(100 * KB * KB, 201), js: js(15_863) } : null;
  const baseline = starlight ? { coldSeconds: starlight.cold.wallSeconds, rebuildSeconds: starlight.rebuild.wallSeconds } : null;
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
    runs: withStarlight ? 2 : 1,
    cold: almanac.coldRun,
    rebuild: { ...almanac.rebuildRun, changedFile: 'postmortems/a.mdx' },
    almanac: { cold: almanac.cold, rebuild: almanac.rebuild },
    starlight,
    builds,
    perDoc: { coldMsPerDoc: msPerDoc(almanac.cold.wallSeconds, 200), rebuildMsPerDoc: msPerDoc(almanac.rebuild.wallSeconds, 200) },
    comparedWith: null,
    output: output(26.5 * KB * KB, 321),
    js: js(1442),
    firstSearch: { skipped: true },
    dev: { startupSeconds: 9.5, editToPageMs: 380, edits: [350, 420, 380], page: '/postmortems/a/' },
    baseline,
    targets: evaluateTargets(
      {
        docs: 200,
        coldSeconds: almanac.cold.wallSeconds,
        rebuildSeconds: almanac.rebuild.wallSeconds,
        peakRssBytes: almanac.cold.peakRssBytes,
        jsBytes: 1442,
        firstSearchBytes: null,
      },
      baseline,
    ),
    ...overrides,
  };
}

test('the report: every build in order, the astro dev line, skipped steps, phases as recorded, Starlight not measured, the busy note', () => {
  const text = report(result());
  const line = (start: string, from = text) => from.split('\n').find((l) => l.startsWith(start));
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
  assert.match(line('JS up front, postmortem page  ') ?? '', /^JS up front, postmortem page\s+1\.4 KB\s+not measured\s+—$/);
  assert.match(line('JS up front, postmortem page ') ?? '', /^JS up front, postmortem page\s+1\.4 KB/);
  assert.ok(text.includes('Starlight not measured (--baseline none)'));
  assert.match(line('cold build (--force') ?? '', /^cold build \(--force, every cache empty\)\s+12\.8 s\s+not measured\s+—$/);
  assert.match(line('cold build CPU') ?? '', /^cold build CPU \(tree, every core\)\s+31\.0 CPU-s\s+not measured\s+—$/);
  assert.match(
    line('time per postmortem') ?? '',
    /^time per postmortem \(median\)\s+cold 64\.00 ms, rebuild 37\.50 ms$/,
    '12.8 s / 200, 7.5 s / 200',
  );
  assert.deepEqual(
    text
      .split('\n')
      .filter((l) => /^Almanac (cold|rebuild) \d/.test(l))
      .map((l) =>
        l
          .split(/\s{2,}/)
          .slice(0, 2)
          .join(' | '),
      ),
    ['Almanac cold 1 | 12.8 s', 'Almanac rebuild 1 | 7.5 s'],
  );
  assert.ok(!text.includes('Note: other processes'), '0.4 CPU-s of 2 × 12.8 s is under 5%');
  assert.ok(!text.includes('kept:'));
  const busyBuilds = [build('almanac-cold-1', 10, 2), build('almanac-rebuild-1', 7.5, 0.2)];
  const skipped = report(result({ dev: { skipped: true }, builds: busyBuilds, workDir: '/tmp/almanac-bench-200-x' }));
  assert.match(skipped.split('\n').find((l) => l.startsWith('astro dev')) ?? '', /skipped \(--skip-dev\)$/);
  assert.ok(
    skipped.includes('Note: other processes used 2 CPU-s during Almanac cold 1 (10% of the machine); those times are inflated.'),
    '2 CPU-s of 2 × 10 s; the rebuild (0.2 of 15, 1%) is not named',
  );
  assert.ok(skipped.endsWith('kept: /tmp/almanac-bench-200-x (content/, dist/, starlight-dist/, cache/, logs/)'));
  assert.deepEqual(JSON.parse(printed(result(), true)), JSON.parse(JSON.stringify(result())), '--json prints the whole result');
  assert.ok(
    printed(result(), false).endsWith('\n') &&
      printed(result(), false).startsWith('Almanac bench: 200 postmortems (+ 20 releases, 31 SLOs, 16 services, 6 teams; seed 1)\n'),
  );
});

test("the report with Starlight: builds alternate, medians and ratios, both sites' phases, the targets with the baseline of this run", () => {
  const text = report(result({}, true));
  const line = (start: string) => text.split('\n').find((l) => l.startsWith(start));
  assert.ok(text.includes('2 cold build(s) and 2 rebuild(s) per site, alternating Almanac and Starlight'));
  assert.deepEqual(
    text
      .split('\n')
      .filter((l) => /^(Almanac|Starlight) (cold|rebuild) \d/.test(l))
      .map((l) =>
        l
          .split(/\s{2,}/)
          .slice(0, 2)
          .join(' | '),
      ),
    [
      'Almanac cold 1 | 12.8 s',
      'Starlight cold 1 | 16.0 s',
      'Almanac cold 2 | 11.2 s',
      'Starlight cold 2 | 15.0 s',
      'Almanac rebuild 1 | 7.5 s',
      'Starlight rebuild 1 | 15.0 s',
      'Almanac rebuild 2 | 6.5 s',
      'Starlight rebuild 2 | 14.0 s',
    ],
  );
  // Medians: Almanac cold (12.8 + 11.2) / 2 = 12.0 s, Starlight (16 + 15) / 2 = 15.5 s: 0.77×; rebuild 7.0 / 14.5 = 0.48×.
  assert.match(line('cold build (--force') ?? '', /^cold build \(--force, every cache empty\)\s+12\.0 s\s+15\.5 s\s+0\.77×$/);
  assert.match(line('rebuild (1 postmortem changed)') ?? '', /^rebuild \(1 postmortem changed\)\s+7\.0 s\s+14\.5 s\s+0\.48×$/);
  // CPU: 31 CPU-s a build against Starlight's 20 (the fixture's figures): 1.55×.
  assert.match(line('cold build CPU') ?? '', /^cold build CPU \(tree, every core\)\s+31\.0 CPU-s\s+20\.0 CPU-s\s+1\.55×$/);
  assert.match(line('HTML pages') ?? '', /^HTML pages\s+321\s+201\s+1\.60×$/);
  assert.match(line('JS up front, postmortem page  ') ?? '', /^JS up front, postmortem page\s+1\.4 KB\s+15\.5 KB\s+0\.09×$/);
  assert.match(line('phase of the median runs') ?? '', /Almanac cold\s+rebuild\s+Starlight cold\s+rebuild$/);
  assert.match(line('validation') ?? '', /^validation\s+1\.0 s\s+1\.0 s\s+—\s+—$/, 'Starlight has no validation pass');
  assert.match(line('Pagefind  ') ?? '', /^Pagefind\s+1\.3 s\s+1\.3 s\s+1\.3 s \(from log\)\s+1\.3 s \(from log\)$/);
  assert.match(
    line('cold build / Starlight') ?? '',
    /^cold build \/ Starlight\s+0\.77× \(12\.0 s\)\s+15\.5 s\s+≤ 1\.00× set for 1000 and 3000 docs\s+no target$/,
  );
  assert.equal(result({}, true).baseline?.coldSeconds, 15.5);
});
test('runs: alternating order, medians, the median run, one new sentence per rebuild', () => {
  assert.deepEqual(
    buildOrder(2, ['almanac', 'starlight']).map((step) => `${step.site} ${step.kind} ${step.run}`),
    [
      'almanac cold 1',
      'starlight cold 1',
      'almanac cold 2',
      'starlight cold 2',
      'almanac rebuild 1',
      'starlight rebuild 1',
      'almanac rebuild 2',
      'starlight rebuild 2',
    ],
  );
  assert.deepEqual(
    buildOrder(1, ['almanac']).map((step) => `${step.site} ${step.kind} ${step.run}`),
    ['almanac cold 1', 'almanac rebuild 1'],
  );
  assert.equal(median([21.2, 19.8, 25]), 21.2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
  assert.throws(() => median([]), BenchError);
  assert.equal(medianIndex([21.2, 19.8, 25]), 0);
  assert.equal(medianIndex([4, 1, 3, 2]), 3, 'the lower middle (2) of an even count');
  assert.equal(medianIndex([5, 5, 5]), 1, 'ties keep the run order');
  assert.equal(changeSentence(1), 'The benchmark appended this sentence to measure a rebuild after one change.');
  assert.equal(changeSentence(3), 'The benchmark appended this sentence to measure a rebuild after one change (rebuild 3).');
  const runs = [
    { ...build('almanac-cold-1', 22, 0), site: 'almanac', kind: 'cold', run: 1, peakRssBytes: 1.4 * GB, cpuSeconds: 33 },
    { ...build('starlight-cold-1', 18, 0), site: 'starlight', kind: 'cold', run: 1 },
    { ...build('almanac-cold-2', 20, 0), site: 'almanac', kind: 'cold', run: 2, peakRssBytes: 1.2 * GB, cpuSeconds: 30 },
    { ...build('starlight-cold-2', 17, 0), site: 'starlight', kind: 'cold', run: 2 },
    { ...build('almanac-cold-3', 21, 0), site: 'almanac', kind: 'cold', run: 3, peakRssBytes: 1.3 * GB },
    { ...build('starlight-cold-3', 19, 0), site: 'starlight', kind: 'cold', run: 3 },
    { ...build('almanac-rebuild-1', 6, 0), site: 'almanac', kind: 'rebuild', run: 1 },
    { ...build('starlight-rebuild-1', 16, 0), site: 'starlight', kind: 'rebuild', run: 1 },
  ] satisfies BuildMeasurement[];
  const almanac = summarise(runs, 'almanac');
  assert.equal(almanac.cold.wallSeconds, 21);
  assert.equal(almanac.cold.peakRssBytes, Math.round(1.3 * GB), 'the median peak, taken on its own');
  assert.equal(almanac.cold.cpuSeconds, 31, 'the median CPU of 33, 30 and 31, taken on its own');
  assert.deepEqual(
    almanac.cold.runs.map((r) => r.wallSeconds),
    [22, 20, 21],
  );
  assert.equal(almanac.coldRun.label, 'almanac-cold-3', 'the run with the median wall time');
  assert.equal(almanac.rebuild.wallSeconds, 6);
  assert.equal(summarise(runs, 'starlight').cold.wallSeconds, 18);
});
