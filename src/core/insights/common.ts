/** Helpers every insight topic shares: percentages, counting, which postmortems count, the 90-day windows and distributions (median, p90). */
import { formatNumber } from '../presentation.ts';
import { addDays, DAY_MS, isoDate, median, percentile } from '../time.ts';

/** 100 × part / whole, or `undefined` when the whole is 0 (no data is not 0%). */
export function ratioPercent(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : round6((100 * part) / whole);
}

/** Floating-point noise off: to a millionth. */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

// ── Which postmortems count ──

/**
 * Whether a postmortem counts as an incident in the figures (time-to-x, DORA, incident trends):
 * kind incident and not a draft. A near-miss had no customer impact, so it is counted on its own
 * (`nearMissInsights`); a draft never counts in any figure, even in `astro dev` where it is shown.
 */
export function countsAsIncident(postmortem: { draft?: boolean; data: { kind?: string; status?: string } }): boolean {
  return postmortem.data.kind !== 'near-miss' && !postmortem.draft && postmortem.data.status !== 'draft';
}

/** Whether a postmortem is a (non-draft) near-miss. */
export function isNearMiss(postmortem: { draft?: boolean; data: { kind?: string; status?: string } }): boolean {
  return postmortem.data.kind === 'near-miss' && !postmortem.draft && postmortem.data.status !== 'draft';
}

// ── Windows ──

export interface TimeWindow {
  /** Epoch ms; the window is (start, end]. */
  start: number;
  end: number;
  /** First and last calendar day (UTC) whose midnight lies in the window, `YYYY-MM-DD`. */
  from: string;
  to: string;
  days: number;
}

/**
 * The `days` days ending at `end`: (end − days, end]. `from` is the first UTC date whose midnight
 * is inside (the day after the start's date, since the start itself is excluded), `to` the as-of date.
 */
export function windowEnding(end: number, days = 90): TimeWindow {
  const start = end - days * DAY_MS;
  return { start, end, from: addDays(isoDate(start), 1), to: isoDate(end), days };
}

export const inside = (window: TimeWindow, ms: number) => ms > window.start && ms <= window.end;

// ── Distributions ──

/** A summary of durations: how many, the median and the 90th percentile (nearest rank). Never a mean. */
export interface Distribution {
  n: number;
  median?: number;
  p90?: number;
}

/** `{ n, median, p90 }` of a list (see `percentile` in time.ts for the definitions). */
export function distribution(values: readonly number[]): Distribution {
  const median_ = median(values);
  const p90 = percentile(values, 90);
  return {
    n: values.length,
    ...(median_ === undefined ? {} : { median: round6(median_) }),
    ...(p90 === undefined ? {} : { p90: round6(p90) }),
  };
}

/**
 * Below this many values a page shows no median or p90, only the count: with one or two values
 * the "median" describes those incidents, not a pattern. The JSON still carries the numbers with n.
 */
export const MIN_FIGURE_N = 3;

/** A trend between two periods is called only when both have at least this many values. */
export const MIN_TREND_N = 10;

export type TrendCall =
  | { called: false; /** Why not, for the page. */ reason: string }
  | { called: true; direction: 'up' | 'down' | 'flat'; /** current − previous. */ change: number };

/**
 * Compares a figure between the previous and the current period. With fewer than `MIN_TREND_N`
 * values in either period a difference is mostly noise, so no trend is called.
 */
export function callTrend(current: { n: number; value?: number }, previous: { n: number; value?: number }, what = 'incidents'): TrendCall {
  if (current.n < MIN_TREND_N || previous.n < MIN_TREND_N || current.value === undefined || previous.value === undefined) {
    return {
      called: false,
      reason: `too few ${what} to call a trend (n = ${previous.n} then ${current.n}; both periods need n ≥ ${MIN_TREND_N})`,
    };
  }
  const change = round6(current.value - previous.value);
  return { called: true, direction: change > 0 ? 'up' : change < 0 ? 'down' : 'flat', change };
}

// ── Long lists ──

/**
 * Rows a table of individual incidents (or pairs of them) shows on a page. Such lists grow faster
 * than the handbook (recurring pairs grow with the square of how often incidents happen): at
 * 10,000 postmortems the insights page listed 300,000 pairs, 200 MB of HTML. Pages show the first
 * rows and say how many there are; the figures themselves always count every row.
 */
export const LISTED_ROWS = 25;
/** Incidents a single row or review item names before "and N more". */
export const LISTED_PER_ROW = 10;

/** The first `limit` items, and how many there are in all. */
export function firstRows<T>(items: readonly T[], limit = LISTED_ROWS): { rows: T[]; total: number; omitted: number } {
  const rows = items.slice(0, limit);
  return { rows, total: items.length, omitted: items.length - rows.length };
}

/**
 * The sentence under a list cut to its first rows (an empty string when nothing is left out): how
 * many there are, and which are listed. When some still lack what a policy asks for (`lacking`,
 * named by `words.lacks`), those are listed first, and the sentence says how many there are.
 */
export function listedSentence(
  listed: { total: number; rows: readonly unknown[]; omitted: number },
  lacking: number | undefined,
  words: { noun: string; lacks?: string; then: string },
): string {
  if (listed.omitted === 0) return '';
  const all = `${formatNumber(listed.total, 0)} ${words.noun} in all`;
  const shown = `the ${listed.rows.length} listed are`;
  if (lacking === undefined || !words.lacks) return `${all}; ${shown} ${words.then}.`;
  if (lacking === 0) return `${all}, none ${words.lacks}; ${shown} ${words.then}.`;
  return `${all}, ${formatNumber(lacking, 0)} ${words.lacks}; ${shown} those first, then ${words.then}.`;
}
