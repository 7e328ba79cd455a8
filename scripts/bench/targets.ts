/**
 * The targets the bench checks (pure). The baseline is Starlight built from the same corpus in the
 * same run (scripts/bench/starlight.ts); no figure of an earlier day is typed in here. A target
 * that needs a figure the run did not measure (the baseline skipped, the first search skipped, no
 * earlier run to compare with) says "not measured". Targets are set for given N only; nothing is
 * interpolated between them.
 */

/** 1 GiB and 1 KiB, as used for the targets: binary units (2^30, 2^10 bytes). */
export const GB = 1024 ** 3;
export const KB = 1024;

export const TARGETS = {
  /** At these N, against Starlight measured in the same run. */
  ratioDocs: [1000, 3000],
  /** Cold build at most this times Starlight's cold build (medians). */
  coldRatio: 1,
  /** Rebuild after one change at most this times Starlight's rebuild after the same change (medians). */
  rebuildRatio: 0.3,
  /** At this N, absolute limits. */
  largeDocs: 10_000,
  /** Cold peak memory of the whole process tree at 10,000 docs, bytes. */
  peakBytesAtLarge: 4 * GB,
  /** Rebuild after one change at 10,000 docs, seconds. */
  rebuildSecondsAtLarge: 30,
  /** Cold time per postmortem at most this times that of an earlier run (the 1000-doc figure). */
  perDocRatio: 1.1,
  /** Bytes of a first search, by N. */
  firstSearchBytes: { 1000: 200 * KB, 10_000: 300 * KB } as Record<number, number>,
  /** JavaScript up front on a content page, any N. */
  jsBytes: 3 * KB,
};

/** Figures of Almanac in this run: medians over the runs where there are several. */
export interface Measured {
  docs: number;
  coldSeconds: number;
  rebuildSeconds: number;
  peakRssBytes: number;
  jsBytes: number;
  /** Bytes of a first search; null when skipped. */
  firstSearchBytes: number | null;
}

/** Starlight's figures measured in this run (medians), or null when the baseline was skipped. */
export interface BaselineMeasured {
  coldSeconds: number;
  rebuildSeconds: number;
}

/** The cold time per postmortem of an earlier run (`--compare-with`). */
export interface Previous {
  docs: number;
  coldMsPerDoc: number;
}

export type TargetStatus = 'PASS' | 'FAIL' | 'not measured' | 'no target';

export interface TargetResult {
  figure: string;
  measured: string;
  /** The baseline's value measured in this run (or the earlier run's), or '—'. */
  baseline: string;
  target: string;
  status: TargetStatus;
}

const seconds = (value: number) => `${value.toFixed(1)} s`;
const gib = (bytes: number) => `${(bytes / GB).toFixed(2)} GB`;
const kib = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const ratio = (value: number) => `${value.toFixed(2)}×`;
const verdict = (pass: boolean): TargetStatus => (pass ? 'PASS' : 'FAIL');
const NOT_MEASURED = 'not measured';

/** Cold time per postmortem, ms (the figure two runs of different N compare). */
export const msPerDoc = (seconds: number, docs: number) => Number(((seconds * 1000) / docs).toFixed(2));

/** Pass/fail per target that applies at this N; "not measured" when its figure is missing. */
export function evaluateTargets(measured: Measured, baseline: BaselineMeasured | null, previous: Previous | null = null): TargetResult[] {
  const { docs } = measured;
  const results: TargetResult[] = [];
  const ratioApplies = TARGETS.ratioDocs.includes(docs);
  if (ratioApplies || baseline) {
    const rows = [
      ['cold build / Starlight', measured.coldSeconds, baseline?.coldSeconds, TARGETS.coldRatio],
      ['rebuild after one change / Starlight', measured.rebuildSeconds, baseline?.rebuildSeconds, TARGETS.rebuildRatio],
    ] as const;
    for (const [figure, almanac, starlight, limit] of rows) {
      const target = ratioApplies ? `≤ ${ratio(limit)}` : `≤ ${ratio(limit)} set for ${TARGETS.ratioDocs.join(' and ')} docs`;
      if (starlight === undefined) {
        results.push({ figure, measured: `${seconds(almanac)} / ${NOT_MEASURED}`, baseline: NOT_MEASURED, target, status: 'not measured' });
        continue;
      }
      const value = almanac / starlight;
      results.push({
        figure,
        measured: `${ratio(value)} (${seconds(almanac)})`,
        baseline: seconds(starlight),
        target,
        status: ratioApplies ? verdict(value <= limit) : 'no target',
      });
    }
  }
  if (docs === TARGETS.largeDocs) {
    results.push({
      figure: 'cold peak RSS (process tree)',
      measured: gib(measured.peakRssBytes),
      baseline: '—',
      target: `≤ ${gib(TARGETS.peakBytesAtLarge)}`,
      status: verdict(measured.peakRssBytes <= TARGETS.peakBytesAtLarge),
    });
    results.push({
      figure: 'rebuild after one change',
      measured: seconds(measured.rebuildSeconds),
      baseline: '—',
      target: `≤ ${seconds(TARGETS.rebuildSecondsAtLarge)}`,
      status: verdict(measured.rebuildSeconds <= TARGETS.rebuildSecondsAtLarge),
    });
  }
  if (docs === TARGETS.largeDocs || previous) {
    const perDoc = msPerDoc(measured.coldSeconds, docs);
    const figure = 'cold time per postmortem';
    if (!previous) {
      results.push({
        figure,
        measured: `${perDoc.toFixed(2)} ms`,
        baseline: `${NOT_MEASURED} (--compare-with)`,
        target: `≤ ${ratio(TARGETS.perDocRatio)} the 1000-doc figure`,
        status: 'not measured',
      });
    } else {
      const value = perDoc / previous.coldMsPerDoc;
      results.push({
        figure,
        measured: `${perDoc.toFixed(2)} ms (${ratio(value)})`,
        baseline: `${previous.coldMsPerDoc.toFixed(2)} ms at ${previous.docs} docs`,
        target: `≤ ${ratio(TARGETS.perDocRatio)}`,
        status: verdict(value <= TARGETS.perDocRatio),
      });
    }
  }
  const searchLimit = TARGETS.firstSearchBytes[docs];
  if (searchLimit !== undefined) {
    results.push({
      figure: 'first search',
      measured: measured.firstSearchBytes === null ? NOT_MEASURED : kib(measured.firstSearchBytes),
      baseline: '—',
      target: `≤ ${kib(searchLimit)}`,
      status: measured.firstSearchBytes === null ? 'not measured' : verdict(measured.firstSearchBytes <= searchLimit),
    });
  }
  // The JavaScript target does not depend on N.
  results.push({
    figure: 'JS up front (postmortem page)',
    measured: kib(measured.jsBytes),
    baseline: '—',
    target: `≤ ${kib(TARGETS.jsBytes)}`,
    status: verdict(measured.jsBytes <= TARGETS.jsBytes),
  });
  // The card process's memory against the number of cards is measured by its own bench.
  results.push({
    figure: 'memory flat in the number of cards',
    measured: `${NOT_MEASURED} here`,
    baseline: '—',
    target: 'flat: node scripts/bench-cards.ts',
    status: 'not measured',
  });
  return results;
}
