/**
 * Error budgets, as the content model defines them ("Error budgets, precisely"). Pure: every
 * figure is computed as of an instant passed in, so a policy can ask for the budget at a release
 * date as easily as the pages ask for it at the build's as-of instant.
 *
 * - The window (windows.ts) is `(asOf − window, asOf]` for a rolling window, or the calendar
 *   period containing asOf for a calendar one; budgetMinutes = (100 − objective)/100 × the
 *   window's minutes (the whole period for a calendar window).
 * - A postmortem's charge to an SLO covers `[started, mitigated]` (up to asOf while not mitigated).
 *   Without `minutes` it counts that time clipped to the window, × `fraction` (default 1). With
 *   `minutes` it counts minutes × the share of `[started, mitigated]` inside the window.
 * - Charges without `minutes` and without `fraction` (full outages) that overlap count each
 *   minute once.
 * - A charge with `excluded` counts in `rawConsumedMinutes` and is listed as an adjustment, not
 *   in `consumedMinutes` (which decides the status).
 * - Drafts and near-misses never charge.
 */
import { DAY_MS, dayStart, instant, isoDate, MINUTE_MS } from './time.ts';
import type { Timeline } from './durations.ts';
import { firstPosition, oncePerList } from './lists.ts';
import { resolveWindow, type WindowSpec } from './windows.ts';

export type BudgetStatus = 'healthy' | 'at-risk' | 'exhausted';

/** What a budget needs of an SLO: its objective and window (and the window's zone). */
export interface SloTarget extends WindowSpec {
  objective: number;
}

export const EXCLUSION_REASONS = ['planned-maintenance', 'third-party', 'out-of-scope', 'miscategorized'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface Exclusion {
  reason: ExclusionReason;
  approvedBy: string;
  note?: string;
}

export interface ImpactCharge {
  slo: string;
  minutes?: number;
  fraction?: number;
  excluded?: Exclusion;
}

export interface IncidentForBudget {
  id: string;
  timeline: Timeline;
  impact?: { slos?: ImpactCharge[] };
  /** A `draft` never charges. */
  status?: string;
  /** A `near-miss` never charges. */
  kind?: string;
}

/** A stretch of bad time: `minutes` accrue evenly from `from` to `to` (epoch ms). */
export interface BadTime {
  from: number;
  to: number;
  minutes: number;
}

export interface BudgetCharge {
  postmortem: string;
  /** `timeline.started` as authored. */
  started: string;
  /** Bad minutes this charge counts in the window, after clipping and overlaps. */
  badMinutes: number;
  /** 100 × badMinutes / budgetMinutes. */
  budgetPercent: number;
  /** Epoch ms its impact began inside the window: `started`, or the window start when earlier. */
  from: number;
  /** Where in the window the minutes fell, oldest first (a burn-down is drawn from these). */
  badTime: BadTime[];
  /** Present on an adjustment: why it does not count against the budget. */
  excluded?: Exclusion;
}

export interface BudgetReport {
  budgetMinutes: number;
  /** Bad minutes in the window that count: every charge but the excluded ones. */
  consumedMinutes: number;
  /** Every charge in the window, excluded ones included. */
  rawConsumedMinutes: number;
  consumedPercent: number;
  remainingMinutes: number;
  remainingPercent: number;
  status: BudgetStatus;
  /** Charges that count, in the order their bad time began. */
  charges: BudgetCharge[];
  /** Excluded charges (the adjustments ledger), in the order their bad time began. */
  adjustments: (BudgetCharge & { excluded: Exclusion })[];
  /** Epoch ms: the window (for a calendar window, the whole period). */
  windowStart: number;
  windowEnd: number;
  /** Epoch ms: consumption is counted up to this instant (the as-of instant). */
  asOf: number;
  windowKind: 'rolling' | 'calendar';
}

/** Floating-point noise off: minutes to a millionth. */
export function roundMinutes(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * (100 − objective) / 100 × window minutes: 99.9 over 30d = 43.2. A calendar window's budget is
 * that of the period containing `at` (a 31-day month at 99.9% = 44.64).
 */
export function budgetMinutes(target: SloTarget, at: number): number {
  return roundMinutes(((100 - target.objective) / 100) * resolveWindow(target, at).minutes);
}

/**
 * Bad minutes one incident charges one SLO, whatever the window: `minutes` when given, else
 * (mitigated − started) × fraction; an incident not yet mitigated is charged up to `now`.
 */
export function badMinutes(timeline: Timeline, charge: ImpactCharge, now: number): number {
  if (charge.minutes !== undefined) return charge.minutes;
  const [from, to] = impactSpan(timeline, now);
  return roundMinutes(((to - from) / MINUTE_MS) * (charge.fraction ?? 1));
}

/** `[started, mitigated]`, or `[started, now]` while not mitigated (never negative). */
function impactSpan(timeline: Timeline, now: number): [number, number] {
  const from = instant(timeline.started);
  const to = timeline.mitigated ? instant(timeline.mitigated) : now;
  return [from, Math.max(from, to)];
}

export function percentOf(part: number, whole: number): number {
  return whole === 0 ? (part === 0 ? 0 : Infinity) : roundMinutes((100 * part) / whole);
}

export function budgetStatus(consumedMinutes: number, budget: number, atRiskPercent: number): BudgetStatus {
  // Compared as rounded percentages: 0.75 × 43.2 is 32.400000000000006 in floating point, which
  // would leave a budget consumed to exactly 75% "healthy".
  const percent = percentOf(consumedMinutes, budget);
  if (percent >= 100) return 'exhausted';
  if (percent >= atRiskPercent) return 'at-risk';
  return 'healthy';
}

/** Whether an incident may charge a budget at all. */
export function chargesBudgets(incident: Pick<IncidentForBudget, 'status' | 'kind'>): boolean {
  return incident.status !== 'draft' && incident.kind !== 'near-miss';
}

const isFullOutage = (charge: ImpactCharge) => charge.minutes === undefined && charge.fraction === undefined;

/** Parts of `[from, to]` not covered by `covered` (sorted, disjoint). */
function uncovered(from: number, to: number, covered: readonly [number, number][]): [number, number][] {
  const parts: [number, number][] = [];
  let cursor = from;
  for (const [start, end] of covered) {
    if (end <= cursor) continue;
    if (start >= to) break;
    if (start > cursor) parts.push([cursor, start]);
    cursor = Math.max(cursor, end);
  }
  if (cursor < to) parts.push([cursor, to]);
  return parts;
}

/** Adds `[from, to]` to a sorted list of disjoint intervals, merging. */
function cover(covered: [number, number][], from: number, to: number): void {
  covered.push([from, to]);
  covered.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const interval of covered) {
    const last = merged.at(-1);
    if (last && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1]);
    else merged.push([...interval]);
  }
  covered.splice(0, covered.length, ...merged);
}

/**
 * Bad time a charge counts inside `[start, until]`, before overlaps: clipped and × fraction
 * without `minutes`; `minutes` × the share of its span inside with `minutes`.
 */
export function chargeInWindow(timeline: Timeline, charge: ImpactCharge, start: number, until: number, now: number): BadTime | undefined {
  const [from, to] = impactSpan(timeline, now);
  const clippedFrom = Math.max(from, start);
  const clippedTo = Math.min(to, until);
  if (to === from) {
    // An instant of impact (or `minutes` on a zero-length span): counts where it happened.
    if (from < start || from > until) return undefined;
    return { from, to, minutes: charge.minutes ?? 0 };
  }
  if (clippedTo <= clippedFrom) return undefined;
  const share = (clippedTo - clippedFrom) / (to - from);
  const minutes = charge.minutes !== undefined ? charge.minutes * share : ((clippedTo - clippedFrom) / MINUTE_MS) * (charge.fraction ?? 1);
  return { from: clippedFrom, to: clippedTo, minutes };
}

interface Candidate {
  postmortem: string;
  started: string;
  charge: ImpactCharge;
  span: BadTime;
}

/**
 * The charges of one SLO inside `[start, until]`, with overlapping full outages counted once.
 * Counting charges are placed before excluded ones, so an excluded outage overlapping a counted
 * one adjusts only the minutes the counted one does not already cover: consumed + Σ adjustments
 * = raw.
 */
function placeCharges(candidates: readonly Candidate[], budget: number): BudgetCharge[] {
  const order = [...candidates].sort(
    (a, b) =>
      Number(Boolean(a.charge.excluded)) - Number(Boolean(b.charge.excluded)) ||
      a.span.from - b.span.from ||
      a.postmortem.localeCompare(b.postmortem),
  );
  const covered: [number, number][] = [];
  return order.map((candidate) => {
    let badTime = [candidate.span];
    if (isFullOutage(candidate.charge)) {
      badTime = uncovered(candidate.span.from, candidate.span.to, covered).map(([from, to]) => ({
        from,
        to,
        minutes: (to - from) / MINUTE_MS,
      }));
      cover(covered, candidate.span.from, candidate.span.to);
    }
    const minutes = roundMinutes(badTime.reduce((sum, part) => sum + part.minutes, 0));
    return {
      postmortem: candidate.postmortem,
      started: candidate.started,
      from: candidate.span.from,
      badMinutes: minutes,
      budgetPercent: percentOf(minutes, budget),
      badTime,
      ...(candidate.charge.excluded ? { excluded: candidate.charge.excluded } : {}),
    };
  });
}

const byBadTime = (a: BudgetCharge, b: BudgetCharge) => a.from - b.from || a.postmortem.localeCompare(b.postmortem);

/** A list of incidents by the start of their impact (see `incidentsAround`). */
interface ImpactIndex {
  /** Mitigated incidents, by the start of their impact (epoch ms). */
  mitigated: { incident: IncidentForBudget; from: number }[];
  /** The longest impact among them, ms. */
  longest: number;
  /** Incidents not mitigated (their impact runs to whatever instant is asked), or with a start that is not an instant. */
  open: IncidentForBudget[];
}

const impactIndex = oncePerList((incidents: readonly IncidentForBudget[]): ImpactIndex => {
  const index: ImpactIndex = { mitigated: [], longest: 0, open: [] };
  for (const incident of incidents) {
    const from = instant(incident.timeline.started);
    const to = incident.timeline.mitigated ? instant(incident.timeline.mitigated) : NaN;
    // Not mitigated, or a time that is not an instant: kept where it is always looked at.
    if (Number.isNaN(from) || Number.isNaN(to)) index.open.push(incident);
    else {
      index.mitigated.push({ incident, from });
      index.longest = Math.max(index.longest, to - from);
    }
  }
  index.mitigated.sort((a, b) => a.from - b.from);
  return index;
});

/**
 * The incidents of `incidents` whose impact can reach into `[start, until]`, whatever the as-of
 * instant: every one that is not mitigated, and the mitigated ones that started inside the
 * window or less than the longest mitigated impact before it. Every incident left out has
 * `chargeInWindow` undefined for that window. The policies ask for budgets at every day of a
 * year and at every release, each time of one SLO's incidents, and a window holds a few of them:
 * scanning all for each day took most of a 10,000-doc rebuild's validation.
 */
export function incidentsAround(incidents: readonly IncidentForBudget[], start: number, until: number): readonly IncidentForBudget[] {
  const { mitigated, longest, open } = impactIndex(incidents);
  const from = (entry: { from: number }) => entry.from;
  const near = mitigated
    .slice(firstPosition(mitigated, from, start - longest), firstPosition(mitigated, from, until, true))
    .map((entry) => entry.incident);
  return open.length ? [...open, ...near] : near;
}

/** The budget report of one SLO as of `now` (epoch ms). */
export function sloBudget(
  sloId: string,
  target: SloTarget,
  incidents: readonly IncidentForBudget[],
  now: number,
  atRiskPercent: number,
): BudgetReport {
  const window = resolveWindow(target, now);
  const budget = roundMinutes(((100 - target.objective) / 100) * window.minutes);
  const candidates: Candidate[] = [];
  for (const incident of incidentsAround(incidents, window.start, window.until)) {
    if (!chargesBudgets(incident)) continue;
    for (const charge of incident.impact?.slos ?? []) {
      if (charge.slo !== sloId) continue;
      const span = chargeInWindow(incident.timeline, charge, window.start, window.until, now);
      if (span) candidates.push({ postmortem: incident.id, started: incident.timeline.started, charge, span });
    }
  }
  const placed = placeCharges(candidates, budget);
  const charges = placed.filter((charge) => !charge.excluded).sort(byBadTime);
  const adjustments = placed.filter((charge): charge is BudgetCharge & { excluded: Exclusion } => Boolean(charge.excluded)).sort(byBadTime);
  const consumed = roundMinutes(charges.reduce((sum, charge) => sum + charge.badMinutes, 0));
  const raw = roundMinutes(consumed + adjustments.reduce((sum, charge) => sum + charge.badMinutes, 0));
  return {
    budgetMinutes: budget,
    consumedMinutes: consumed,
    rawConsumedMinutes: raw,
    consumedPercent: percentOf(consumed, budget),
    remainingMinutes: roundMinutes(budget - consumed),
    remainingPercent: roundMinutes(100 - percentOf(consumed, budget)),
    status: budgetStatus(consumed, budget, atRiskPercent),
    charges,
    adjustments,
    windowStart: window.start,
    windowEnd: window.end,
    asOf: now,
    windowKind: window.kind,
  };
}

/** Bad minutes of `charges` accrued by the instant `at` (a point of a burn-down). */
export function consumedBy(charges: readonly Pick<BudgetCharge, 'badTime'>[], at: number): number {
  let total = 0;
  for (const charge of charges) {
    for (const part of charge.badTime) {
      if (at < part.from) continue;
      total += part.to === part.from || at >= part.to ? part.minutes : (part.minutes * (at - part.from)) / (part.to - part.from);
    }
  }
  return roundMinutes(total);
}

/**
 * The instants where a burn-down of `charges` changes slope, from `start` to `until`: between two
 * consecutive ones consumption grows linearly, so a line through them is exact.
 */
export function burnDownInstants(charges: readonly Pick<BudgetCharge, 'badTime'>[], start: number, until: number): number[] {
  const instants = new Set<number>([start, until]);
  for (const charge of charges)
    for (const part of charge.badTime) for (const at of [part.from, part.to]) if (at >= start && at <= until) instants.add(at);
  return [...instants].sort((a, b) => a - b);
}

export interface BurnDownPoint {
  /** Epoch ms. */
  at: number;
  /** budget − consumed by then (the charges that count). */
  remainingMinutes: number;
  /** budget − raw consumption by then (the adjustments counted too). */
  rawRemainingMinutes: number;
}

/**
 * The remaining budget from `start` to `until`, with and without the adjustments, at every
 * instant where it changes slope (straight lines between the points are exact).
 */
export function burnDown(
  budget: number,
  charges: readonly Pick<BudgetCharge, 'badTime'>[],
  adjustments: readonly Pick<BudgetCharge, 'badTime'>[],
  start: number,
  until: number,
): BurnDownPoint[] {
  const all = [...charges, ...adjustments];
  return burnDownInstants(all, start, until).map((at) => ({
    at,
    remainingMinutes: roundMinutes(budget - consumedBy(charges, at)),
    rawRemainingMinutes: roundMinutes(budget - consumedBy(all, at)),
  }));
}

/**
 * Cumulative bad minutes of `charges` at the end of each UTC day from `start`'s day to `until`'s
 * (the last day ends at `until`), as `YYYY-MM-DD`: the daily series of a budget chart.
 */
export function dailyConsumption(
  charges: readonly Pick<BudgetCharge, 'badTime'>[],
  start: number,
  until: number,
): { date: string; consumedMinutes: number }[] {
  const points: { date: string; consumedMinutes: number }[] = [];
  for (let day = dayStart(isoDate(start)); day <= until; day += DAY_MS) {
    points.push({ date: isoDate(day), consumedMinutes: consumedBy(charges, Math.min(day + DAY_MS, until)) });
  }
  return points;
}

/** The SLO charges of one incident, whatever the window: used on the incident's own page. */
export function incidentCharges(incident: IncidentForBudget, targets: ReadonlyMap<string, SloTarget>, now: number) {
  return (incident.impact?.slos ?? []).map((charge) => {
    const minutes = badMinutes(incident.timeline, charge, now);
    const target = targets.get(charge.slo);
    // A calendar SLO's budget is that of the period the incident started in.
    const budget = target ? budgetMinutes(target, instant(incident.timeline.started)) : 0;
    return {
      slo: charge.slo,
      badMinutes: minutes,
      budgetPercent: target ? percentOf(minutes, budget) : 0,
      ...(charge.excluded ? { excluded: charge.excluded } : {}),
    };
  });
}
