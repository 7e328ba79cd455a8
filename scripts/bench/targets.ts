/**
 * The baseline the bench compares with and the targets it checks (pure): Starlight 0.42 on Astro 7
 * with Pagefind, measured on the same machine, for 1000 and 3000 postmortems. Pass or fail is given
 * only for an N with a baseline; other N say "no baseline", nothing is interpolated.
 */

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
  source: 'Starlight 0.42 on Astro 7 with Pagefind, same machine',
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

/** Pass/fail per figure where a baseline exists for this N (1000, 3000); other N say so. */
export function evaluateTargets(docs: number, measured: Measured): TargetResult[] {
  const baseline = BASELINE.byDocs[docs];
  const none = { baseline: 'no baseline', target: '—', pass: null } as const;
  const results: TargetResult[] = [];
  results.push(
    baseline
      ? {
          figure: 'cold build',
          measured: seconds(measured.coldSeconds),
          baseline: seconds(baseline.coldSeconds),
          target: `≤ ${seconds(baseline.coldSeconds * TARGETS.coldRatio)}`,
          pass: measured.coldSeconds <= baseline.coldSeconds * TARGETS.coldRatio,
        }
      : { figure: 'cold build', measured: seconds(measured.coldSeconds), ...none },
  );
  if (baseline) {
    const limit = baseline.peakRssGb * TARGETS.peakRatio * GB;
    results.push({
      figure: 'peak RSS (cold)',
      measured: gb(measured.peakRssBytes),
      baseline: `${baseline.peakRssGb.toFixed(2)} GB`,
      target: `≤ ${gb(limit)} (0.75×)`,
      pass: measured.peakRssBytes <= limit,
    });
  } else if (docs === 10_000) {
    const limit = TARGETS.peakGbAt10000 * GB;
    results.push({
      figure: 'peak RSS (cold)',
      measured: gb(measured.peakRssBytes),
      baseline: 'no baseline',
      target: `< ${gb(limit)}`,
      pass: measured.peakRssBytes < limit,
    });
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
  results.push({
    figure: 'JS up front (postmortem page)',
    measured: kb(measured.jsBytes),
    baseline: `${BASELINE.jsKb} KB`,
    target: `≤ ${TARGETS.jsKb} KB`,
    pass: measured.jsBytes <= TARGETS.jsKb * KB,
  });
  return results;
}
