/**
 * The bench's result and its printing: one JSON object with every figure (`--json`), or a report of
 * tables (builds, phases, outputs, the baseline and the targets with PASS or FAIL where a baseline
 * exists), with a note when other processes used more than 5% of the machine during a build.
 * Pure: it prints what the run measured.
 */
import type { CorpusSummary } from '../generate-corpus.ts';
import type { BuildMeasurement } from './build.ts';
import type { DevEdit } from './dev.ts';
import { PHASE_LABELS, type ReportedPhases } from './figures.ts';
import { formatBytes, formatMs, formatTable, passLabel } from './format.ts';
import type { RunInputs } from './inputs.ts';
import type { JsUpFront, OutputSizes } from './output.ts';
import type { FirstSearch } from './search.ts';
import { BASELINE, TARGETS, type TargetResult } from './targets.ts';

export interface BenchResult {
  inputs: RunInputs;
  corpus: Omit<CorpusSummary, 'dir'> & { seconds: number };
  cold: BuildMeasurement;
  rebuild: BuildMeasurement & { changedFile: string };
  output: OutputSizes;
  js: JsUpFront;
  firstSearch: FirstSearch | { skipped: true };
  dev: DevEdit | { skipped: true };
  baseline: (typeof BASELINE)['byDocs'][number] | null;
  targets: TargetResult[];
  workDir?: string;
}

/** What the bench prints on stdout: the JSON object or the report. */
export function printed(result: BenchResult, json: boolean): string {
  return `${json ? JSON.stringify(result, null, 2) : report(result)}\n`;
}

/** The plain-text report: inputs, builds, phases, outputs, first search, astro dev, baseline and targets. */
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
  const phaseKeys = Object.keys(PHASE_LABELS) as (keyof ReportedPhases)[];
  const outside = (build: BuildMeasurement) =>
    build.phases.totalBuild === null ? null : Math.max(0, build.wallSeconds * 1000 - build.phases.totalBuild);
  // Phases the timers recorded that the report does not name (e.g. new ones), shown as they are.
  const mapped = new Set([
    'Sync content layer',
    'Prerender build',
    'SSR build',
    'Client build',
    'Static generate',
    'Total build',
    'validation',
    'pagefind',
    'og cards',
  ]);
  if (cold.pagefindPhaseSource === 'timer, after pages') mapped.add('pagefind (after pages)');
  const extra = [
    ...new Set([
      ...Object.keys(cold.astroTimer),
      ...Object.keys(rebuild.astroTimer),
      ...Object.keys(cold.almanacTimer),
      ...Object.keys(rebuild.almanacTimer),
    ]),
  ].filter((name) => !mapped.has(name));
  const raw = (build: BuildMeasurement, name: string) => build.almanacTimer[name] ?? build.astroTimer[name];
  lines.push(
    formatTable(
      ['phase (phases overlap; see docs/performance.md)', 'cold', 'rebuild'],
      [
        ...phaseKeys.map((key) => [
          PHASE_LABELS[key] +
            (key === 'pagefind' && cold.pagefindPhaseSource === 'log'
              ? ' (from log)'
              : key === 'pagefind' && cold.pagefindPhaseSource === 'timer, after pages'
                ? ' (after pages)'
                : ''),
          formatMs(cold.phases[key]),
          formatMs(rebuild.phases[key]),
        ]),
        ["outside Astro's timer (startup)", formatMs(outside(cold)), formatMs(outside(rebuild))],
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
        [
          'first search',
          'skipped' in search
            ? 'skipped (--skip-first-search)'
            : `${formatBytes(search.bytes)} in ${search.requests} requests under /pagefind/ for "${search.query}" (${search.resultsShown} results shown, ${search.msToResults} ms)`,
        ],
        [
          'astro dev: edit → page shows it',
          'skipped' in result.dev
            ? 'skipped (--skip-dev)'
            : `${formatMs(result.dev.editToPageMs)} median of ${result.dev.edits.length} title edits (${result.dev.edits.map((ms) => `${ms} ms`).join(', ')}); started in ${result.dev.startupSeconds} s`,
        ],
        [
          'JS up front, postmortem page',
          `${result.js.bytes} B (${formatBytes(result.js.gzipBytes)} gzipped): ${result.js.inlineBytes} B inline + ${result.js.externalBytes} B in ${result.js.files.length} files`,
        ],
      ],
    ),
    '',
  );
  lines.push(
    `Baseline (${BASELINE.source}): 1000 docs 17.9 s / 1.83 GB, 3000 docs 47.0 s / 3.84 GB; rebuild 17.5 s (1000 docs); ${BASELINE.jsKb} KB JS per content page.`,
  );
  lines.push(
    `Targets: cold ≤ baseline, peak RSS ≤ ${TARGETS.peakRatio} × baseline, rebuild ≤ ${TARGETS.rebuildRatio} × baseline, JS ≤ ${TARGETS.jsKb} KB (GB = 2^30 B, KB = 2^10 B).`,
  );
  if (!result.baseline) lines.push(`No baseline for ${inputs.docs} docs (the baseline covers 1000 and 3000; nothing is interpolated).`);
  lines.push(
    '',
    formatTable(
      ['figure', 'measured', 'baseline', 'target', 'result'],
      result.targets.map((t) => [t.figure, t.measured, t.baseline, t.target, passLabel(t.pass)]),
    ),
  );
  // Other processes' CPU while a build ran, as a share of what the machine could give over that time.
  const busy = [cold, rebuild].map((build) => ({ build, share: build.otherCpuSeconds / (build.wallSeconds * inputs.cores) }));
  if (busy.some(({ share }) => share > 0.05)) {
    lines.push(
      '',
      `Note: other processes used ${busy.map(({ build, share }) => `${build.otherCpuSeconds} CPU-s during the ${build.label} build (${Math.round(share * 100)}% of the machine)`).join(' and ')}; times are inflated.`,
    );
  }
  if (result.workDir) lines.push('', `kept: ${result.workDir} (content/, dist/, cache/, logs/)`);
  return lines.join('\n');
}
