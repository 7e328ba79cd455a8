/**
 * The order and the summary of repeated builds (pure): cold builds alternate between the sites
 * (Almanac, Starlight, Almanac, Starlight …), then the rebuilds alternate the same way, so that a
 * slow minute of the machine falls on both sites rather than on one; each site's figure is the
 * median of its runs. Also the earlier run given to `--compare-with`.
 */
import { BenchError } from './errors.ts';
import { msPerDoc, type Previous } from './targets.ts';

export const SITES = ['almanac', 'starlight'] as const;
export type Site = (typeof SITES)[number];
export type BuildKind = 'cold' | 'rebuild';

export interface Step {
  site: Site;
  kind: BuildKind;
  /** 1-based run number of this site and kind. */
  run: number;
}

/** Every build of a bench in order: R cold builds per site, alternating, then R rebuilds, alternating. */
export function buildOrder(runs: number, sites: readonly Site[]): Step[] {
  const steps: Step[] = [];
  for (const kind of ['cold', 'rebuild'] as const)
    for (let run = 1; run <= runs; run++) for (const site of sites) steps.push({ site, kind, run });
  return steps;
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new BenchError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The index of the run whose value is the median (the lower middle for an even count): its phases are the ones shown. */
export function medianIndex(values: readonly number[]): number {
  if (values.length === 0) throw new BenchError('median of no values');
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value || a.index - b.index);
  return order[Math.floor((order.length - 1) / 2)]!.index;
}

/** The sentence appended to the changed postmortem before rebuild `run`: each rebuild sees one new sentence. */
export function changeSentence(run: number): string {
  return `The benchmark appended this sentence to measure a rebuild after one change${run > 1 ? ` (rebuild ${run})` : ''}.`;
}

/**
 * The cold time per postmortem of an earlier bench's `--json` output: its `perDoc.coldMsPerDoc`,
 * or, for an output from before that field, its cold wall time over its number of postmortems.
 */
export function previousRun(json: unknown, file: string): Previous {
  const data = json as { inputs?: { docs?: unknown }; perDoc?: { coldMsPerDoc?: unknown }; cold?: { wallSeconds?: unknown } } | null;
  const docs = data?.inputs?.docs;
  if (typeof docs !== 'number' || docs < 1) throw new BenchError(`${file} is not a bench JSON: it has no inputs.docs`);
  const perDoc = data?.perDoc?.coldMsPerDoc;
  if (typeof perDoc === 'number' && perDoc > 0) return { docs, coldMsPerDoc: perDoc };
  const wall = data?.cold?.wallSeconds;
  if (typeof wall === 'number' && wall > 0) return { docs, coldMsPerDoc: msPerDoc(wall, docs) };
  throw new BenchError(`${file} is not a bench JSON: it has neither perDoc.coldMsPerDoc nor cold.wallSeconds`);
}
