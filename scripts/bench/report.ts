/**
 * The bench's result and its printing: one JSON object with every figure (`--json`), or a report of
 * tables (every build in the order it ran, Almanac against Starlight by their medians, phases,
 * outputs, and the targets with PASS, FAIL or "not measured"), with a note when other processes
 * used more than 5% of the machine during a build. Pure: it prints what the run measured.
 */
import type { CorpusSummary } from '../generate-corpus.ts';
import type { BuildMeasurement } from './build.ts';
import type { DevEdit } from './dev.ts';
import { PHASE_LABELS, type ReportedPhases } from './figures.ts';
import { formatBytes, formatMs, formatTable } from './format.ts';
import type { RunInputs } from './inputs.ts';
import type { JsUpFront, OutputSizes } from './output.ts';
import { median, medianIndex, type BuildKind, type Site } from './runs.ts';
import type { FirstSearch } from './search.ts';
import type { BaselineMeasured, Previous, TargetResult } from './targets.ts';

/** A site's figure over its runs of one kind: the medians, and every run's value in the order they ran. */
export interface Medians {
  wallSeconds: number;
  peakRssBytes: number;
  /** CPU seconds of the build's process tree, the median taken on its own. */
  cpuSeconds: number;
  runs: { wallSeconds: number; peakRssBytes: number; cpuSeconds: number }[];
}

export interface SiteSummary {
  cold: Medians;
  rebuild: Medians;
  /** The run whose wall time is the median (its phases are shown). */
  coldRun: BuildMeasurement;
  rebuildRun: BuildMeasurement;
}

/** The medians of one site's cold builds and rebuilds. */
export function summarise(builds: readonly BuildMeasurement[], site: Site): SiteSummary {
  const of = (kind: BuildKind) => {
    const runs = builds.filter((build) => build.site === site && build.kind === kind);
    const walls = runs.map((build) => build.wallSeconds);
    return {
      medians: {
        wallSeconds: Number(median(walls).toFixed(2)),
        peakRssBytes: Math.round(median(runs.map((build) => build.peakRssBytes))),
        cpuSeconds: Number(median(runs.map((build) => build.cpuSeconds)).toFixed(1)),
        runs: runs.map((build) => ({ wallSeconds: build.wallSeconds, peakRssBytes: build.peakRssBytes, cpuSeconds: build.cpuSeconds })),
      },
      run: runs[medianIndex(walls)]!,
    };
  };
  const cold = of('cold');
  const rebuild = of('rebuild');
  return { cold: cold.medians, rebuild: rebuild.medians, coldRun: cold.run, rebuildRun: rebuild.run };
}

export interface BenchResult {
  inputs: RunInputs;
  corpus: Omit<CorpusSummary, 'dir'> & { seconds: number };
  /** Cold builds and rebuilds per site. */
  runs: number;
  /** Almanac's cold build and rebuild whose wall times are the medians. */
  cold: BuildMeasurement;
  rebuild: BuildMeasurement & { changedFile: string };
  almanac: { cold: Medians; rebuild: Medians };
  /** Starlight built from the same corpus in this run, or null with `--baseline none`. */
  starlight: (SiteSummary & { output: OutputSizes; js: JsUpFront }) | null;
  /** Every build in the order it ran. */
  builds: BuildMeasurement[];
  /** Almanac's median times per postmortem, ms: what runs of different N compare (`--compare-with`). */
  perDoc: { coldMsPerDoc: number; rebuildMsPerDoc: number };
  comparedWith: (Previous & { file: string }) | null;
  output: OutputSizes;
  js: JsUpFront;
  firstSearch: FirstSearch | { skipped: true };
  dev: DevEdit | { skipped: true };
  /** Starlight's medians as the targets use them, or null. */
  baseline: BaselineMeasured | null;
  targets: TargetResult[];
  workDir?: string;
}

/** What the bench prints on stdout: the JSON object or the report. */
export function printed(result: BenchResult, json: boolean): string {
  return `${json ? JSON.stringify(result, null, 2) : report(result)}\n`;
}

const SITE_NAMES: Record<Site, string> = { almanac: 'Almanac', starlight: 'Starlight' };
const ratioCell = (almanac: number, starlight: number | undefined) =>
  starlight === undefined || starlight === 0 ? '—' : `${(almanac / starlight).toFixed(2)}×`;

/** The plain-text report: inputs, builds, Almanac against Starlight, phases, outputs, first search, astro dev and targets. */
export function report(result: BenchResult): string {
  const { inputs, cold, rebuild, starlight } = result;
  const lines: string[] = [];
  lines.push(
    `Almanac bench: ${inputs.docs} postmortems (+ ${result.corpus.releases} releases, ${result.corpus.slos} SLOs, ${result.corpus.services} services, ${result.corpus.teams} teams; seed ${inputs.seed})`,
    `commit ${inputs.commit}${inputs.uncommittedChanges ? ' + uncommitted changes' : ''}${inputs.sourceChangedDuringRun ? ' (CHANGED DURING THE RUN)' : ''} · ${inputs.cores} cores (${inputs.cpu}) · ${formatBytes(inputs.memoryBytes)} RAM · node ${inputs.node} · astro ${inputs.astro} · ${inputs.date}`,
    starlight
      ? `${result.runs} cold build(s) and ${result.runs} rebuild(s) per site, alternating Almanac and Starlight (same corpus, same machine); figures are medians.`
      : `${result.runs} cold build(s) and ${result.runs} rebuild(s) of Almanac; Starlight not measured (--baseline none).`,
    '',
  );
  const ogNote = (build: BuildMeasurement) => (build.ogCards ? `${build.ogCards.rendered} rendered, ${build.ogCards.cached} cached` : '');
  lines.push(
    formatTable(
      ['build (in the order run)', 'wall', 'CPU (tree)', 'peak RSS (tree)', 'Astro total', 'pages', 'OG cards', 'other CPU meanwhile'],
      result.builds.map((build) => [
        `${SITE_NAMES[build.site]} ${build.kind === 'cold' ? 'cold' : 'rebuild'} ${build.run}`,
        `${build.wallSeconds.toFixed(1)} s`,
        `${build.cpuSeconds.toFixed(1)} CPU-s`,
        formatBytes(build.peakRssBytes),
        formatMs(build.phases.totalBuild),
        String(build.pages ?? '—'),
        ogNote(build),
        `${build.otherCpuSeconds.toFixed(1)} CPU-s`,
      ]),
    ),
    '',
  );
  const seconds = (value: number) => `${value.toFixed(1)} s`;
  const cpu = (value: number) => `${value.toFixed(1)} CPU-s`;
  const compare = (label: string, almanac: number, other: number | undefined, format: (value: number) => string) => [
    label,
    format(almanac),
    other === undefined ? 'not measured' : format(other),
    ratioCell(almanac, other),
  ];
  lines.push(
    formatTable(
      [`median of ${result.runs}`, 'Almanac', 'Starlight', 'Almanac/Starlight'],
      [
        compare('cold build (--force, every cache empty)', result.almanac.cold.wallSeconds, starlight?.cold.wallSeconds, seconds),
        compare('cold build CPU (tree, every core)', result.almanac.cold.cpuSeconds, starlight?.cold.cpuSeconds, cpu),
        compare('cold peak RSS (tree)', result.almanac.cold.peakRssBytes, starlight?.cold.peakRssBytes, formatBytes),
        compare('rebuild (1 postmortem changed)', result.almanac.rebuild.wallSeconds, starlight?.rebuild.wallSeconds, seconds),
        compare('rebuild CPU (tree, every core)', result.almanac.rebuild.cpuSeconds, starlight?.rebuild.cpuSeconds, cpu),
        compare('rebuild peak RSS (tree)', result.almanac.rebuild.peakRssBytes, starlight?.rebuild.peakRssBytes, formatBytes),
        compare('HTML pages', result.output.htmlPages, starlight?.output.htmlPages, String),
        compare('dist', result.output.distBytes, starlight?.output.distBytes, formatBytes),
        compare('Pagefind index', result.output.pagefindBytes, starlight?.output.pagefindBytes, formatBytes),
        compare('JS up front, postmortem page', result.js.bytes, starlight?.js.bytes, formatBytes),
      ],
    ),
    '',
  );
  const phaseKeys = Object.keys(PHASE_LABELS) as (keyof ReportedPhases)[];
  const outside = (build: BuildMeasurement) =>
    build.phases.totalBuild === null ? null : Math.max(0, build.wallSeconds * 1000 - build.phases.totalBuild);
  // The median runs, Almanac's then Starlight's.
  const shown: { heading: string; build: BuildMeasurement }[] = [
    { heading: 'Almanac cold', build: cold },
    { heading: 'rebuild', build: rebuild },
    ...(starlight
      ? [
          { heading: 'Starlight cold', build: starlight.coldRun },
          { heading: 'rebuild', build: starlight.rebuildRun },
        ]
      : []),
  ];
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
  const extra = [...new Set(shown.flatMap(({ build }) => [...Object.keys(build.astroTimer), ...Object.keys(build.almanacTimer)]))].filter(
    (name) => !mapped.has(name),
  );
  const raw = (build: BuildMeasurement, name: string) => build.almanacTimer[name] ?? build.astroTimer[name];
  const pagefindNote = (build: BuildMeasurement) =>
    build.pagefindPhaseSource === 'log' ? ' (from log)' : build.pagefindPhaseSource === 'timer, after pages' ? ' (after pages)' : '';
  lines.push(
    formatTable(
      ['phase of the median runs (phases overlap; see docs/performance.md)', ...shown.map(({ heading }) => heading)],
      [
        ...phaseKeys.map((key) => [
          PHASE_LABELS[key],
          ...shown.map(
            ({ build }) => formatMs(build.phases[key]) + (key === 'pagefind' && build.phases[key] !== null ? pagefindNote(build) : ''),
          ),
        ]),
        ["outside Astro's timer (startup)", ...shown.map(({ build }) => formatMs(outside(build)))],
        ...extra.map((name) => [`"${name}" (as recorded)`, ...shown.map(({ build }) => formatMs(raw(build, name)))]),
      ],
    ),
    '',
  );
  const search = result.firstSearch;
  const compared = result.comparedWith;
  lines.push(
    formatTable(
      ['Almanac output', 'value'],
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
          'facet counts within its results',
          'skipped' in search
            ? 'skipped (--skip-first-search)'
            : `then ${formatBytes(search.countsBytes)} in ${search.countsRequests} requests (filter files), counts shown at ${search.msToCounts} ms`,
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
        [
          'time per postmortem (median)',
          `cold ${result.perDoc.coldMsPerDoc.toFixed(2)} ms, rebuild ${result.perDoc.rebuildMsPerDoc.toFixed(2)} ms` +
            (compared
              ? `; cold ${(result.perDoc.coldMsPerDoc / compared.coldMsPerDoc).toFixed(2)}× the ${compared.coldMsPerDoc.toFixed(2)} ms of ${compared.docs} docs in ${compared.file}`
              : ''),
        ],
      ],
    ),
    '',
  );
  lines.push(
    'Targets: against Starlight measured in this run (medians), at 1000 and 3000 docs; absolute at 10,000 docs; GB = 2^30 B, KB = 2^10 B.',
    '',
    formatTable(
      ['target', 'measured', 'baseline (this run)', 'limit', 'result'],
      result.targets.map((t) => [t.figure, t.measured, t.baseline, t.target, t.status]),
    ),
  );
  // Other processes' CPU while a build ran, as a share of what the machine could give over that time.
  const busy = result.builds
    .map((build) => ({ build, share: build.otherCpuSeconds / (build.wallSeconds * inputs.cores) }))
    .filter(({ share }) => share > 0.05);
  if (busy.length) {
    lines.push(
      '',
      `Note: other processes used ${busy.map(({ build, share }) => `${build.otherCpuSeconds} CPU-s during ${SITE_NAMES[build.site]} ${build.kind} ${build.run} (${Math.round(share * 100)}% of the machine)`).join(', ')}; those times are inflated.`,
    );
  }
  if (result.workDir) lines.push('', `kept: ${result.workDir} (content/, dist/, starlight-dist/, cache/, logs/)`);
  return lines.join('\n');
}
